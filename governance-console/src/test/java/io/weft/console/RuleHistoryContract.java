package io.weft.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.weft.RegistryAddress;
import io.weft.WeftConfig;
import io.weft.spi.Registry;
import io.weft.spi.RuleValue;
import io.weft.test.WeftExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A rule's history and rollback through the console's REST API, against a real registry of each
 * backend (subclasses): the entries {@code weft rules history} shows, with diffs, and a rollback that is
 * compare-and-set and audited.
 */
abstract class RuleHistoryContract {
    private static final AtomicInteger SERVICES = new AtomicInteger();
    private static final String V1 = "{\"routes\":[{\"name\":\"all\",\"destinations\":[{\"weight\":100}]}],\"fallback\":\"all\"}";
    private static final String V2 = "{\"routes\":[{\"name\":\"canary\",\"destinations\":"
            + "[{\"subset\":{\"env\":\"canary\"},\"weight\":100}]}],\"fallback\":\"all\"}";

    private static final String FAULTS = "{\"faults\":[{\"name\":\"f\",\"side\":\"consumer\","
            + "\"abort\":{\"status\":\"UNAVAILABLE\",\"percent\":1}}]}";

    private Registry registry;
    private GovernanceConsole console;
    private ConsoleClient client;
    private String service;
    private String rules;
    private final WeftExtension backend;

    /** The suite on {@code backend}, a {@link WeftExtension} on a static field of the subclass. */
    RuleHistoryContract(WeftExtension backend) {
        this.backend = backend;
    }

    @BeforeEach
    void startConsole() {
        // a generous connect timeout: etcd's first lease can take seconds on a loaded build machine
        registry = GovernanceConsole.connect(RegistryAddress.parse(backend.registryAddress()),
                WeftConfig.of(Map.of("weft.registry.connect-timeout-ms", "30000")));
        console = GovernanceConsole.start(registry, Mesh.options());
        client = ConsoleClient.loggedIn(console);
        service = "io.weft.history.Svc" + SERVICES.incrementAndGet();
        rules = "/api/services/" + service + "/rules/";
    }

    @AfterEach
    void stopConsole() {
        console.close();
        registry.close();
    }

    private long put(String kind, String json, Long ifMatch) {
        ConsoleClient.Answer answer = client.send("PUT", rules + kind, json, ifMatch == null ? null : "\"" + ifMatch + "\"");
        assertThat(answer.status()).as("%s", answer.raw().body()).isIn(200, 201);
        return answer.json().path("revision").asLong();
    }

    private JsonNode history(String kind) {
        ConsoleClient.Answer answer = client.get(rules + kind + "/history");
        assertThat(answer.status()).as("%s", answer.raw().body()).isEqualTo(200);
        return answer.json();
    }

    private ConsoleClient.Answer rollback(String kind, String entry, String ifMatch) {
        return client.send("POST", rules + kind + "/history/" + entry + "/rollback", null, ifMatch);
    }

    @Test
    void aLimitOutsideItsRangeIsA400NamingItAndNoLimitTakesTheDefault() {
        put("routing", V1, null);
        for (String bad : new String[] {"0", "1001", "ten"}) {
            ConsoleClient.Answer answer = client.get(rules + "routing/history?limit=" + bad);
            assertThat(answer.status()).as("limit=%s: %s", bad, answer.raw().body()).isEqualTo(400);
            assertThat(answer.raw().body()).contains("limit='" + bad + "'", "1..1000");
        }
        assertThat(client.get(rules + "routing/history?limit=1").json().path("entries")).hasSize(1);
        assertThat(client.get("/api/audit").status()).isEqualTo(200);
    }

    @Test
    void historyListsOneKindsChangesNewestFirstWithTheirDiffsAndTheCurrentRevision() {
        long r1 = put("routing", V1, null);
        put("faults", FAULTS, null);
        long r2 = put("routing", V2, r1);

        JsonNode history = history("routing");

        assertThat(history.path("revision").asLong()).isEqualTo(r2);
        assertThat(client.get(rules + "routing/history").header("ETag")).isEqualTo("\"" + r2 + "\"");
        JsonNode entries = history.path("entries");
        assertThat(entries).hasSize(2); // the faults change is another kind's
        JsonNode newest = entries.get(0);
        assertThat(newest.path("action").asText()).isEqualTo("put");
        assertThat(newest.path("user").asText()).isEqualTo("admin");
        assertThat(newest.path("via").asText()).isEqualTo("console");
        assertThat(newest.path("beforeRevision").asLong()).isEqualTo(r1);
        assertThat(newest.path("afterRevision").asLong()).isEqualTo(r2);
        assertThat(newest.path("id").asText()).matches("[0-9a-f]{12}");
        assertThat(texts(newest.path("diff"))).contains("-       \"name\": \"all\",", "+       \"name\": \"canary\",",
                "    \"fallback\": \"all\"");
        assertThat(entries.get(1).path("beforeRevision").isNull()).isTrue();
        assertThat(texts(entries.get(1).path("diff"))).allMatch(line -> line.startsWith("+ "));
        // the same ids as the audit log (and weft rules history: the same AuditHistory)
        JsonNode audit = client.get("/api/audit?limit=10").json().path("entries");
        assertThat(audit.get(0).path("id").asText()).isEqualTo(newest.path("id").asText());
        assertThat(audit.get(0).path("diff")).isEqualTo(newest.path("diff"));
    }

    @Test
    void rollbackWritesTheRuleAsItWasBeforeTheEntryAndIsAuditedAsARollbackOfIt() {
        long r1 = put("routing", V1, null);
        long r2 = put("routing", V2, r1);
        String change = history("routing").path("entries").get(0).path("id").asText();

        ConsoleClient.Answer answer = rollback("routing", change, "\"" + r2 + "\"");

        assertThat(answer.status()).as("%s", answer.raw().body()).isEqualTo(200);
        RuleValue now = registry.getRule(service, "routing").orElseThrow();
        assertThat(now.json()).isEqualTo(V1);
        assertThat(answer.json().path("revision").asLong()).isEqualTo(now.revision());
        assertThat(answer.header("ETag")).isEqualTo("\"" + now.revision() + "\"");
        JsonNode entry = history("routing").path("entries").get(0);
        assertThat(entry.path("action").asText()).isEqualTo("rollback");
        assertThat(entry.path("rollbackOf").asText()).isEqualTo(change);
        assertThat(entry.path("user").asText()).isEqualTo("admin");
        assertThat(entry.path("at").asLong()).isPositive();
        assertThat(entry.path("beforeRevision").asLong()).isEqualTo(r2);
        assertThat(entry.path("after").asText()).isEqualTo(V1);
    }

    @Test
    void rollbackOfTheCreationDeletesTheRuleAndOfADeletionCreatesItAgain() {
        long r1 = put("throttling", "{\"limits\":[{\"name\":\"q\",\"side\":\"provider\",\"qps\":5}]}", null);
        String creation = history("throttling").path("entries").get(0).path("id").asText();

        assertThat(rollback("throttling", creation, "\"" + r1 + "\"").status()).isEqualTo(200);
        assertThat(registry.getRule(service, "throttling")).isEmpty();
        String deletion = history("throttling").path("entries").get(0).path("id").asText();

        ConsoleClient.Answer again = rollback("throttling", deletion, "\"0\"");
        assertThat(again.status()).as("%s", again.raw().body()).isEqualTo(200);
        assertThat(registry.getRule(service, "throttling").orElseThrow().json()).contains("\"qps\":5");
    }

    @Test
    void rollbackRacingAnotherEditIsRefusedWith412AndWritesNothing() {
        long r1 = put("routing", V1, null);
        long r2 = put("routing", V2, r1);
        String change = history("routing").path("entries").get(0).path("id").asText();
        long r3 = put("routing", V2.replace("canary", "beta"), r2); // someone else, after the page was read
        int entries = history("routing").path("entries").size();

        ConsoleClient.Answer answer = rollback("routing", change, "\"" + r2 + "\"");

        assertThat(answer.status()).isEqualTo(412);
        assertThat(answer.json().path("error").asText()).contains("changed meanwhile").contains("revision " + r2)
                .contains("revision " + r3);
        assertThat(registry.getRule(service, "routing").orElseThrow().revision()).isEqualTo(r3);
        assertThat(history("routing").path("entries")).hasSize(entries);
    }

    @Test
    void rollbackNeedsIfMatchAKnownEntryOfThisRuleAndTheCsrfToken() {
        long r1 = put("routing", V1, null);
        put("faults", FAULTS, null);
        String routingEntry = history("routing").path("entries").get(0).path("id").asText();
        String ifMatch = "\"" + r1 + "\"";

        List<Integer> statuses = new ArrayList<>();
        statuses.add(rollback("routing", routingEntry, null).status());
        statuses.add(rollback("routing", "000000000000", ifMatch).status());
        statuses.add(rollback("faults", routingEntry, ifMatch).status());
        statuses.add(rollback("routing", routingEntry, "seven").status());
        statuses.add(client.send("POST", rules + "routing/history/" + routingEntry + "/rollback", null, ifMatch, null)
                .status());
        statuses.add(new ConsoleClient(console).get(rules + "routing/history").status());

        assertThat(statuses).containsExactly(428, 404, 400, 400, 403, 401);
        assertThat(rollback("faults", routingEntry, ifMatch).json().path("error").asText())
                .contains("routing rule of " + service);
        assertThat(registry.getRule(service, "routing").orElseThrow().revision()).isEqualTo(r1);
        assertThat(client.get(rules + "routing/history?limit=0").status()).isEqualTo(400);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
