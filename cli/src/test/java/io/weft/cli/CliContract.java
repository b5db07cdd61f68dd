package io.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weft.InstanceStatus;
import io.weft.RegistryAddress;
import io.weft.ServiceInstance;
import io.weft.WeftConfig;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import io.weft.spi.RegistryFactory;
import io.weft.spi.RuleValue;
import io.weft.test.WeftExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code weft} command against a real registry, one subclass per backend. Each test works on its
 * own service name; instances are registered through a real {@link Registry}, as providers do.
 */
abstract class CliContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROUTING = """
            {"routes":[{"name":"all","destinations":[{"subset":{"env":"stable"},"weight":100}]}]}""";
    private static final String ROUTING_2 = ROUTING.replace("\"all\"", "\"everyone\"");
    private static final String FAULTS =
            "{\"faults\":[{\"name\":\"slow\",\"side\":\"consumer\",\"delay\":{\"ms\":5,\"percent\":1}}]}";

    @TempDir
    Path dir;
    Registry admin;
    String service;
    private final List<Registry.Registration> registrations = new ArrayList<>();
    private final WeftExtension backend;

    /** The suite on {@code backend}, a {@link WeftExtension} on a static field of the subclass. */
    CliContract(WeftExtension backend) {
        this.backend = backend;
    }

    @BeforeEach
    void connect(TestInfo test) {
        RegistryAddress address = RegistryAddress.parse(backend.registryAddress());
        admin = RegistryFactory.forScheme(address.scheme(), CliContract.class.getClassLoader()).orElseThrow()
                .create(address, WeftConfig.empty());
        service = "io.weft.cli.test." + test.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void disconnect() {
        registrations.forEach(Registry.Registration::close);
        admin.close();
    }

    private Cli.Result weft(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--registry");
        all.add(backend.registryAddress());
        return Cli.run(all.toArray(String[]::new));
    }

    private void provider(int port, String app, double health, long statusAgeMillis, Map<String, Long> applied) {
        ServiceInstance instance = new ServiceInstance(service, "127.0.0.1:" + port, app, "127.0.0.1", port, null,
                null, "1.0.0", 100, Map.of("env", "stable"), List.of("greet"), false, System.currentTimeMillis(),
                new InstanceStatus(health, System.currentTimeMillis() - statusAgeMillis, 1, 0), applied);
        registrations.add(admin.register(InstanceRole.PROVIDER, instance));
    }

    private void consumer(String id, String app) {
        registrations.add(admin.register(InstanceRole.CONSUMER, new ServiceInstance(service, id, app, "127.0.0.1", 0,
                null, null, "", 0, Map.of(), List.of(), false, System.currentTimeMillis(), null, Map.of())));
    }

    private Path file(String json) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "rule", ".json"), json);
    }

    private static JsonNode json(Cli.Result result) throws IOException {
        return JSON.readTree(result.out());
    }

    @Test
    void lsListsTheServiceWithProviderAndConsumerCountsAndAverageHealth() {
        provider(20001, "greeter", 1.0, 0, Map.of());
        provider(20002, "greeter", 0.5, 0, Map.of());
        consumer("web-1", "web");

        Cli.Result result = weft("ls");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).containsPattern("SERVICE +PROVIDERS +CONSUMERS +HEALTH +STATE")
                .containsPattern(service.replace(".", "\\.") + " +2 +1 +0\\.75 +ok");
    }

    @Test
    void lsCountsAStaleStatusAsZeroAndMarksTheServiceDegraded() throws IOException {
        provider(20003, "greeter", 1.0, 0, Map.of());
        provider(20004, "greeter", 1.0, 60_000, Map.of()); // last heartbeat a minute ago

        Cli.Result result = weft("ls", "--json");

        assertThat(result.exitCode()).as("%s", result).isZero();
        JsonNode row = null;
        for (JsonNode s : json(result).path("services")) {
            if (s.path("service").asText().equals(service)) {
                row = s;
            }
        }
        assertThat(row).as("%s", result).isNotNull();
        assertThat(row.path("providers").asInt()).isEqualTo(2);
        assertThat(row.path("health").asDouble()).isEqualTo(0.5);
        assertThat(row.path("degraded").asBoolean()).isFalse(); // 0.5 is not below δ = 0.5
        assertThat(json(result).path("degradedBelow").asDouble()).isEqualTo(0.5);
    }

    @Test
    void describeShowsEveryInstanceWithApplicationTagsWeightHealthAndAppliedRevisions() throws IOException {
        long revision = admin.putRule(service, "routing", ROUTING, 0);
        provider(20005, "greeter", 0.9, 0, Map.of("routing", revision));
        provider(20006, "greeter", 1.0, 60_000, Map.of());
        consumer("web-1", "web");

        Cli.Result result = weft("describe", service);

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).contains(service + "  h̄ 0.45 (degraded)")
                .contains("routing " + revision + ", throttling -, faults -, security -")
                .containsPattern("ADDRESS +APPLICATION +VERSION +WEIGHT +HEALTH +TAGS +RULES APPLIED")
                .containsPattern("127\\.0\\.0\\.1:20005 +greeter +1\\.0\\.0 +100 +0\\.90 +env=stable +routing " + revision)
                .containsPattern("127\\.0\\.0\\.1:20006 +greeter .* 0\\.00 \\(stale\\) .*routing - \\(behind " + revision)
                .contains("consumers (1)").containsPattern("web-1 +web");

        JsonNode json = json(weft("describe", service, "--json"));
        assertThat(json.path("rules").path("routing").asLong()).isEqualTo(revision);
        assertThat(json.path("providers")).hasSize(2);
        assertThat(json.path("providers").get(0).path("appliedRules").path("routing").asLong()).isEqualTo(revision);
        assertThat(json.path("providers").get(1).path("stale").asBoolean()).isTrue();
    }

    @Test
    void describeOfAnUnknownServiceExits1() {
        Cli.Result result = weft("describe", service);

        assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
        assertThat(result.err()).contains("no service " + service);
    }

    @Test
    void putCreatesTheRuleAndGetPrintsItWithItsRevision() throws IOException {
        Cli.Result put = weft("rules", "put", service, "routing", file(ROUTING).toString());

        assertThat(put.exitCode()).as("%s", put).isZero();
        RuleValue stored = admin.getRule(service, "routing").orElseThrow();
        assertThat(stored.json()).isEqualTo(ROUTING);
        assertThat(put.out()).contains("created the routing rule of " + service + ": revision " + stored.revision());

        Cli.Result get = weft("rules", "get", service, "routing");
        assertThat(get.exitCode()).as("%s", get).isZero();
        assertThat(JSON.readTree(get.out())).isEqualTo(JSON.readTree(ROUTING));
        assertThat(get.err()).contains("revision " + stored.revision());

        JsonNode json = json(weft("rules", "get", service, "routing", "--json"));
        assertThat(json.path("revision").asLong()).isEqualTo(stored.revision());
        assertThat(json.path("rule")).isEqualTo(JSON.readTree(ROUTING));
    }

    @Test
    void putOfAnInvalidRulePrintsEveryErrorWithItsFieldPathAndWritesNothing() throws IOException {
        int auditBefore = admin.audit(10_000).size();
        String invalid = """
                {"routes":[{"name":"all","destinations":[{"subset":{"env":"stable"},"weight":-5}]}],
                 "fallback":"sometimes","colour":"blue"}""";

        Cli.Result result = weft("rules", "put", service, "routing", file(invalid).toString());

        assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
        assertThat(result.err()).contains("invalid routing rule (nothing written)")
                .contains("routes[0].destinations[0].weight")
                .contains("fallback")
                .contains("colour");
        assertThat(result.err().lines().filter(l -> l.startsWith("  ")).count()).isEqualTo(3);
        assertThat(admin.getRule(service, "routing")).isEmpty();
        assertThat(admin.audit(10_000)).hasSize(auditBefore);

        JsonNode json = json(weft("rules", "put", service, "routing", file(invalid).toString(), "--json"));
        assertThat(json.path("errors")).hasSize(3);
        assertThat(json.path("errors").get(0).path("path").asText()).isNotEmpty();
    }

    @Test
    void putWithAWrongIfRevisionIsAConflictNamingTheCurrentRevision() throws IOException {
        long revision = admin.putRule(service, "routing", ROUTING, 0);

        Cli.Result result = weft("rules", "put", service, "routing", file(ROUTING_2).toString(),
                "--if-revision", String.valueOf(revision + 7));

        assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
        assertThat(result.err()).contains("conflict").contains("current revision is " + revision);
        assertThat(admin.getRule(service, "routing")).map(RuleValue::json).contains(ROUTING);
    }

    @Test
    void putOverAnExistingRuleWithoutIfRevisionNamesTheRevisionToPass() throws IOException {
        long revision = admin.putRule(service, "routing", ROUTING, 0);

        Cli.Result result = weft("rules", "put", service, "routing", file(ROUTING_2).toString(), "--json");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
        assertThat(result.err()).contains("--if-revision " + revision);
        assertThat(json(result).path("currentRevision").asLong()).isEqualTo(revision);
        assertThat(admin.getRule(service, "routing")).map(RuleValue::json).contains(ROUTING);
    }

    @Test
    void putWithTheRightIfRevisionUpdatesAndTheAuditNamesTheUser() throws IOException {
        long revision = admin.putRule(service, "routing", ROUTING, 0);

        Cli.Result result = weft("rules", "put", service, "routing", file(ROUTING_2).toString(),
                "--if-revision", String.valueOf(revision), "--user", "ada");

        assertThat(result.exitCode()).as("%s", result).isZero();
        RuleValue now = admin.getRule(service, "routing").orElseThrow();
        assertThat(now.json()).isEqualTo(ROUTING_2);
        JsonNode entry = JSON.readTree(admin.audit(1).get(0));
        assertThat(entry.path("user").asText()).isEqualTo("ada");
        assertThat(entry.path("via").asText()).isEqualTo("cli");
        assertThat(entry.path("service").asText()).isEqualTo(service);
        assertThat(entry.path("beforeRevision").asLong()).isEqualTo(revision);
        assertThat(entry.path("before").asText()).isEqualTo(ROUTING);
        assertThat(entry.path("afterRevision").asLong()).isEqualTo(now.revision());
    }

    @Test
    void theAuditNamesTheOsUserWithoutUserOption() throws IOException {
        Cli.Result result = weft("rules", "put", service, "faults", file(FAULTS).toString());

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(JSON.readTree(admin.audit(1).get(0)).path("user").asText())
                .isEqualTo(System.getProperty("user.name"));
    }

    @Test
    void historyListsTheServicesChangesNewestFirstAndRollbackRestoresTheRuleBeforeAnEntry() throws IOException {
        assertThat(weft("rules", "put", service, "routing", file(ROUTING).toString(), "--user", "ada").exitCode())
                .isZero();
        long first = admin.getRule(service, "routing").orElseThrow().revision();
        assertThat(weft("rules", "put", service, "routing", file(ROUTING_2).toString(), "--if-revision",
                String.valueOf(first), "--user", "bob").exitCode()).isZero();
        assertThat(weft("rules", "put", service, "faults", file(FAULTS).toString()).exitCode()).isZero();

        Cli.Result history = weft("rules", "history", service, "routing");
        assertThat(history.exitCode()).as("%s", history).isZero();
        List<String> lines = history.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).containsPattern("ID +AT +USER +VIA +KIND +ACTION +REVISION");
        assertThat(lines.get(1)).contains("bob").contains("put").contains(first + " -> ");
        assertThat(lines.get(2)).contains("ada").contains("- -> " + first);
        assertThat(weft("rules", "history", service).out().lines()).hasSize(4); // the faults change too

        JsonNode entries = json(weft("rules", "history", service, "routing", "--json")).path("entries");
        String bobsChange = entries.get(0).path("id").asText();
        long current = admin.getRule(service, "routing").orElseThrow().revision();

        Cli.Result rollback = weft("rules", "rollback", service, "routing", bobsChange, "--user", "carol");

        assertThat(rollback.exitCode()).as("%s", rollback).isZero();
        RuleValue restored = admin.getRule(service, "routing").orElseThrow();
        assertThat(restored.json()).isEqualTo(ROUTING);
        assertThat(rollback.out()).contains("to before " + bobsChange).contains("revision " + restored.revision());
        JsonNode audit = JSON.readTree(admin.audit(1).get(0));
        assertThat(audit.path("action").asText()).isEqualTo("rollback");
        assertThat(audit.path("rollbackOf").asText()).isEqualTo(bobsChange);
        assertThat(audit.path("user").asText()).isEqualTo("carol");
        assertThat(audit.path("beforeRevision").asLong()).isEqualTo(current);

        String adasCreate = entries.get(1).path("id").asText();
        Cli.Result toNothing = weft("rules", "rollback", service, "routing", adasCreate);
        assertThat(toNothing.exitCode()).as("%s", toNothing).isZero();
        assertThat(admin.getRule(service, "routing")).isEmpty();
    }

    @Test
    void historyWithDiffPrintsEachChangeAsTheConsolesLineDiff() throws IOException {
        assertThat(weft("rules", "put", service, "routing", file(ROUTING).toString()).exitCode()).isZero();
        long first = admin.getRule(service, "routing").orElseThrow().revision();
        assertThat(weft("rules", "put", service, "routing", file(ROUTING_2).toString(), "--if-revision",
                String.valueOf(first)).exitCode()).isZero();

        Cli.Result history = weft("rules", "history", service, "routing", "--diff");
        JsonNode entries = json(weft("rules", "history", service, "routing", "--diff", "--json")).path("entries");

        assertThat(history.exitCode()).as("%s", history).isZero();
        List<String> changed = history.out().lines().filter(l -> l.startsWith("- ") || l.startsWith("+ ")).toList();
        assertThat(changed).startsWith("-" + " ".repeat(7) + "\"name\": \"all\",",
                "+" + " ".repeat(7) + "\"name\": \"everyone\",");
        assertThat(history.out()).contains(entries.get(0).path("id").asText() + " routing " + first + " -> ");
        List<String> newestDiff = new java.util.ArrayList<>();
        entries.get(0).path("diff").forEach(line -> newestDiff.add(line.asText()));
        assertThat(newestDiff).isEqualTo(io.weft.rules.RuleDiff.lines(ROUTING, ROUTING_2));
        assertThat(entries.get(1).path("diff")).allMatch(line -> line.asText().startsWith("+ "));
    }

    @Test
    void rollbackOfAnUnknownEntryExits1AndOfAnotherKindsEntryWritesNothing() throws IOException {
        assertThat(weft("rules", "put", service, "faults", file(FAULTS).toString()).exitCode()).isZero();
        String id = json(weft("rules", "history", service, "--json")).path("entries").get(0).path("id").asText();

        Cli.Result unknown = weft("rules", "rollback", service, "faults", "000000000000");
        Cli.Result wrongKind = weft("rules", "rollback", service, "routing", id);

        assertThat(unknown.exitCode()).as("%s", unknown).isEqualTo(1);
        assertThat(unknown.err()).contains("no audit entry 000000000000");
        assertThat(wrongKind.exitCode()).as("%s", wrongKind).isEqualTo(1);
        assertThat(wrongKind.err()).contains("faults rule");
        assertThat(admin.getRule(service, "routing")).isEmpty();
    }

    @Test
    void rmDeletesOnTheRightRevisionOnlyAndAudits() throws IOException {
        long revision = admin.putRule(service, "throttling", "{\"limits\":[]}", 0);

        Cli.Result wrong = weft("rules", "rm", service, "throttling", "--if-revision", String.valueOf(revision + 1));
        assertThat(wrong.exitCode()).as("%s", wrong).isEqualTo(1);
        assertThat(wrong.err()).contains("current revision is " + revision);
        assertThat(admin.getRule(service, "throttling")).isPresent();

        Cli.Result rm = weft("rules", "rm", service, "throttling", "--if-revision", String.valueOf(revision));
        assertThat(rm.exitCode()).as("%s", rm).isZero();
        assertThat(admin.getRule(service, "throttling")).isEmpty();
        JsonNode entry = JSON.readTree(admin.audit(1).get(0));
        assertThat(entry.path("action").asText()).isEqualTo("delete");
        assertThat(entry.path("before").asText()).isEqualTo("{\"limits\":[]}");

        Cli.Result again = weft("rules", "rm", service, "throttling", "--if-revision", String.valueOf(revision));
        assertThat(again.exitCode()).as("%s", again).isEqualTo(1);
        assertThat(again.err()).contains("no throttling rule for " + service);
    }

    @Test
    void historyAndRollbackFindAnEntryBehindManyNewerEntriesOfOtherServices() throws IOException {
        assertThat(weft("rules", "put", service, "faults", file(FAULTS).toString()).exitCode()).isZero();
        String id = json(weft("rules", "history", service, "--json")).path("entries").get(0).path("id").asText();
        for (int i = 0; i < 100; i++) { // more than the first read window (64)
            admin.appendAudit("{\"service\":\"io.weft.cli.test.Other\",\"kind\":\"faults\",\"n\":" + i + "}");
        }

        Cli.Result history = weft("rules", "history", service);
        Cli.Result rollback = weft("rules", "rollback", service, "faults", id);

        assertThat(history.out()).contains(id);
        assertThat(rollback.exitCode()).as("%s", rollback).isZero();
        assertThat(admin.getRule(service, "faults")).isEmpty();
    }

    @Test
    void getOfAnAbsentRuleExits1() {
        Cli.Result result = weft("rules", "get", service, "security");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
        assertThat(result.err()).contains("no security rule for " + service);
    }
}
