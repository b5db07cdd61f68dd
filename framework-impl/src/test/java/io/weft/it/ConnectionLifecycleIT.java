package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBufAllocator;
import io.weft.ReferenceOptions;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.Weft;
import io.weft.internal.serialization.Hessian2Serialization;
import io.weft.internal.transport.FrameKind;
import io.weft.internal.transport.FrameWriter;
import io.weft.internal.transport.Wire;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Heartbeats, dead connections, protocol errors, overload and deadlines, on real sockets. */
class ConnectionLifecycleIT {
    private static final Hessian2Serialization HESSIAN = new Hessian2Serialization(List.of());

    private static io.netty.buffer.ByteBuf request(long id, String method, String timeoutMs, Object... args)
            throws IOException {
        Map<String, String> md = new LinkedHashMap<>();
        md.put(Wire.SERVICE, EchoService.class.getName());
        md.put(Wire.METHOD, method);
        if (timeoutMs != null) {
            md.put(Wire.TIMEOUT_MS, timeoutMs);
        }
        return FrameWriter.request(ByteBufAllocator.DEFAULT, id, false, FrameWriter.encodeEntries(md), md.size(),
                -1, Map.of(), HESSIAN, args);
    }

    /** A call to {@code port} with a 30 s timeout fails {@code UNAVAILABLE} within 5 s. */
    private static void assertCallFailsUnavailableWellBeforeItsTimeout(Weft consumer, int port) {
        EchoService echo = consumer.reference(EchoService.class, ReferenceOptions.builder()
                .directAddress("127.0.0.1:" + port).timeout(Duration.ofSeconds(30)).build());
        long start = System.nanoTime();
        assertThatThrownBy(() -> echo.echo("x"))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.status()).isEqualTo(Status.UNAVAILABLE));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void callsInFlightFailPromptlyWithUnavailableWhenTheConnectionDrops() throws Exception {
        try (ServerSocket fake = new ServerSocket(0); Weft consumer = Nodes.consumer()) {
            CompletableFuture.runAsync(() -> {
                try (Socket s = fake.accept()) {
                    s.getInputStream().readNBytes(24); // the request header arrived; now vanish
                } catch (IOException ignored) {
                    // the test's assertions tell
                }
            });
            assertCallFailsUnavailableWellBeforeItsTimeout(consumer, fake.getLocalPort());
        }
    }

    @Test
    void silentProviderIsPingedThenDisconnectedAndItsCallsFail() throws Exception {
        List<Integer> kindsSeen = new CopyOnWriteArrayList<>();
        try (ServerSocket fake = new ServerSocket(0);
             Weft consumer = Nodes.consumer("weft.heartbeat.interval-ms", "100")) {
            CompletableFuture.runAsync(() -> {
                try (RawPeer peer = new RawPeer(fake.accept())) {
                    while (true) {
                        kindsSeen.add(peer.read().kind()); // reads requests and pings, answers nothing
                    }
                } catch (IOException ignored) {
                    // connection closed by the consumer: expected
                }
            });
            assertCallFailsUnavailableWellBeforeItsTimeout(consumer, fake.getLocalPort());
            assertThat(kindsSeen).contains((int) FrameKind.REQUEST, (int) FrameKind.PING);
        }
    }

    @Test
    void providerClosesAConnectionThatStaysSilent() throws Exception {
        EchoServiceImpl impl = new EchoServiceImpl("p");
        try (Weft provider = Nodes.provider(impl, "weft.heartbeat.interval-ms", "100");
             RawPeer peer = RawPeer.connect(provider.serverAddress().orElseThrow().getPort())) {
            await().atMost(Duration.ofSeconds(5)).until(peer::closedByPeer);
        }
    }

    @Test
    void pingIsAnsweredWithPongEchoingItsId() throws Exception {
        try (Weft provider = Nodes.provider(new EchoServiceImpl("p"));
             RawPeer peer = RawPeer.connect(provider.serverAddress().orElseThrow().getPort())) {
            peer.send(FrameWriter.ping(ByteBufAllocator.DEFAULT, 1234));
            RawPeer.RawFrame pong = peer.read();
            assertThat(pong.kind()).isEqualTo(FrameKind.PONG);
            assertThat(pong.id()).isEqualTo(1234);
        }
    }

    @Test
    void requestWhoseDeadlineExpiredOnArrivalIsRefusedWithoutRunningTheService() throws Exception {
        EchoServiceImpl impl = new EchoServiceImpl("p");
        try (Weft provider = Nodes.provider(impl);
             RawPeer peer = RawPeer.connect(provider.serverAddress().orElseThrow().getPort())) {
            peer.send(request(5, "echo", "0", "late"));
            RawPeer.RawFrame response = peer.read();
            assertThat(response.kind()).isEqualTo(FrameKind.RESPONSE);
            assertThat(response.id()).isEqualTo(5);
            assertThat(response.status()).isEqualTo(Status.DEADLINE_EXCEEDED.code());
            assertThat(impl.calls.get()).isZero();
        }
    }

    @Test
    void unknownMethodIsUnimplementedAndBadArgumentsAreInvalid() throws Exception {
        try (Weft provider = Nodes.provider(new EchoServiceImpl("p"));
             RawPeer peer = RawPeer.connect(provider.serverAddress().orElseThrow().getPort())) {
            peer.send(request(1, "nope", "1000", "x"));
            RawPeer.RawFrame notFound = peer.read();
            assertThat(notFound.status()).isEqualTo(Status.NOT_FOUND.code());
            assertThat(notFound.metadata().get(Wire.MESSAGE)).contains("nope");

            peer.send(request(2, "echo", "1000", 42));
            RawPeer.RawFrame invalid = peer.read();
            assertThat(invalid.status()).isEqualTo(Status.INVALID_ARGUMENT.code());
            assertThat(invalid.metadata().get(Wire.MESSAGE)).contains("java.lang.String");

            peer.send(request(3, "echo", "1000", "fine"));
            RawPeer.RawFrame ok = peer.read();
            assertThat(ok.status()).isZero();
            assertThat(HESSIAN.read(new java.io.ByteArrayInputStream(ok.body()))).isEqualTo("fine");
        }
    }

    @Test
    void malformedFrameClosesOnlyThatConnection() throws Exception {
        EchoServiceImpl impl = new EchoServiceImpl("p");
        try (Weft provider = Nodes.provider(impl); Weft consumer = Nodes.consumer()) {
            EchoService echo = Nodes.stub(consumer, provider);
            assertThat(echo.echo("before")).isEqualTo("before");
            try (RawPeer peer = RawPeer.connect(provider.serverAddress().orElseThrow().getPort())) {
                peer.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
                RawPeer.RawFrame goAway = peer.read();
                assertThat(goAway.kind()).isEqualTo(FrameKind.GOAWAY);
                assertThat(goAway.status()).isEqualTo(Status.INVALID_ARGUMENT.code());
                assertThat(peer.closedByPeer()).isTrue();
            }
            assertThat(echo.echo("after")).isEqualTo("after");
        }
    }

    @Test
    void fullBusinessQueueAnswersResourceExhaustedAndRecovers() throws Exception {
        EchoServiceImpl impl = new EchoServiceImpl("p");
        try (Weft provider = Nodes.provider(impl, "weft.server.threads", "1", "weft.server.queue-size", "0");
             Weft consumer = Nodes.consumer()) {
            EchoService echo = Nodes.stub(consumer, provider);
            CompletableFuture<String> blocked = CompletableFuture.supplyAsync(echo::block);
            assertThat(impl.blocked.await(5, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> echo.echo("x"))
                    .isInstanceOfSatisfying(RpcException.class,
                            e -> assertThat(e.status()).isEqualTo(Status.RESOURCE_EXHAUSTED));
            impl.release.countDown();
            assertThat(blocked.get(5, TimeUnit.SECONDS)).isEqualTo("released");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(echo.echo("y")).isEqualTo("y"));
        }
    }

    @Test
    void consumerReconnectsWhenTheProviderComesBackOnItsPort() {
        EchoServiceImpl impl = new EchoServiceImpl("p");
        Weft first = Nodes.provider(impl);
        int port = first.serverAddress().orElseThrow().getPort();
        try (Weft consumer = Nodes.consumer()) {
            EchoService echo = consumer.reference(EchoService.class,
                    ReferenceOptions.builder().directAddress("127.0.0.1:" + port).build());
            assertThat(echo.echo("one")).isEqualTo("one");
            first.close();
            assertThatThrownBy(() -> echo.echo("gone")).isInstanceOf(RpcException.class);
            try (Weft second = Nodes.provider(impl, "weft.server.port", Integer.toString(port))) {
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                        .untilAsserted(() -> assertThat(echo.echo("two")).isEqualTo("two"));
            }
        }
    }
}
