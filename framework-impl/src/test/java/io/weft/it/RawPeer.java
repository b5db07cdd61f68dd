package io.weft.it;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.weft.internal.serialization.Hessian2Serialization;
import io.weft.internal.transport.FrameWriter;
import io.weft.internal.transport.Wire;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A blocking socket speaking raw weft/1 frames, for poking at a provider (or playing one). */
final class RawPeer implements AutoCloseable {
    record RawFrame(int kind, int status, long id, Map<String, String> metadata, byte[] body, int serialization) {}

    private static final Hessian2Serialization HESSIAN = new Hessian2Serialization(List.of());

    /** A REQUEST frame {@code id} calling {@code EchoService.echo("raw-<id>")} as application {@code raw}. */
    static ByteBuf echoRequest(long id, boolean oneWay) throws IOException {
        Map<String, String> md = new LinkedHashMap<>();
        md.put(Wire.SERVICE, EchoService.class.getName());
        md.put(Wire.METHOD, "echo");
        md.put(Wire.APP, "raw");
        return FrameWriter.request(ByteBufAllocator.DEFAULT, id, oneWay, FrameWriter.encodeEntries(md), md.size(), -1,
                Map.of(), HESSIAN, new Object[] {"raw-" + id});
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawPeer(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(5000);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static RawPeer connect(int port) throws IOException {
        return new RawPeer(new Socket("127.0.0.1", port));
    }

    void send(ByteBuf frame) throws IOException {
        try {
            out.write(ByteBufUtil.getBytes(frame));
            out.flush();
        } finally {
            frame.release();
        }
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    RawFrame read() throws IOException {
        byte[] header = new byte[24];
        in.readFully(header);
        java.nio.ByteBuffer h = java.nio.ByteBuffer.wrap(header);
        int kind = header[3];
        int status = h.getShort(6) & 0xFFFF;
        long id = h.getLong(8);
        int m = h.getInt(16);
        int b = h.getInt(20);
        byte[] metadata = new byte[m];
        in.readFully(metadata);
        byte[] body = new byte[b];
        in.readFully(body);
        return new RawFrame(kind, status, id, parse(metadata), body, header[5]);
    }

    /** As {@link #read()}, waiting up to {@code millis} for the frame. */
    RawFrame readWithin(int millis) throws IOException {
        int before = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        try {
            return read();
        } finally {
            socket.setSoTimeout(before);
        }
    }

    /** True when the peer closed the connection (after draining what it sent). */
    boolean closedByPeer() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (EOFException | java.net.SocketException e) {
            return true;
        }
    }

    private static Map<String, String> parse(byte[] bytes) {
        Map<String, String> map = new HashMap<>();
        if (bytes.length == 0) {
            return map;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
        int count = b.getShort() & 0xFFFF;
        for (int i = 0; i < count; i++) {
            byte[] k = new byte[b.getShort() & 0xFFFF];
            b.get(k);
            byte[] v = new byte[b.getInt()];
            b.get(v);
            map.put(new String(k, StandardCharsets.UTF_8), new String(v, StandardCharsets.UTF_8));
        }
        return map;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
