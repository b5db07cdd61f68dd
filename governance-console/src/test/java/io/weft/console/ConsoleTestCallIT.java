package io.weft.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weft.ExportOptions;
import io.weft.spi.InstanceRole;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Test calls through the console's REST API to real providers on a real ZooKeeper: the result, status
 * and latency, the caller's identity in the call's metadata, the audit entry, and bad input.
 */
class ConsoleTestCallIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WHO = "io.weft.console.Who";

    @RegisterExtension
    static final Mesh mesh = Mesh.perClass();
    private static GovernanceConsole console; // started with the address, as ConsoleMain starts it

    @BeforeAll
    static void start() {
        mesh.provider("stable");
        mesh.node("who-app").exportGeneric(WHO, List.of("whoAmI"), (method, args, metadata, deadline) ->
                CompletableFuture.completedFuture("\"" + metadata.get(TestCalls.USER_KEY) + "\""),
                ExportOptions.builder().build());
        console = mesh.consoleOnTheAddress();
    }

    private static ConsoleClient.Answer call(String service, String method, String arguments) {
        return ConsoleClient.loggedIn(console).send("POST", "/api/services/" + service + "/methods/" + method
                + "/call", arguments, null);
    }

    @Test
    void servicePageListsTheMethodsItsProvidersServe() {
        ConsoleClient client = ConsoleClient.loggedIn(console);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(client.get("/api/services/" + Mesh.SERVICE).json().path("methods").toString())
                        .isEqualTo("[\"echo\"]"));
    }

    @Test
    void testCallReturnsTheGreetingWithStatusAndLatencyAndIsAuditedUnderTheUser() throws Exception {
        ConsoleClient.Answer answer = call(Mesh.SERVICE, "echo", "[\"Ada\"]");

        assertThat(answer.status()).as("%s", answer.raw().body()).isEqualTo(200);
        assertThat(answer.json().path("status").asText()).isEqualTo("OK");
        assertThat(answer.json().path("code").asInt()).isZero();
        assertThat(answer.json().path("result").asText()).isEqualTo("stable: Ada");
        assertThat(answer.json().path("latencyMs").asDouble()).isPositive();
        JsonNode audit = JSON.readTree(mesh.registry.audit(1).get(0));
        assertThat(audit.path("action").asText()).isEqualTo("call");
        assertThat(audit.path("user").asText()).isEqualTo("admin");
        assertThat(audit.path("via").asText()).isEqualTo("console");
        assertThat(audit.path("service").asText()).isEqualTo(Mesh.SERVICE);
        assertThat(audit.path("method").asText()).isEqualTo("echo");
        assertThat(audit.path("status").asText()).isEqualTo("OK");
        assertThat(audit.has("kind")).isFalse(); // not a rule change: rule history and rollback skip it
        assertThat(mesh.registry.list(Mesh.SERVICE, InstanceRole.CONSUMER))
                .anyMatch(c -> TestCalls.APPLICATION.equals(c.application()));
    }

    @Test
    void callCarriesTheConsoleUserInItsMetadata() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            ConsoleClient.Answer answer = call(WHO, "whoAmI", "[]");
            assertThat(answer.json().path("status").asText()).isEqualTo("OK");
            assertThat(answer.json().path("result").asText()).isEqualTo("admin");
        });
    }

    @Test
    void failedCallAnswersItsStatusAndMessageAndBadInputIsA400() {
        ConsoleClient.Answer unknown = call(Mesh.SERVICE, "nope", "[]");
        ConsoleClient.Answer noProviders = call("io.weft.console.Nobody", "echo", "[]");

        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.json().path("status").asText()).isEqualTo("NOT_FOUND");
        assertThat(unknown.json().path("message").asText()).contains("nope");
        assertThat(noProviders.json().path("status").asText()).isEqualTo("UNAVAILABLE");
        assertThat(call(Mesh.SERVICE, "echo", "{\"text\":\"Ada\"}").status()).isEqualTo(400);
        assertThat(call(Mesh.SERVICE, "echo", "[\"Ada\"").json().path("error").asText()).contains("not JSON");
        assertThat(ConsoleClient.loggedIn(console).send("POST", "/api/services/" + Mesh.SERVICE
                + "/methods/echo/call?timeoutMs=0", "[]", null).status()).isEqualTo(400);
        assertThat(ConsoleClient.loggedIn(console).send("POST", "/api/services/" + Mesh.SERVICE
                + "/methods/echo/call", "[]", null, null).status()).isEqualTo(403); // no CSRF token
    }

    @Test
    void consoleStartedOverARegistryObjectSaysTestCallsNeedAnAddress() {
        ConsoleClient.Answer answer = ConsoleClient.loggedIn(mesh.console).send("POST", "/api/services/"
                + Mesh.SERVICE + "/methods/echo/call", "[\"Ada\"]", null);

        assertThat(answer.status()).isEqualTo(501);
        assertThat(answer.json().path("error").asText()).contains("registry address");
    }
}
