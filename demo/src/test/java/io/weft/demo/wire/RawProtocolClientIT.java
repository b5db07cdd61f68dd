package io.weft.demo.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weft.ExportOptions;
import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.demo.EmbeddedZooKeeper;
import io.weft.demo.Greeter;
import io.weft.demo.GreeterImpl;
import io.weft.demo.ZooKeeperClients;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A demo provider started through the public API, found through its registry node (DESIGN §5),
 * and spoken to with {@link RawWeftClient}, which knows only DESIGN §4.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RawProtocolClientIT {
    private static final String SERVICE = Greeter.class.getName();
    private static final String PROVIDERS = "/weft/services/" + SERVICE + "/providers";
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private EmbeddedZooKeeper zooKeeper;
    private Weft provider;
    private ZooKeeper registryReader;
    private String host;
    private int port;
    private JsonNode instanceJson;

    @BeforeAll
    void startProviderAndFindItInTheRegistry() throws Exception {
        zooKeeper = EmbeddedZooKeeper.start();
        provider = Weft.create(WeftConfig.load()
                .with(WeftConfig.REGISTRY_ADDRESS, zooKeeper.registryAddress())
                .with(WeftConfig.APPLICATION, "greeter-provider")
                .with(WeftConfig.SERVER_HOST, "127.0.0.1")
                .with(WeftConfig.SERVER_PORT, "0"));
        provider.export(Greeter.class, new GreeterImpl("raw-it"),
                ExportOptions.builder().tag("env", "stable").build());

        registryReader = ZooKeeperClients.connect(zooKeeper.connectString());
        List<String> children = await().atMost(Duration.ofSeconds(15))
                .until(() -> registryReader.exists(PROVIDERS, false) == null
                        ? List.<String>of()
                        : registryReader.getChildren(PROVIDERS, false), list -> !list.isEmpty());
        assertThat(children).hasSize(1);
        String node = children.get(0);
        int colon = node.lastIndexOf(':');
        host = node.substring(0, colon);
        port = Integer.parseInt(node.substring(colon + 1));
        instanceJson = readInstanceJson();
    }

    private JsonNode readInstanceJson() throws Exception {
        byte[] data = registryReader.getData(PROVIDERS + "/" + host + ":" + port, false, null);
        return new ObjectMapper().readTree(new String(data, StandardCharsets.UTF_8));
    }

    @AfterAll
    void stop() throws Exception {
        if (registryReader != null) {
            registryReader.close();
        }
        if (provider != null) {
            provider.close();
        }
        if (zooKeeper != null) {
            zooKeeper.close();
        }
    }

    @Test
    void registryNodeHoldsTheInstanceJson() throws Exception {
        assertThat(host).isEqualTo("127.0.0.1");
        assertThat(port).isPositive();
        // The status heartbeat may be written shortly after registration: give it a bounded moment.
        JsonNode json = instanceJson.has("status") ? instanceJson : await().atMost(Duration.ofSeconds(20))
                .until(this::readInstanceJson, node -> node.has("status"));
        assertThat(json.path("service").asText()).isEqualTo(SERVICE);
        assertThat(json.path("instanceId").asText()).isEqualTo(host + ":" + port);
        assertThat(json.path("application").asText()).isEqualTo("greeter-provider");
        assertThat(json.path("host").asText()).isEqualTo(host);
        assertThat(json.path("port").asInt()).isEqualTo(port);
        assertThat(json.path("protocol").asText()).isEqualTo("weft/1");
        assertThat(json.path("serializations").isArray()).isTrue();
        assertThat(json.path("serializations").toString()).isEqualTo("[\"hessian2\",\"json\"]");
        assertThat(json.path("weight").isInt()).isTrue();
        assertThat(json.path("weight").asInt()).isEqualTo(100);
        assertThat(json.path("tags").path("env").asText()).isEqualTo("stable");
        List<String> methods = new ArrayList<>();
        json.path("methods").forEach(m -> methods.add(m.asText()));
        assertThat(methods).contains("greet", "greetAsync", "notify", "whoAmI");
        assertThat(json.path("startedAt").asLong()).isPositive();
        assertThat(json.path("status").path("health").isNumber()).isTrue();
        assertThat(json.path("status").path("updatedAt").asLong()).isPositive();
    }

    @Test
    void greetOverTheRawProtocolAnswersHello() throws Exception {
        try (RawWeftClient client = newClient()) {
            long id = client.sendRequest(SERVICE, "greet", "Ada");

            RawWeftClient.Frame response = client.readFrame();

            assertThat(response.kind()).isEqualTo(RawWeftClient.KIND_RESPONSE);
            assertThat(response.id()).isEqualTo(id);
            assertThat(response.status()).as("status, metadata %s", response.metadata()).isZero();
            assertThat(response.serialization()).isEqualTo(RawWeftClient.SERIALIZATION_HESSIAN2);
            assertThat(response.bodyValue()).isEqualTo("Hello, Ada");
        }
    }

    @Test
    void requestsInFlightTogetherAreMatchedById() throws Exception {
        try (RawWeftClient client = newClient()) {
            long first = client.sendRequest(SERVICE, "greet", "Ada");
            long second = client.sendRequest(SERVICE, "greet", "Grace");

            Map<Long, Object> bodies = new HashMap<>();
            for (int i = 0; i < 2; i++) {
                RawWeftClient.Frame f = client.readFrame();
                assertThat(f.kind()).isEqualTo(RawWeftClient.KIND_RESPONSE);
                assertThat(f.status()).isZero();
                bodies.put(f.id(), f.bodyValue());
            }

            assertThat(bodies).containsEntry(first, "Hello, Ada").containsEntry(second, "Hello, Grace");
        }
    }

    @Test
    void pingIsAnsweredByPongWithTheSameId() throws Exception {
        try (RawWeftClient client = newClient()) {
            client.sendPing(0x1234_5678_9ABCL);

            RawWeftClient.Frame pong = client.readFrame();

            assertThat(pong.kind()).isEqualTo(RawWeftClient.KIND_PONG);
            assertThat(pong.id()).isEqualTo(0x1234_5678_9ABCL);
        }
    }

    @Test
    void oneWayRequestGetsNoResponse() throws Exception {
        try (RawWeftClient client = newClient()) {
            client.sendRequest(SERVICE, "notify", new Object[] {"raw event"}, Map.of(), true);
            client.sendPing(77);

            RawWeftClient.Frame next = client.readFrame();

            assertThat(next.kind()).as("the first frame after a one-way request and a ping").isEqualTo(
                    RawWeftClient.KIND_PONG);
            assertThat(next.id()).isEqualTo(77);
        }
    }

    @Test
    void unknownServiceIsNotFoundWithAMessage() throws Exception {
        try (RawWeftClient client = newClient()) {
            long id = client.sendRequest("io.weft.demo.NoSuchService", "greet", "Ada");

            RawWeftClient.Frame response = client.readFrame();

            assertThat(response.kind()).isEqualTo(RawWeftClient.KIND_RESPONSE);
            assertThat(response.id()).isEqualTo(id);
            assertThat(response.status()).isEqualTo(5);
            assertThat(response.metadata()).containsKey(":message");
        }
        assertProviderStillGreets();
    }

    @Test
    void badMagicGetsGoAwayAndTheProviderKeepsServing() throws Exception {
        byte[] frame = RawWeftClient.encodeFrame(0x4142, 1, RawWeftClient.KIND_REQUEST, 0, 1, 0, 1, 2, 0,
                RawWeftClient.encodeMetadata(Map.of()), new byte[0]);
        assertGoAwayThenClose(frame, 3);
        assertProviderStillGreets();
    }

    @Test
    void wrongVersionGetsGoAwayAndTheProviderKeepsServing() throws Exception {
        byte[] frame = RawWeftClient.encodeFrame(RawWeftClient.MAGIC, 2, RawWeftClient.KIND_REQUEST, 0, 1, 0, 1, 2, 0,
                RawWeftClient.encodeMetadata(Map.of()), new byte[0]);
        assertGoAwayThenClose(frame, 3);
        assertProviderStillGreets();
    }

    @Test
    void oversizeAnnouncedBodyIsRefusedAtOnceWithoutWaitingForIt() throws Exception {
        byte[] headerOnly = RawWeftClient.encodeFrame(RawWeftClient.MAGIC, 1, RawWeftClient.KIND_REQUEST, 0, 1, 0, 1,
                0, 0x7FFF_FFFFL, new byte[0], new byte[0]);
        assertGoAwayThenClose(headerOnly, 8, 3);
        assertProviderStillGreets();
    }

    @Test
    void metadataThatDoesNotParseGetsGoAway() throws Exception {
        // Announces 10 bytes of metadata: 5 entries, the first with a 65535-byte key — cannot fit.
        byte[] metadata = {0x00, 0x05, (byte) 0xFF, (byte) 0xFF, 'k', 'e', 'y', 0, 0, 0};
        byte[] frame = RawWeftClient.encodeFrame(RawWeftClient.KIND_REQUEST, 0, 1, 0, 9, metadata,
                RawWeftClient.toHessian(new Object[] {"Ada"}));
        assertGoAwayThenClose(frame, 3);
        assertProviderStillGreets();
    }

    @Test
    void randomGarbageClosesTheConnectionAndTheProviderKeepsServing() throws Exception {
        byte[] garbage = new byte[1024];
        new Random(20251124).nextBytes(garbage);
        garbage[0] = 0x00; // never "WF" by chance
        try (RawWeftClient client = newClient()) {
            client.send(garbage);
            List<RawWeftClient.Frame> frames = readUntilClosed(client);
            frames.forEach(f -> {
                assertThat(f.kind()).isEqualTo(RawWeftClient.KIND_GOAWAY);
                assertThat(f.status()).isIn(3, 8);
            });
        }
        assertProviderStillGreets();
    }

    private void assertGoAwayThenClose(byte[] bytes, Integer... allowedStatus) throws Exception {
        try (RawWeftClient client = newClient()) {
            client.send(bytes);
            List<RawWeftClient.Frame> frames = readUntilClosed(client);
            assertThat(frames).as("frames before the provider closed the connection").hasSize(1);
            RawWeftClient.Frame goAway = frames.get(0);
            assertThat(goAway.kind()).isEqualTo(RawWeftClient.KIND_GOAWAY);
            assertThat(goAway.status()).isIn((Object[]) allowedStatus);
            assertThat(goAway.metadata()).containsKey(":message");
            assertThat(goAway.metadata().get(":message")).isNotBlank();
        }
    }

    /** Frames received until the provider closes; fails if it keeps the connection open. */
    private static List<RawWeftClient.Frame> readUntilClosed(RawWeftClient client) throws IOException {
        List<RawWeftClient.Frame> frames = new ArrayList<>();
        while (true) {
            try {
                frames.add(client.readFrame());
            } catch (EOFException | java.net.SocketException closed) {
                return frames;
            } catch (java.net.SocketTimeoutException stillOpen) {
                throw new AssertionError("the provider neither closed the connection nor sent anything more within "
                        + READ_TIMEOUT + "; frames so far: " + frames);
            }
        }
    }

    private void assertProviderStillGreets() throws Exception {
        try (RawWeftClient client = newClient()) {
            long id = client.sendRequest(SERVICE, "greet", "again");
            RawWeftClient.Frame response = client.readFrame();
            assertThat(response.id()).isEqualTo(id);
            assertThat(response.status()).isZero();
            assertThat(response.bodyValue()).isEqualTo("Hello, again");
        }
    }

    private RawWeftClient newClient() throws IOException {
        return RawWeftClient.connect(host, port, READ_TIMEOUT);
    }
}
