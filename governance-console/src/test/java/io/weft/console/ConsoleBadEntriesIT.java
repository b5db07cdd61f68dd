package io.weft.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Registry entries no Weft instance would write (a service name with a space, a status number that is
 * not finite), put into a real ZooKeeper by hand: the console lists them as invalid, with the reason,
 * and keeps showing everything else.
 */
class ConsoleBadEntriesIT {
    private static final String BAD_INSTANCE = "10.9.9.9:1";
    @RegisterExtension
    static final Mesh mesh = Mesh.perClass();
    private static RawZooKeeper zk;

    @BeforeAll
    static void startProvider() throws Exception {
        mesh.provider("stable");
        zk = mesh.rawZooKeeper();
    }

    private static String instanceJson(String service, String qps) {
        return "{\"service\":\"" + service + "\",\"instanceId\":\"" + BAD_INSTANCE + "\",\"application\":\"odd\","
                + "\"host\":\"10.9.9.9\",\"port\":1,\"protocol\":\"weft/1\",\"serializations\":[\"hessian2\"],"
                + "\"version\":\"\",\"weight\":100,\"tags\":{},\"methods\":[\"echo\"],\"tls\":false,"
                + "\"startedAt\":1764000000000,\"status\":{\"health\":1.0,\"updatedAt\":" + System.currentTimeMillis()
                + ",\"qps\":" + qps + ",\"errorRate\":0.0}}";
    }

    @Test
    void serviceNameWithASpaceIsFlaggedAndEveryOtherServiceIsStillListed() throws Exception {
        zk.write("/weft/services/bad name/providers/" + BAD_INSTANCE, instanceJson("bad name", "1.0"));
        ConsoleClient client = ConsoleClient.loggedIn(mesh.console);

        ConsoleClient.Answer answer = client.get("/api/services");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode bad = find(answer.json().path("services"), "bad name");
        assertThat(bad.path("invalid").asText()).contains("whitespace");
        JsonNode echo = find(answer.json().path("services"), Mesh.SERVICE);
        assertThat(echo.path("providers").asInt()).isEqualTo(1);
        assertThat(echo.path("invalid").isNull()).isTrue();
        assertThat(client.get("/api/services/bad%20name").json().path("error").asText()).contains("whitespace");
    }

    @Test
    void nonFiniteNumberInAStatusIsFlaggedAndTheServicePageStillShowsEveryInstance() throws Exception {
        String path = "/weft/services/" + Mesh.SERVICE + "/providers/" + BAD_INSTANCE;
        zk.writeEphemeral(path, instanceJson(Mesh.SERVICE, "1e999"));
        try {
            ConsoleClient client = ConsoleClient.loggedIn(mesh.console);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                ConsoleClient.Answer answer = client.get("/api/services/" + Mesh.SERVICE);
                assertThat(answer.status()).isEqualTo(200);
                JsonNode providers = answer.json().path("providers");
                assertThat(providers).hasSize(2);
                JsonNode odd = findInstance(providers, BAD_INSTANCE);
                assertThat(odd.path("qps").isNumber()).isTrue();
                assertThat(odd.path("qps").asDouble()).isZero();
                assertThat(odd.path("invalid").asText()).contains("status.qps").contains("Infinity");
                for (JsonNode p : providers) { // the real provider is shown as before
                    if (!p.path("instanceId").asText().equals(BAD_INSTANCE)) {
                        assertThat(p.path("invalid").isNull()).isTrue();
                        assertThat(p.path("health").asDouble()).isEqualTo(1.0);
                    }
                }
            });
        } finally {
            zk.deleteRecursively(path);
        }
    }

    private static JsonNode find(JsonNode services, String name) {
        for (JsonNode s : services) {
            if (s.path("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no service " + name + " in " + services);
    }

    private static JsonNode findInstance(JsonNode instances, String id) {
        for (JsonNode i : instances) {
            if (i.path("instanceId").asText().equals(id)) {
                return i;
            }
        }
        throw new AssertionError("no instance " + id + " in " + instances);
    }
}
