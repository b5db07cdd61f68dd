package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.Weft;
import io.weft.internal.serialization.Hessian2Serialization;
import io.weft.internal.server.ServerSettings;
import io.weft.internal.tls.TestPki;
import io.weft.internal.tls.TlsSettings;
import io.weft.internal.transport.FrameKind;
import io.weft.internal.transport.FrameWriter;
import io.weft.internal.transport.Wire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each server limit hit on real sockets by an abusive peer (from 127.0.0.2 where the limit is per
 * IP), while a well-behaved consumer (from 127.0.0.1) keeps getting answers.
 */
class OverloadIT {
    private static final Hessian2Serialization HESSIAN = new Hessian2Serialization(List.of());

    static ByteBuf request(long id, String method, Object... args) throws IOException {
        Map<String, String> md = new LinkedHashMap<>();
        md.put(Wire.SERVICE, EchoService.class.getName());
        md.put(Wire.METHOD, method);
        return FrameWriter.request(ByteBufAllocator.DEFAULT, id, false, FrameWriter.encodeEntries(md), md.size(), -1,
                Map.of(), HESSIAN, args);
    }

    /** A raw peer connecting from 127.0.0.2, so per-IP limits count it apart from the consumer. */
    private static RawPeer abuser(Weft provider) throws IOException {
        return new RawPeer(new Socket(InetAddress.getLoopbackAddress(), port(provider),
                InetAddress.getByName("127.0.0.2"), 0));
    }

    private static int port(Weft provider) {
        return provider.serverAddress().orElseThrow().getPort();
    }

    private static void assertServes(EchoService wellBehaved) {
        assertThat(wellBehaved.echo("still served")).isEqualTo("still served");
    }

    @Test
    void connectionsBeyondMaxConnectionsAreClosedAtOnceWhileOpenOnesKeepServing() throws Exception {
        try (Weft provider = Nodes.provider(new EchoServiceImpl("p"), ServerSettings.MAX_CONNECTIONS, "3");
             Weft consumer = Nodes.consumer()) {
            EchoService echo = Nodes.stub(consumer, provider);
            assertServes(echo);
            try (RawPeer second = abuser(provider); RawPeer third = abuser(provider)) {
                second.send(request(1, "echo", "two"));
                assertThat(second.read().status()).isZero();
                try (RawPeer fourth = abuser(provider)) {
                    assertThat(fourth.closedByPeer()).isTrue();
                }
                assertServes(echo);
                third.send(request(1, "echo", "three"));
                assertThat(third.read().status()).isZero();
            }
        }
    }

    @Test
    void configuredPerIpConnectionLimitRefusesTheExtraConnectionOnly() throws Exception {
        try (Weft provider = Nodes.provider(new EchoServiceImpl("p"), ServerSettings.MAX_CONNECTIONS_PER_IP, "1");
             Weft consumer = Nodes.consumer();
             RawPeer first = abuser(provider)) {
            // An answer on the first connection proves the server counted it before the second connects:
            // connections accepted together are counted on their own event loops, in either order.
            first.send(request(1, "echo", "counted"));
            assertThat(first.read().status()).isZero();
            EchoService echo = Nodes.stub(consumer, provider);
            try (RawPeer second = abuser(provider)) {
                RawPeer.RawFrame goAway = second.read();
                assertThat(goAway.kind()).isEqualTo(FrameKind.GOAWAY);
                assertThat(goAway.status()).isEqualTo(Status.RESOURCE_EXHAUSTED.code());
                assertServes(echo);
            }
            first.send(request(2, "echo", "first"));
            assertThat(first.read().status()).isZero();
        }
    }

    @Test
    void configuredPerIpRequestRateRefusesTheBurstButNotOtherCallers() throws Exception {
        try (Weft provider = Nodes.provider(new EchoServiceImpl("p"),
                     ServerSettings.MAX_REQUESTS_PER_SECOND_PER_IP, "5");
             Weft consumer = Nodes.consumer();
             RawPeer peer = abuser(provider)) {
            EchoService echo = Nodes.stub(consumer, provider);
            int burst = 20;
            ByteArrayOutputStream frames = new ByteArrayOutputStream();
            for (long id = 1; id <= burst; id++) {
                ByteBuf frame = request(id, "echo", "burst");
                frames.write(ByteBufUtil.getBytes(frame));
                frame.release();
            }
            peer.send(frames.toByteArray());
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                statuses.add(peer.read().status());
            }
            assertThat(statuses).filteredOn(s -> s == Status.RESOURCE_EXHAUSTED.code()).hasSizeGreaterThanOrEqualTo(10);
            assertServes(echo);
        }
    }

    @Test
    void requestsBeyondTheInFlightLimitOfAConnectionAreRefusedAndTheRestServed() throws Exception {
        EchoServiceImpl impl = new EchoServiceImpl("p");
        try (Weft provider = Nodes.provider(impl, ServerSettings.MAX_IN_FLIGHT_PER_CONNECTION, "2");
             Weft consumer = Nodes.consumer();
             RawPeer peer = abuser(provider)) {
            EchoService echo = Nodes.stub(consumer, provider);
            for (long id = 1; id <= 4; id++) {
                peer.send(request(id, "block"));
            }
            List<Long> refused = List.of(peer.read().id(), peer.read().id());
            assertThat(refused).containsExactlyInAnyOrder(3L, 4L);
            assertServes(echo);
            impl.release.countDown();
            assertThat(List.of(peer.read(), peer.read())).allMatch(f -> f.status() == 0);
            peer.send(request(5, "echo", "again"));
            assertThat(peer.read().status()).isZero();
        }
    }

    @Test
    void burstBeyondCapacityIsRefusedRatherThanQueuedPastTheQueueWaitBound() throws Exception {
        // 2 threads × 100 ms per call: room for 20 calls/s; 60 at once would wait up to 3 s in the queue
        try (Weft provider = Nodes.provider(new EchoServiceImpl("p"), ServerSettings.THREADS, "2",
                     "weft.server.max-queue-wait-ms", "300");
             Weft consumer = Nodes.consumer()) {
            EchoService echo = Nodes.stub(consumer, provider);
            echo.sleep(100); // one call so the provider knows its service time
            ExecutorService callers = Executors.newFixedThreadPool(60);
            try {
                List<Future<String>> calls = new ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    calls.add(callers.submit(() -> echo.sleep(100)));
                }
                int ok = 0;
                List<RpcException> refused = new ArrayList<>();
                for (Future<String> f : calls) {
                    try {
                        f.get(30, TimeUnit.SECONDS);
                        ok++;
                    } catch (ExecutionException e) {
                        refused.add((RpcException) e.getCause());
                    }
                }
                assertThat(refused).isNotEmpty().allSatisfy(e -> {
                    assertThat(e.status()).isEqualTo(Status.RESOURCE_EXHAUSTED);
                    assertThat(e.getMessage()).contains("queue");
                });
                // at most what 2 threads serve in 300 ms of queue plus one round: far from all 60
                assertThat(ok).isLessThan(30);
            } finally {
                callers.shutdownNow();
            }
            assertServes(echo);
        }
    }

    @Test
    void slowLorisFrameIsCutOffByTheFrameReadTimeout() throws Exception {
        try (Weft provider = Nodes.provider(new EchoServiceImpl("p"), ServerSettings.FRAME_READ_TIMEOUT_MS, "300");
             Weft consumer = Nodes.consumer();
             RawPeer peer = abuser(provider)) {
            EchoService echo = Nodes.stub(consumer, provider);
            ByteBuf frame = request(1, "echo", "never finished");
            byte[] bytes = ByteBufUtil.getBytes(frame);
            frame.release();
            peer.send(java.util.Arrays.copyOf(bytes, 30)); // header and a bit, then nothing
            assertServes(echo);
            long start = System.nanoTime();
            RawPeer.RawFrame goAway = peer.read();
            assertThat(goAway.kind()).isEqualTo(FrameKind.GOAWAY);
            assertThat(goAway.status()).isEqualTo(Status.DEADLINE_EXCEEDED.code());
            assertThat(goAway.metadata().get(Wire.MESSAGE)).contains("incomplete");
            assertThat(peer.closedByPeer()).isTrue();
            assertThat(System.nanoTime() - start).isLessThan(3_000_000_000L);
            assertServes(echo);
        }
    }

    @Test
    void silentConnectionIsClosedByTheIdleTimeoutWhileAHeartbeatingConsumerIsStillServed() throws Exception {
        try (Weft provider = Nodes.provider(new EchoServiceImpl("p"), ServerSettings.IDLE_TIMEOUT_MS, "1500");
             Weft consumer = Nodes.consumer(ServerSettings.HEARTBEAT_INTERVAL_MS, "200");
             RawPeer silent = abuser(provider)) {
            EchoService echo = Nodes.stub(consumer, provider);
            assertServes(echo);
            assertThat(silent.closedByPeer()).isTrue();
            assertServes(echo);
        }
    }

    @Test
    void peerThatNeverFinishesTheTlsHandshakeIsClosedByTheHandshakeTimeout(@TempDir Path dir) throws Exception {
        TestPki ca = TestPki.create(dir, "overload");
        TestPki.Issued cert = ca.issue("echo-provider", null);
        try (Weft provider = Nodes.provider(new EchoServiceImpl("p"), TlsSettings.SERVER_TLS, "required",
                     TlsSettings.CERT_FILE, cert.cert().toString(), TlsSettings.KEY_FILE, cert.key().toString(),
                     TlsSettings.HANDSHAKE_TIMEOUT_MS, "1000");
             Weft consumer = Nodes.consumer(TlsSettings.CLIENT_TLS, "true",
                     TlsSettings.TRUST_FILE, ca.caFile().toString());
             RawPeer stalled = abuser(provider)) {
            EchoService echo = Nodes.stub(consumer, provider);
            assertServes(echo); // handshake done while the JVM is cold, well within the timeout
            stalled.send(new byte[] {0x16, 0x03, 0x01}); // the start of a ClientHello, then nothing
            assertThat(stalled.closedByPeer()).isTrue();
            assertServes(echo);
        }
    }
}
