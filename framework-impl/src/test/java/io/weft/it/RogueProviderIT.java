package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.weft.ReferenceOptions;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.Weft;
import io.weft.internal.serialization.HessianBombs;
import io.weft.internal.transport.FrameKind;
import io.weft.internal.transport.Wire;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A provider that answers with a body built to cost the consumer CPU (issue #12 item 4): the call
 * fails with a clear error and the connection's event loop keeps serving.
 */
class RogueProviderIT {

    /** Answers its first request with {@code firstBody}, every later one with the string "ok". */
    private static final class RogueProvider implements AutoCloseable {
        static final byte[] OK = hessian("ok");
        final ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        final Thread thread;

        RogueProvider(byte[] firstBody) throws IOException {
            thread = new Thread(() -> serve(firstBody), "rogue-provider");
            thread.setDaemon(true);
            thread.start();
        }

        private void serve(byte[] firstBody) {
            try (Socket socket = server.accept()) {
                DataInputStream in = new DataInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                boolean first = true;
                while (true) {
                    byte[] header = new byte[Wire.HEADER_LENGTH];
                    in.readFully(header);
                    ByteBuf h = Unpooled.wrappedBuffer(header);
                    in.skipNBytes(h.getInt(16) + (long) h.getInt(20));
                    if (header[3] != FrameKind.REQUEST) {
                        continue;
                    }
                    byte[] body = first ? firstBody : OK;
                    first = false;
                    ByteBuf response = Unpooled.buffer();
                    response.writeShort(Wire.MAGIC).writeByte(Wire.VERSION).writeByte(FrameKind.RESPONSE).writeByte(0)
                            .writeByte(Wire.SERIALIZATION_HESSIAN2).writeShort(0).writeLong(h.getLong(8))
                            .writeInt(0).writeInt(body.length).writeBytes(body);
                    out.write(response.array(), 0, response.readableBytes());
                    out.flush();
                }
            } catch (IOException closed) {
                // the consumer went away
            }
        }

        private static byte[] hessian(Object value) {
            try {
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                new io.weft.internal.serialization.Hessian2Serialization(java.util.List.of()).write(value, bytes);
                return bytes.toByteArray();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        String address() {
            return "127.0.0.1:" + server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    @Test
    void bombInAResponseFailsThatCallWhileTheConnectionKeepsWorking() throws Exception {
        // 2^40 map visits if decoded and hashed; the next call on the same connection must still be answered.
        try (RogueProvider rogue = new RogueProvider(HessianBombs.nestedMapBomb(40));
             Weft consumer = Nodes.consumer()) {
            EchoService echo = consumer.reference(EchoService.class,
                    ReferenceOptions.builder().directAddress(rogue.address()).build());
            CompletableFuture<String> bombed = CompletableFuture.supplyAsync(() -> echo.echo("first"));
            Throwable failure = bombed.handle((r, e) -> e).get(10, TimeUnit.SECONDS);
            RpcException rpc = rpcException(failure);
            assertThat(rpc.status()).isEqualTo(Status.INTERNAL);
            assertThat(rpc.getMessage()).contains("cannot decode result").contains("map key may not be");
            assertThat(echo.echo("second")).isEqualTo("ok");
        }
    }

    private static RpcException rpcException(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof RpcException rpc) {
                return rpc;
            }
        }
        throw new AssertionError("no RpcException in " + t, t);
    }
}
