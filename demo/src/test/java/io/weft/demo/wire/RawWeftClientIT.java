package io.weft.demo.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checks the test client itself against the byte layout of DESIGN §4, with a hand-made peer. */
class RawWeftClientIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private ServerSocket server;
    private CompletableFuture<Socket> accepted;

    @BeforeEach
    void listen() throws Exception {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server.setSoTimeout((int) TIMEOUT.toMillis());
        accepted = CompletableFuture.supplyAsync(() -> {
            try {
                Socket s = server.accept();
                s.setSoTimeout((int) TIMEOUT.toMillis());
                return s;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        if (accepted.isDone() && !accepted.isCompletedExceptionally()) {
            accepted.join().close();
        }
    }

    @Test
    void requestHeaderMetadataAndBodyFollowTheContract() throws Exception {
        try (RawWeftClient client = RawWeftClient.connect("127.0.0.1", server.getLocalPort(), TIMEOUT)) {
            long id = client.sendRequest("io.weft.demo.Greeter", "greet", "Ada");
            Socket peer = accepted.get(5, TimeUnit.SECONDS);
            DataInputStream in = new DataInputStream(peer.getInputStream());
            byte[] header = new byte[24];
            in.readFully(header);
            ByteBuffer h = ByteBuffer.wrap(header);

            assertThat(h.get(0)).isEqualTo((byte) 0x57);
            assertThat(h.get(1)).isEqualTo((byte) 0x46);
            assertThat(h.get(2)).isEqualTo((byte) 1);
            assertThat(h.get(3)).isEqualTo((byte) RawWeftClient.KIND_REQUEST);
            assertThat(h.get(4)).isEqualTo((byte) 0);
            assertThat(h.get(5)).isEqualTo((byte) RawWeftClient.SERIALIZATION_HESSIAN2);
            assertThat(h.getShort(6)).isZero();
            assertThat(h.getLong(8)).isEqualTo(id).isNotZero();
            byte[] metadata = new byte[h.getInt(16)];
            byte[] body = new byte[h.getInt(20)];
            in.readFully(metadata);
            in.readFully(body);

            assertThat(RawWeftClient.decodeMetadata(metadata))
                    .containsEntry(":service", "io.weft.demo.Greeter")
                    .containsEntry(":method", "greet")
                    .containsKeys(":timeout-ms", ":app");
            assertThat((Object[]) RawWeftClient.fromHessian(body)).containsExactly("Ada");
        }
    }

    @Test
    void readsAResponseFrameWrittenByHand() throws Exception {
        try (RawWeftClient client = RawWeftClient.connect("127.0.0.1", server.getLocalPort(), TIMEOUT)) {
            Socket peer = accepted.get(5, TimeUnit.SECONDS);
            byte[] key = ":note".getBytes(StandardCharsets.UTF_8);
            byte[] value = "hi".getBytes(StandardCharsets.UTF_8);
            byte[] body = RawWeftClient.toHessian("Hello, Ada");
            DataOutputStream out = new DataOutputStream(peer.getOutputStream());
            out.write(new byte[] {0x57, 0x46, 1, 2, 0, 1});
            out.writeShort(0);
            out.writeLong(42);
            out.writeInt(2 + 2 + key.length + 4 + value.length);
            out.writeInt(body.length);
            out.writeShort(1);
            out.writeShort(key.length);
            out.write(key);
            out.writeInt(value.length);
            out.write(value);
            out.write(body);
            out.flush();

            RawWeftClient.Frame frame = client.readFrame();

            assertThat(frame.kind()).isEqualTo(RawWeftClient.KIND_RESPONSE);
            assertThat(frame.status()).isZero();
            assertThat(frame.id()).isEqualTo(42);
            assertThat(frame.metadata()).containsExactlyEntriesOf(Map.of(":note", "hi"));
            assertThat(frame.bodyValue()).isEqualTo("Hello, Ada");
        }
    }

    @Test
    void noticesWhenThePeerClosesAndWhenItStaysOpen() throws Exception {
        try (RawWeftClient client = RawWeftClient.connect("127.0.0.1", server.getLocalPort(),
                Duration.ofMillis(300))) {
            Socket peer = accepted.get(5, TimeUnit.SECONDS);
            assertThat(client.awaitClosedByPeer()).isFalse();
            peer.close();
            assertThat(client.awaitClosedByPeer()).isTrue();
        }
    }
}
