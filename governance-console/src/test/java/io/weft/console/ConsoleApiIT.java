package io.weft.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.weft.spi.RuleValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The REST API against a real ZooKeeper with real providers and consumers. */
class ConsoleApiIT {
    private static final String RULES = "/api/services/" + Mesh.SERVICE + "/rules/";
    private static final String ROUTING = """
            {"routes":[{"name":"canary","destinations":[{"subset":{"env":"canary"},"weight":100}]}],"fallback":"all"}""";

    @RegisterExtension
    static final Mesh mesh = Mesh.perClass();

    @BeforeAll
    static void startNodes() {
        mesh.provider("stable");
        mesh.consumer("web");
    }

    private static ConsoleClient loggedIn() {
        return ConsoleClient.loggedIn(mesh.console);
    }

    @Test
    void wrongPasswordIsRefusedAndRepeatedFailuresAreThrottled() {
        ConsoleClient client = new ConsoleClient(mesh.console);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < ConsoleAuth.MAX_FAILURES + 1; i++) {
            statuses.add(client.login("guess " + i).status());
        }
        assertThat(statuses).startsWith(401, 401).endsWith(429);
        // throttled: even the right password is not checked for a while
        assertThat(client.login(Mesh.PASSWORD).status()).isEqualTo(429);
        assertThat(client.get("/api/services").status()).isEqualTo(401);
    }

    @Test
    void everyApiCallNeedsASessionAndWritesNeedTheCsrfToken() {
        ConsoleClient anonymous = new ConsoleClient(mesh.console);
        assertThat(anonymous.get("/api/services").status()).isEqualTo(401);
        assertThat(anonymous.send("PUT", RULES + "faults", "{\"faults\":[]}", null).status()).isEqualTo(401);

        ConsoleClient client = loggedIn();
        ConsoleClient.Answer login = new ConsoleClient(mesh.console).login(Mesh.PASSWORD);
        assertThat(login.header("Set-Cookie")).contains("HttpOnly").contains("SameSite=Strict");
        assertThat(client.send("POST", "/api/validate/routing", ROUTING, null, null).status()).isEqualTo(403);
        assertThat(client.send("POST", "/api/validate/routing", ROUTING, null, "forged").status()).isEqualTo(403);
        assertThat(client.send("POST", "/api/validate/routing", ROUTING, null).json().path("valid").asBoolean()).isTrue();
        assertThat(client.get("/").header("Content-Security-Policy")).contains("script-src 'self'");
    }

    @Test
    void servicesListShowsCountsHealthAndTheServicePageShowsSync() {
        ConsoleClient client = loggedIn();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode services = client.get("/api/services").json().path("services");
            JsonNode echo = find(services, "name", Mesh.SERVICE);
            assertThat(echo.path("providers").asInt()).isEqualTo(1);
            assertThat(echo.path("consumers").asInt()).isEqualTo(1);
            assertThat(echo.path("health").asDouble()).isEqualTo(1.0);
            assertThat(echo.path("degraded").asBoolean()).isFalse();
        });
        // A provider reports the rules in force within a second of a change (AppliedRules.SPREAD_MILLIS),
        // and another test of this class may just have changed one.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode provider = client.get("/api/services/" + Mesh.SERVICE).json().path("providers").get(0);
            assertThat(provider.path("tags").path("env").asText()).isEqualTo("stable");
            assertThat(provider.path("rules").path("security").path("state").asText()).isEqualTo("in sync");
        });
    }

    @Test
    void sidecarInstancesAreMarkedAsSuch() {
        mesh.sidecarProvider("py.Inventory");
        ConsoleClient client = loggedIn();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(client.get("/api/services/py.Inventory")
                .json().path("providers").get(0).path("sidecar").asBoolean()).isTrue());
        assertThat(client.get("/api/services/" + Mesh.SERVICE).json().path("providers").get(0).path("sidecar")
                .asBoolean()).isFalse();
    }

    @Test
    void invalidRuleIsRefusedWithFieldErrorsAndChangesNothing() {
        ConsoleClient client = loggedIn();
        String bad = "{\"limits\":[{\"side\":\"provider\",\"qps\":-5}],\"extra\":1}";
        ConsoleClient.Answer answer = client.send("PUT", RULES + "throttling", bad, null);

        assertThat(answer.status()).isEqualTo(400);
        List<String> paths = new ArrayList<>();
        answer.json().path("errors").forEach(e -> paths.add(e.path("path").asText()));
        assertThat(paths).contains("limits[0].qps", "extra");
        assertThat(mesh.registry.getRule(Mesh.SERVICE, "throttling")).isEmpty();
        assertThat(client.send("POST", "/api/validate/throttling", bad, null).json().path("errors")).hasSize(2);

        // A consumer cannot evaluate `instances` (it matches before it picks one): refused, not ignored.
        String consumerFault = """
                {"faults":[{"side":"consumer","match":{"instances":["127.0.0.1:20881"]},
                            "abort":{"status":"UNAVAILABLE","percent":100}}]}""";
        ConsoleClient.Answer refused = client.send("PUT", RULES + "faults", consumerFault, null);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("errors")).singleElement().satisfies(e -> {
            assertThat(e.path("path").asText()).isEqualTo("faults[0].match.instances");
            assertThat(e.path("message").asText()).startsWith("not supported on consumer-side rules");
        });
        assertThat(mesh.registry.getRule(Mesh.SERVICE, "faults")).isEmpty();
    }

    @Test
    void ruleWritesAreCompareAndSetOnTheETagAndAudited() {
        ConsoleClient client = loggedIn();
        ConsoleClient.Answer created = client.send("PUT", RULES + "routing", ROUTING, null);
        assertThat(created.status()).isEqualTo(201);
        String etag = created.header("ETag");
        long revision = created.json().path("revision").asLong();
        assertThat(etag).isEqualTo("\"" + revision + "\"");
        assertThat(client.get(RULES + "routing").header("ETag")).isEqualTo(etag);

        String updated = ROUTING.replace("\"all\"", "\"fail\"");
        assertThat(client.send("PUT", RULES + "routing", updated, null).status()).isEqualTo(428);
        ConsoleClient.Answer ok = client.send("PUT", RULES + "routing", updated, etag);
        assertThat(ok.status()).isEqualTo(200);

        // a second editor still holding the first revision loses, and the registry keeps the winner
        assertThat(client.send("PUT", RULES + "routing", ROUTING, etag).status()).isEqualTo(412);
        assertThat(client.send("DELETE", RULES + "routing", null, etag).status()).isEqualTo(412);
        long current = ok.json().path("revision").asLong();
        assertThat(mesh.registry.getRule(Mesh.SERVICE, "routing")).contains(new RuleValue(updated, current));

        assertThat(client.send("DELETE", RULES + "routing", null, ok.header("ETag")).status()).isEqualTo(204);
        assertThat(mesh.registry.getRule(Mesh.SERVICE, "routing")).isEmpty();
        assertThat(client.get(RULES + "routing").status()).isEqualTo(404);

        JsonNode entries = client.get("/api/audit").json().path("entries");
        assertThat(entries.get(0).path("action").asText()).isEqualTo("delete");
        assertThat(entries.get(0).path("before").asText()).isEqualTo(updated);
        assertThat(entries.get(1).path("after").asText()).isEqualTo(updated);
        assertThat(entries.get(1).path("before").asText()).isEqualTo(ROUTING);
        assertThat(entries.get(2).path("before").isNull()).isTrue();
        assertThat(entries.get(2).path("user").asText()).isEqualTo("admin");
    }

    @Test
    void unknownRuleKindIsNotFound() {
        ConsoleClient client = loggedIn();
        assertThat(client.get(RULES + "retries").status()).isEqualTo(404);
        assertThat(client.send("PUT", RULES + "retries", "{}", null).status()).isEqualTo(404);
    }

    @Test
    void securityRuleDecidingByAppWithoutAuthenticationIsSavedWithAWarningThatTheAppCanBeForged() {
        ConsoleClient client = loggedIn();
        String byApp = "{\"defaultAction\":\"deny\",\"rules\":[{\"action\":\"allow\","
                + "\"match\":{\"consumerApps\":[\"web\"]}}]}";
        ConsoleClient.Answer validated = client.send("POST", "/api/validate/security", byApp, null);
        assertThat(validated.json().path("valid").asBoolean()).isTrue();
        assertThat(validated.json().path("warnings").get(0).asText())
                .contains("rules[0]").contains("consumerApps").contains("authentication").contains("forge");

        ConsoleClient.Answer saved = client.send("PUT", RULES + "security", byApp, null);
        try {
            assertThat(saved.status()).isEqualTo(201);
            assertThat(saved.json().path("warnings")).hasSize(1);
            assertThat(client.get(RULES + "security").json().path("warnings")).hasSize(1);
            assertThat(client.get("/api/services/" + Mesh.SERVICE).json()
                    .path("rules").path("security").path("warnings")).hasSize(1);
        } finally {
            mesh.registry.deleteRule(Mesh.SERVICE, "security", -1);
        }

        String withTokens = byApp.replace("}]}", "}],\"authentication\":{\"mode\":\"token\",\"tokens\":"
                + "[{\"app\":\"web\",\"sha256\":\"" + "ab".repeat(32) + "\"}]}}");
        ConsoleClient.Answer authenticated = client.send("POST", "/api/validate/security", withTokens, null);
        assertThat(authenticated.json().path("valid").asBoolean()).as("%s", authenticated.json()).isTrue();
        assertThat(authenticated.json().path("warnings")).isEmpty();
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode node : array) {
            if (node.path(field).asText().equals(value)) {
                return node;
            }
        }
        throw new AssertionError("no " + field + "=" + value + " in " + array);
    }
}
