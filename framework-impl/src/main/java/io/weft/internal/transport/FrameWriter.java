package io.weft.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.ByteBufUtil;
import io.weft.Status;
import io.weft.spi.Serialization;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Encodes outbound {@code weft/1} frames straight into one pooled buffer: header, metadata, then
 * the body serialized in place, with the lengths filled in afterwards (no intermediate copies).
 * Runs on the calling thread so serialization stays off the event loop.
 */
public final class FrameWriter {
    private static final byte[] TRACEPARENT_KEY = io.weft.TraceContext.TRACEPARENT.getBytes(StandardCharsets.US_ASCII);
    private static final int TRACEPARENT_LENGTH = 55;
    private static final byte[] TIMEOUT_MS_KEY = Wire.TIMEOUT_MS.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private FrameWriter() {}

    /** Pre-encodes metadata entries once (e.g. a method's {@code :service}/{@code :method}). */
    public static byte[] encodeEntries(Map<String, String> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        entries.forEach((k, v) -> {
            byte[] key = k.getBytes(StandardCharsets.UTF_8);
            byte[] value = v.getBytes(StandardCharsets.UTF_8);
            if (key.length > 0xFFFF) {
                throw new IllegalArgumentException("metadata key longer than 65535 bytes: " + k);
            }
            out.write(key.length >>> 8);
            out.write(key.length);
            out.write(key, 0, key.length);
            out.write(value.length >>> 24);
            out.write(value.length >>> 16);
            out.write(value.length >>> 8);
            out.write(value.length);
            out.write(value, 0, value.length);
        });
        return out.toByteArray();
    }

    /**
     * A REQUEST frame.
     *
     * @param fixedEntries pre-encoded entries from {@link #encodeEntries} ({@code fixedCount} of them)
     * @param timeoutMs remaining deadline, or a negative value to omit {@code :timeout-ms}
     * @param extra further entries (user metadata); may be empty
     */
    public static ByteBuf request(ByteBufAllocator alloc, long id, boolean oneWay, byte[] fixedEntries, int fixedCount,
                                  long timeoutMs, Map<String, String> extra, Serialization serialization,
                                  Object[] args) throws IOException {
        return request(alloc, id, oneWay, fixedEntries, fixedCount, timeoutMs, extra, 0, 0, 0, 0, serialization, args);
    }

    /**
     * A REQUEST frame with a {@code traceparent} entry (version {@code 00}) written from its numbers
     * besides {@code extra}, so that a call without user metadata needs neither a map nor a string for
     * it.
     *
     * @param spanId the span id of the {@code traceparent} to write, or 0 to write none (when there
     *     is none, or {@code extra} holds it)
     * @param args the arguments ({@code Object[]}), or what {@code serialization} writes as them as they are
     *     (JSON's {@code EncodedJsonArguments})
     */
    public static ByteBuf request(ByteBufAllocator alloc, long id, boolean oneWay, byte[] fixedEntries, int fixedCount,
                                  long timeoutMs, Map<String, String> extra, long traceIdHigh, long traceIdLow,
                                  long spanId, int traceFlags, Serialization serialization, Object args)
            throws IOException {
        ByteBuf buf = alloc.ioBuffer(256);
        try {
            int headerStart = buf.writerIndex();
            writeHeader(buf, FrameKind.REQUEST, oneWay ? Wire.FLAG_ONEWAY : 0, (byte) serialization.id(), 0, id);
            int metadataStart = buf.writerIndex();
            int count = fixedCount + extra.size() + (timeoutMs >= 0 ? 1 : 0) + (spanId != 0 ? 1 : 0);
            buf.writeShort(count);
            buf.writeBytes(fixedEntries);
            if (timeoutMs >= 0) {
                writeDecimalEntry(buf, TIMEOUT_MS_KEY, timeoutMs);
            }
            if (spanId != 0) {
                writeTraceparent(buf, traceIdHigh, traceIdLow, spanId, traceFlags);
            }
            if (!extra.isEmpty()) {
                for (Map.Entry<String, String> e : extra.entrySet()) {
                    writeEntry(buf, e.getKey(), e.getValue());
                }
            }
            int bodyStart = buf.writerIndex();
            serialization.write(args, new ByteBufOutputStream(buf));
            finish(buf, headerStart, metadataStart, bodyStart);
            return buf;
        } catch (IOException | RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    /** A successful RESPONSE whose body is {@code value}. */
    public static ByteBuf response(ByteBufAllocator alloc, long id, Serialization serialization, Object value)
            throws IOException {
        ByteBuf buf = alloc.ioBuffer(128);
        try {
            int headerStart = buf.writerIndex();
            writeHeader(buf, FrameKind.RESPONSE, 0, (byte) serialization.id(), 0, id);
            int bodyStart = buf.writerIndex();
            serialization.write(value, new ByteBufOutputStream(buf));
            finish(buf, headerStart, bodyStart, bodyStart);
            return buf;
        } catch (IOException | RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    /**
     * A successful JSON RESPONSE (serialization 2) whose body is {@code jsonText} as is, UTF-8 —
     * what a generic export answers; {@code null} or blank is the JSON {@code null}.
     */
    public static ByteBuf jsonTextResponse(ByteBufAllocator alloc, long id, String jsonText) {
        String text = jsonText == null || jsonText.isBlank() ? "null" : jsonText;
        ByteBuf buf = alloc.ioBuffer(32 + io.netty.buffer.ByteBufUtil.utf8MaxBytes(text));
        int headerStart = buf.writerIndex();
        writeHeader(buf, FrameKind.RESPONSE, 0, (byte) Wire.SERIALIZATION_JSON, 0, id);
        int bodyStart = buf.writerIndex();
        buf.writeCharSequence(text, java.nio.charset.StandardCharsets.UTF_8);
        finish(buf, headerStart, bodyStart, bodyStart);
        return buf;
    }

    /** A failed RESPONSE: status, {@code :message}, optional {@code :exception}; empty body. */
    public static ByteBuf errorResponse(ByteBufAllocator alloc, long id, Status status, String message,
                                        String exceptionClass) {
        return statusFrame(alloc, FrameKind.RESPONSE, id, status, message, exceptionClass);
    }

    /** GOAWAY with a status and {@code :message}. */
    public static ByteBuf goAway(ByteBufAllocator alloc, Status status, String message) {
        return statusFrame(alloc, FrameKind.GOAWAY, 0, status, message, null);
    }

    public static ByteBuf ping(ByteBufAllocator alloc, long id) {
        return empty(alloc, FrameKind.PING, id);
    }

    public static ByteBuf pong(ByteBufAllocator alloc, long id) {
        return empty(alloc, FrameKind.PONG, id);
    }

    public static ByteBuf cancel(ByteBufAllocator alloc, long id) {
        return empty(alloc, FrameKind.CANCEL, id);
    }

    private static ByteBuf empty(ByteBufAllocator alloc, byte kind, long id) {
        ByteBuf buf = alloc.ioBuffer(Wire.HEADER_LENGTH);
        writeHeader(buf, kind, 0, Wire.SERIALIZATION_NONE, 0, id);
        buf.writeInt(0);
        buf.writeInt(0);
        return buf;
    }

    private static ByteBuf statusFrame(ByteBufAllocator alloc, byte kind, long id, Status status, String message,
                                       String exceptionClass) {
        ByteBuf buf = alloc.ioBuffer(64 + (message == null ? 0 : message.length() * 3));
        int headerStart = buf.writerIndex();
        writeHeader(buf, kind, 0, Wire.SERIALIZATION_NONE, status.code(), id);
        int metadataStart = buf.writerIndex();
        buf.writeShort(exceptionClass == null ? 1 : 2);
        writeEntry(buf, Wire.MESSAGE, message == null ? status.name() : message);
        if (exceptionClass != null) {
            writeEntry(buf, Wire.EXCEPTION, exceptionClass);
        }
        int bodyStart = buf.writerIndex();
        finish(buf, headerStart, metadataStart, bodyStart);
        return buf;
    }

    private static void writeHeader(ByteBuf buf, byte kind, int flags, byte serialization, int status, long id) {
        buf.writeShort(Wire.MAGIC);
        buf.writeByte(Wire.VERSION);
        buf.writeByte(kind);
        buf.writeByte(flags);
        buf.writeByte(serialization);
        buf.writeShort(status);
        buf.writeLong(id);
        // Lengths: filled in by finish() (or written directly by empty()).
        if (kind == FrameKind.PING || kind == FrameKind.PONG || kind == FrameKind.CANCEL) {
            return;
        }
        buf.writeInt(0);
        buf.writeInt(0);
    }

    private static void finish(ByteBuf buf, int headerStart, int metadataStart, int bodyStart) {
        buf.setInt(headerStart + 16, bodyStart - metadataStart);
        buf.setInt(headerStart + 20, buf.writerIndex() - bodyStart);
    }

    /** The entry {@code traceparent: 00-{trace id}-{span id}-{flags}}, in lower-case hex. */
    private static void writeTraceparent(ByteBuf buf, long traceIdHigh, long traceIdLow, long spanId, int flags) {
        buf.writeShort(TRACEPARENT_KEY.length);
        buf.writeBytes(TRACEPARENT_KEY);
        buf.writeInt(TRACEPARENT_LENGTH);
        buf.writeByte('0').writeByte('0').writeByte('-');
        writeHex(buf, traceIdHigh);
        writeHex(buf, traceIdLow);
        buf.writeByte('-');
        writeHex(buf, spanId);
        buf.writeByte('-').writeByte(HEX[(flags >>> 4) & 0xF]).writeByte(HEX[flags & 0xF]);
    }

    /** An entry whose value is {@code value} (not negative) in decimal digits, with no string made for it. */
    private static void writeDecimalEntry(ByteBuf buf, byte[] key, long value) {
        buf.writeShort(key.length);
        buf.writeBytes(key);
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        buf.writeInt(digits);
        buf.ensureWritable(digits);
        int start = buf.writerIndex();
        long rest = value;
        for (int i = start + digits - 1; i >= start; i--) {
            buf.setByte(i, '0' + (int) (rest % 10));
            rest /= 10;
        }
        buf.writerIndex(start + digits);
    }

    private static void writeHex(ByteBuf buf, long value) {
        for (int shift = 60; shift >= 0; shift -= 4) {
            buf.writeByte(HEX[(int) (value >>> shift) & 0xF]);
        }
    }

    private static void writeEntry(ByteBuf buf, String key, String value) {
        int keyLength = ByteBufUtil.utf8Bytes(key);
        if (keyLength > 0xFFFF) {
            throw new IllegalArgumentException("metadata key longer than 65535 bytes: " + key.substring(0, 64) + "...");
        }
        buf.writeShort(keyLength);
        ByteBufUtil.reserveAndWriteUtf8(buf, key, keyLength);
        int valueLength = ByteBufUtil.utf8Bytes(value);
        buf.writeInt(valueLength);
        ByteBufUtil.reserveAndWriteUtf8(buf, value, valueLength);
    }
}
