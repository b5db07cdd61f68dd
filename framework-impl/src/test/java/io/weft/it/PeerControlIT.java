package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.weft.Status;
import io.weft.Weft;
import io.weft.internal.server.ServerSettings;
import io.weft.internal.transport.FrameKind;
import io.weft.internal.transport.FrameWriter;
import io.weft.internal.transport.Wire;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** PINGs, peers that do not read, and the idle timeout (issue #12 item 3), on real sockets. */
class PeerControlIT {

    private static byte[] pings(int count) {
        byte[] bytes = new byte[count * Wire.HEADER_LENGTH];
        for (int i = 0; i < count; i++) {
            ByteBuf ping = FrameWriter.ping(ByteBufAllocator.DEFAULT, i + 1);
            ping.readBytes(bytes, i * Wire.HEADER_LENGTH, Wire.HEADER_LENGTH);
            ping.release();
        }
        return bytes;
    }

    private static int port(Weft provider) {
        return provider.serverAddress().orElseThrow().getPort();
    }

    @Test
    void pingFloodGetsGoAwayAndIsClosedWhileOtherConsumersAreServed() throws Exception {
        try (Weft provider = Nodes.provider(new EchoServiceImpl("p"));
             Weft consumer = Nodes.consumer();
             RawPeer flooder = RawPeer.connect(port(provider))) {
            EchoService echo = Nodes.stub(consumer, provider);
            flooder.send(pings(1000));
            RawPeer.RawFrame frame;
            do {
                frame = flooder.read();
            } while (frame.kind() == FrameKind.PONG);
            assertThat(frame.kind()).isEqualTo(FrameKind.GOAWAY);
            assertThat(frame.status()).isEqualTo(Status.RESOURCE_EXHAUSTED.code());
            assertThat(frame.metadata().get(Wire.MESSAGE)).contains("PINGs a second");
            assertThat(flooder.closedByPeer()).isTrue();
            assertThat(echo.echo("still served")).isEqualTo("still served");
        }
    }

    @Test
    void peerThatNeverReadsItsPongsIsNoLongerReadFrom() throws Exception {
        try (Weft provider = Nodes.provider(new EchoServiceImpl("p"), ServerSettings.MAX_PINGS_PER_SECOND, "100000000");
             Weft consumer = Nodes.consumer();
             Socket socket = new Socket()) {
            EchoService echo = Nodes.stub(consumer, provider);
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port(provider)));
            OutputStream out = socket.getOutputStream();
            byte[] chunk = pings(4096);
            long limit = 256L << 20;
            AtomicLong written = new AtomicLong();
            Thread writer = new Thread(() -> {
                try {
                    while (written.get() < limit) {
                        out.write(chunk);
                        written.addAndGet(chunk.length);
                    }
                } catch (IOException closed) {
                    // the test closed the socket
                }
            });
            writer.setDaemon(true);
            writer.start();
            // A provider that keeps reading takes all 256 MB (or runs out of memory); one that stops
            // reading once its PONGs back up stalls the writer: no progress for 2 s, far below the limit.
            AtomicLong last = new AtomicLong(-1);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                long now = written.get();
                return now == last.getAndSet(now) || now >= limit;
            });
            assertThat(written.get()).isLessThan(64L << 20);
            assertThat(echo.echo("still served")).isEqualTo("still served");
        }
    }

    @Test
    void connectionThatOnlyPingsIsClosedByTheIdleTimeout() throws Exception {
        try (Weft provider = Nodes.provider(new EchoServiceImpl("p"), ServerSettings.IDLE_TIMEOUT_MS, "1000");
             RawPeer pinger = RawPeer.connect(port(provider))) {
            long start = System.nanoTime();
            java.util.concurrent.atomic.AtomicReference<RawPeer.RawFrame> last = new java.util.concurrent.atomic.AtomicReference<>();
            // A heartbeat every 100 ms, far within any rate limit, until the provider answers otherwise.
            await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(100)).until(() -> {
                pinger.send(pings(1));
                last.set(pinger.read());
                return last.get().kind() != FrameKind.PONG;
            });
            RawPeer.RawFrame frame = last.get();
            assertThat(frame.kind()).isEqualTo(FrameKind.GOAWAY);
            assertThat(frame.metadata().get(Wire.MESSAGE)).contains("no call for");
            assertThat(pinger.closedByPeer()).isTrue();
            assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(4).toNanos());
        }
    }
}
