package io.weft.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.weft.Weft;
import io.weft.spi.InstanceRole;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The history and topology endpoints against a real ZooKeeper with real providers writing status every second. */
class ConsoleHistoryApiIT {
    private static final String HISTORY = "/api/services/" + Mesh.SERVICE + "/history";

    @RegisterExtension
    static final Mesh mesh = Mesh.perClass(Duration.ofSeconds(1));
    private static Echo echo;

    @BeforeAll
    static void startNodes() {
        mesh.provider("stable");
        echo = mesh.consumer("web");
    }

    private static ConsoleClient loggedIn() {
        return ConsoleClient.loggedIn(mesh.console);
    }

    private static double last(JsonNode values) {
        for (int i = values.size() - 1; i >= 0; i--) {
            if (!values.get(i).isNull()) {
                return values.get(i).asDouble();
            }
        }
        return Double.NaN;
    }

    @Test
    void serviceAndInstanceHistoryHoldTheCallsTheProviderReported() {
        ConsoleClient client = loggedIn();
        String instance = mesh.registry.list(Mesh.SERVICE, InstanceRole.PROVIDER).get(0).instanceId();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (int i = 0; i < 20; i++) {
                echo.echo("x");
            }
            JsonNode service = client.get(HISTORY + "?minutes=5").json();
            assertThat(last(service.path("series").path("callsPerSecond"))).isGreaterThan(0);
            assertThat(last(service.path("series").path("health"))).isEqualTo(1.0);
            assertThat(service.path("instances").toString()).contains(instance);
            JsonNode one = client.get("/api/services/" + Mesh.SERVICE + "/instances/" + instance + "/history").json();
            assertThat(last(one.path("series").path("callsPerSecond"))).isGreaterThan(0);
        });
        JsonNode service = client.get(HISTORY).json();
        assertThat(service.path("stepMs").asLong()).isEqualTo(1000);
        assertThat(service.path("degradedBelow").asDouble()).isEqualTo(0.5);
        assertThat(service.path("degradedSince").isNull()).isTrue();
        assertThat(service.path("series").path("t").size()).isEqualTo(service.path("series").path("p99Ms").size());
    }

    @Test
    void badMinutesAndUnknownInstancesAreClearErrorsAndHistoryNeedsASession() {
        ConsoleClient client = loggedIn();
        for (String bad : new String[] {"0", "61", "soon"}) {
            ConsoleClient.Answer answer = client.get(HISTORY + "?minutes=" + bad);
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().path("error").asText()).contains("minutes").contains("1 to 60").contains(bad);
        }
        ConsoleClient.Answer unknown = client.get("/api/services/" + Mesh.SERVICE + "/instances/10.0.0.9:1/history");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").asText()).contains("10.0.0.9:1");
        assertThat(new ConsoleClient(mesh.console).get(HISTORY).status()).isEqualTo(401);
        assertThat(new ConsoleClient(mesh.console).get("/api/topology").status()).isEqualTo(401);
        assertThat(client.get("/api/services").status()).isEqualTo(200); // still serving
    }

    @Test
    void topologyLinksTheConsumerApplicationToTheServiceAndTheServiceToItsProvider() {
        ConsoleClient client = loggedIn();
        String provider = "provider:" + Mesh.SERVICE + "/"
                + mesh.registry.list(Mesh.SERVICE, InstanceRole.PROVIDER).get(0).instanceId();
        JsonNode graph = client.get("/api/topology").json();
        assertThat(graph.path("nodes").findValuesAsText("id"))
                .contains("application:web", "service:" + Mesh.SERVICE, provider);
        assertThat(graph.path("edges").toString())
                .contains("\"from\":\"application:web\",\"to\":\"service:" + Mesh.SERVICE + "\"")
                .contains("\"from\":\"service:" + Mesh.SERVICE + "\",\"to\":\"" + provider + "\"");
        assertThat(edge(graph, "application:web").path("shared").asBoolean()).isFalse();

        Weft mobile = mesh.node("mobile");
        try {
            mobile.reference(Echo.class).echo("hi"); // a second caller: the service's total is theirs together
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode now = client.get("/api/topology").json();
                assertThat(edge(now, "application:mobile").path("shared").asBoolean()).isTrue();
                assertThat(edge(now, "application:web").path("shared").asBoolean()).isTrue();
            });
        } finally {
            mobile.close();
        }
    }

    private static JsonNode edge(JsonNode graph, String from) {
        for (JsonNode e : graph.path("edges")) {
            if (e.path("from").asText().equals(from) && e.path("to").asText().equals("service:" + Mesh.SERVICE)) {
                return e;
            }
        }
        throw new AssertionError("no edge " + from + " → " + Mesh.SERVICE + " in " + graph);
    }

    @Test
    void chartLibraryIsServedFromTheConsolesOwnJar() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                mesh.console.url() + "webjars/uplot/1.6.30/dist/uPlot.esm.js")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("export { uPlot as default }");
    }
}
