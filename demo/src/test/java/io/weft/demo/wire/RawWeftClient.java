package io.weft.demo.wire;

import com.alibaba.com.caucho.hessian.io.Hessian2Input;
import com.alibaba.com.caucho.hessian.io.Hessian2Output;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A deliberately independent {@code weft/1} client for tests, written only from DESIGN §4: a
 * plain socket, big-endian fields by hand, Hessian 2 bodies through the hessian-lite library. It
 * uses no Weft classes, so it checks the implementation against the written contract.
 *
 * <p>Every read is bounded by the socket timeout given to {@link #connect}. Not thread-safe.
 */
public final class RawWeftClient implements AutoCloseable {
    public static final int HEADER_LENGTH = 24;
    public static final int MAGIC = 0x5746; // "WF"
    public static final int VERSION = 1;

    public static final int KIND_REQUEST = 1;
    public static final int KIND_RESPONSE = 2;
    public static final int KIND_PING = 3;
    public static final int KIND_PONG = 4;
    public static final int KIND_GOAWAY = 5;
    public static final int KIND_CANCEL = 6;

    public static final int FLAG_ONEWAY = 1;
    public static final int SERIALIZATION_NONE = 0;
    public static final int SERIALIZATION_HESSIAN2 = 1;
    public static final int SERIALIZATION_JSON = 2;

    /** Frames larger than this are refused by the reader, so garbage cannot make the test allocate. */
    private static final int READ_LIMIT = 16 * 1024 * 1024;

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final AtomicLong ids = new AtomicLong();

    private RawWeftClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = new DataOutputStream(socket.getOutputStream());
    }

    /** Connects to {@code host:port}; every later read gives up after {@code readTimeout}. */
    public static RawWeftClient connect(String host, int port, Duration readTimeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) readTimeout.toMillis());
            socket.setSoTimeout((int) readTimeout.toMillis());
            socket.setTcpNoDelay(true);
            return new RawWeftClient(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** One decoded frame. */
    public record Frame(int kind, int flags, int serialization, int status, long id,
                        Map<String, String> metadata, byte[] body) {
        /** The body as UTF-8 text (a JSON response's value). */
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body decoded as one Hessian 2 value, or {@code null} for an empty body. */
        public Object bodyValue() {
            return body.length == 0 ? null : fromHessian(body);
        }

        @Override
        public String toString() {
            return "Frame[kind=" + kind + ", flags=" + flags + ", serialization=" + serialization + ", status="
                    + status + ", id=" + id + ", metadata=" + metadata + ", body=" + body.length + " bytes]";
        }
    }

    /** A fresh non-zero request id. */
    public long nextId() {
        return ids.incrementAndGet();
    }

    /**
     * Sends a REQUEST for {@code service.method(args)} with {@code :service}, {@code :method},
     * {@code :timeout-ms} and {@code :app}, plus {@code extraMetadata}; returns its id.
     */
    public long sendRequest(String service, String method, Object[] args, Map<String, String> extraMetadata,
                            boolean oneWay) throws IOException {
        long id = nextId();
        send(encodeFrame(KIND_REQUEST, oneWay ? FLAG_ONEWAY : 0, SERIALIZATION_HESSIAN2, 0, id,
                requestMetadata(service, method, extraMetadata), toHessian(args)));
        return id;
    }

    /** {@code :service}, {@code :method}, {@code :timeout-ms} 3000 and {@code :app}, then {@code extraMetadata}, encoded. */
    private static byte[] requestMetadata(String service, String method, Map<String, String> extraMetadata) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(":service", service);
        metadata.put(":method", method);
        metadata.put(":timeout-ms", "3000");
        metadata.put(":app", "raw-wire-test");
        metadata.putAll(extraMetadata);
        return encodeMetadata(metadata);
    }

    /**
     * Sends a two-way REQUEST in JSON (serialization 2) whose body is {@code jsonBody} verbatim (UTF-8),
     * with the standard metadata plus {@code extraMetadata}; returns its id.
     */
    public long sendJsonRequest(String service, String method, String jsonBody, Map<String, String> extraMetadata)
            throws IOException {
        long id = nextId();
        send(encodeFrame(KIND_REQUEST, 0, SERIALIZATION_JSON, 0, id, requestMetadata(service, method, extraMetadata),
                jsonBody.getBytes(StandardCharsets.UTF_8)));
        return id;
    }

    /** Sends a two-way REQUEST with the standard metadata only. */
    public long sendRequest(String service, String method, Object... args) throws IOException {
        return sendRequest(service, method, args, Map.of(), false);
    }

    /** Sends a PING with {@code id}. */
    public void sendPing(long id) throws IOException {
        send(encodeFrame(KIND_PING, 0, SERIALIZATION_NONE, 0, id, encodeMetadata(Map.of()), new byte[0]));
    }

    /** Writes {@code bytes} exactly as given. */
    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * Reads one whole frame.
     *
     * @throws EOFException when the peer closed the connection
     * @throws SocketTimeoutException when nothing complete arrived within the read timeout
     */
    public Frame readFrame() throws IOException {
        byte[] header = new byte[HEADER_LENGTH];
        in.readFully(header);
        DataInputStream h = new DataInputStream(new ByteArrayInputStream(header));
        int magic = h.readUnsignedShort();
        int version = h.readUnsignedByte();
        if (magic != MAGIC || version != VERSION) {
            throw new IOException("bad frame from peer: magic " + Integer.toHexString(magic) + ", version " + version);
        }
        int kind = h.readUnsignedByte();
        int flags = h.readUnsignedByte();
        int serialization = h.readUnsignedByte();
        int status = h.readUnsignedShort();
        long id = h.readLong();
        long metadataLength = Integer.toUnsignedLong(h.readInt());
        long bodyLength = Integer.toUnsignedLong(h.readInt());
        if (metadataLength + bodyLength > READ_LIMIT) {
            throw new IOException("peer announced " + (metadataLength + bodyLength) + " bytes");
        }
        byte[] metadata = new byte[(int) metadataLength];
        in.readFully(metadata);
        byte[] body = new byte[(int) bodyLength];
        in.readFully(body);
        return new Frame(kind, flags, serialization, status, id, decodeMetadata(metadata), body);
    }

    /**
     * True once the peer has closed the connection (end of stream or reset), reading and dropping
     * anything still sent before that; false if it is still open when the read timeout expires.
     */
    public boolean awaitClosedByPeer() throws IOException {
        byte[] sink = new byte[4096];
        try {
            while (true) {
                if (in.read(sink) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // connection reset: closed with unread data, which is also closed
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A whole frame: the 24-byte header as in §4, then {@code metadata} and {@code body} verbatim. */
    public static byte[] encodeFrame(int kind, int flags, int serialization, int status, long id,
                                     byte[] metadata, byte[] body) {
        return encodeFrame(MAGIC, VERSION, kind, flags, serialization, status, id, metadata.length, body.length,
                metadata, body);
    }

    /** A frame with every header field given, including ones that lie about the lengths. */
    public static byte[] encodeFrame(int magic, int version, int kind, int flags, int serialization, int status,
                                     long id, long announcedMetadataLength, long announcedBodyLength,
                                     byte[] metadata, byte[] body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream d = new DataOutputStream(bytes)) {
            d.writeShort(magic);
            d.writeByte(version);
            d.writeByte(kind);
            d.writeByte(flags);
            d.writeByte(serialization);
            d.writeShort(status);
            d.writeLong(id);
            d.writeInt((int) announcedMetadataLength);
            d.writeInt((int) announcedBodyLength);
            d.write(metadata);
            d.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** u16 entry count, then per entry u16 key length, UTF-8 key, u32 value length, UTF-8 value. */
    public static byte[] encodeMetadata(Map<String, String> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream d = new DataOutputStream(bytes)) {
            d.writeShort(entries.size());
            for (Map.Entry<String, String> e : entries.entrySet()) {
                byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
                byte[] value = e.getValue().getBytes(StandardCharsets.UTF_8);
                d.writeShort(key.length);
                d.write(key);
                d.writeInt(value.length);
                d.write(value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Parses a metadata block; an empty block means no entries. */
    public static Map<String, String> decodeMetadata(byte[] block) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        if (block.length == 0) {
            return entries;
        }
        DataInputStream d = new DataInputStream(new ByteArrayInputStream(block));
        int count = d.readUnsignedShort();
        for (int i = 0; i < count; i++) {
            byte[] key = new byte[d.readUnsignedShort()];
            d.readFully(key);
            long valueLength = Integer.toUnsignedLong(d.readInt());
            if (valueLength > block.length) {
                throw new IOException("metadata value length " + valueLength + " exceeds the block");
            }
            byte[] value = new byte[(int) valueLength];
            d.readFully(value);
            entries.put(new String(key, StandardCharsets.UTF_8), new String(value, StandardCharsets.UTF_8));
        }
        if (d.available() > 0) {
            throw new IOException(d.available() + " bytes left after " + count + " metadata entries");
        }
        return entries;
    }

    /** One value in Hessian 2. */
    public static byte[] toHessian(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Hessian2Output h = new Hessian2Output(bytes);
        try {
            h.writeObject(value);
            h.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** One Hessian 2 value read from {@code bytes}. */
    public static Object fromHessian(byte[] bytes) {
        Hessian2Input h = new Hessian2Input(new ByteArrayInputStream(bytes));
        try {
            return h.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
