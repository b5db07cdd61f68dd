package io.weft.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.weft.Status;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits the byte stream into {@link Frame}s. Every length is checked against the limit before
 * anything is allocated for it; a protocol error answers GOAWAY with a status and {@code :message},
 * closes the connection and ignores whatever else arrives on it.
 *
 * <p>With a frame read timeout, a frame must arrive whole within that time once its first byte
 * came (a slow-loris peer trickling one byte at a time gets GOAWAY {@code DEADLINE_EXCEEDED} and
 * is closed). One timer per connection at most, run on its event loop; nothing blocks. The time a
 * frame has waited is read from a nanosecond ticker ({@link System#nanoTime()} unless one is given).
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    private static final Logger log = LoggerFactory.getLogger(FrameDecoder.class);

    private final int maxFrameBytes;
    private final int maxMetadataEntries;
    private final long frameReadTimeoutNanos;
    private final LongSupplier nanoTime;
    private final MetadataStrings strings = new MetadataStrings();
    private boolean failed;
    private boolean decodedThisRead;
    private long partialSinceNanos; // when the incomplete frame now buffered began; 0: none
    private ScheduledFuture<?> partialTimer;

    public FrameDecoder(int maxFrameBytes) {
        this(maxFrameBytes, 0);
    }

    /** @param frameReadTimeoutMillis time a started frame has to complete; 0 for no limit */
    public FrameDecoder(int maxFrameBytes, long frameReadTimeoutMillis) {
        this(maxFrameBytes, frameReadTimeoutMillis, Wire.DEFAULT_MAX_METADATA_ENTRIES);
    }

    /**
     * @param frameReadTimeoutMillis time a started frame has to complete; 0 for no limit
     * @param maxMetadataEntries metadata entries one frame may carry; more is a protocol error
     */
    public FrameDecoder(int maxFrameBytes, long frameReadTimeoutMillis, int maxMetadataEntries) {
        this(maxFrameBytes, frameReadTimeoutMillis, maxMetadataEntries, System::nanoTime);
    }

    /**
     * @param frameReadTimeoutMillis time a started frame has to complete; 0 for no limit
     * @param maxMetadataEntries metadata entries one frame may carry; more is a protocol error
     * @param nanoTime the ticker the frame read timeout is measured with, in the sense of
     *     {@link System#nanoTime()} (tests pass a fake one)
     */
    public FrameDecoder(int maxFrameBytes, long frameReadTimeoutMillis, int maxMetadataEntries,
            LongSupplier nanoTime) {
        this.maxFrameBytes = maxFrameBytes;
        this.maxMetadataEntries = maxMetadataEntries;
        this.frameReadTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(frameReadTimeoutMillis);
        this.nanoTime = nanoTime;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        decodedThisRead = false;
        super.channelRead(ctx, msg);
        if (frameReadTimeoutNanos > 0 && !failed) {
            trackPartialFrame(ctx);
        }
    }

    /** After a read: note when the frame left incomplete began, and make sure a timer watches it. */
    private void trackPartialFrame(ChannelHandlerContext ctx) {
        if (!internalBuffer().isReadable()) {
            partialSinceNanos = 0;
            return;
        }
        if (partialSinceNanos == 0 || decodedThisRead) {
            partialSinceNanos = nanoTime.getAsLong();
        }
        if (partialTimer == null) {
            partialTimer = ctx.executor().schedule(() -> checkPartialFrame(ctx), frameReadTimeoutNanos,
                    TimeUnit.NANOSECONDS);
        }
    }

    private void checkPartialFrame(ChannelHandlerContext ctx) {
        partialTimer = null;
        if (failed || partialSinceNanos == 0 || !ctx.channel().isActive()) {
            return;
        }
        long waited = nanoTime.getAsLong() - partialSinceNanos;
        if (waited < frameReadTimeoutNanos) {
            partialTimer = ctx.executor().schedule(() -> checkPartialFrame(ctx), frameReadTimeoutNanos - waited,
                    TimeUnit.NANOSECONDS);
            return;
        }
        internalBuffer().skipBytes(internalBuffer().readableBytes());
        fail(ctx, new ProtocolException(Status.DEADLINE_EXCEEDED, "a frame started "
                + TimeUnit.NANOSECONDS.toMillis(waited) + " ms ago is still incomplete (limit "
                + TimeUnit.NANOSECONDS.toMillis(frameReadTimeoutNanos) + " ms)"));
    }

    /** Bytes buffered towards the next frame (for tests: bounded by the limit plus one read). */
    int bufferedBytes() {
        return internalBuffer().readableBytes();
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        ScheduledFuture<?> timer = partialTimer;
        if (timer != null) {
            timer.cancel(false);
            partialTimer = null;
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            Frame frame = tryDecode(in, maxFrameBytes, maxMetadataEntries, strings);
            if (frame != null) {
                decodedThisRead = true;
                out.add(frame);
            }
        } catch (ProtocolException e) {
            in.skipBytes(in.readableBytes());
            fail(ctx, e);
        }
    }

    private void fail(ChannelHandlerContext ctx, ProtocolException e) {
        failed = true;
        log.warn("protocol error from {}: {}; sending GOAWAY and closing", ctx.channel().remoteAddress(),
                e.getMessage());
        ctx.channel().writeAndFlush(FrameWriter.goAway(ctx.alloc(), e.status(), e.getMessage()))
                .addListener(ChannelFutureListener.CLOSE);
    }

    /** Decodes one frame if complete, or returns null and leaves {@code in} untouched. */
    static Frame tryDecode(ByteBuf in, int maxFrameBytes) {
        return tryDecode(in, maxFrameBytes, Wire.DEFAULT_MAX_METADATA_ENTRIES, null);
    }

    /**
     * As {@link #tryDecode(ByteBuf, int)}, with at most {@code maxMetadataEntries} metadata entries,
     * reusing metadata strings through {@code strings} (null: none).
     */
    static Frame tryDecode(ByteBuf in, int maxFrameBytes, int maxMetadataEntries, MetadataStrings strings) {
        int start = in.readerIndex();
        int readable = in.readableBytes();
        if (readable >= 2 && in.getUnsignedShort(start) != Wire.MAGIC) {
            throw new ProtocolException(Status.INVALID_ARGUMENT,
                    "bad magic 0x" + Integer.toHexString(in.getUnsignedShort(start)) + ", expected 0x5746");
        }
        if (readable >= 3 && in.getByte(start + 2) != Wire.VERSION) {
            throw new ProtocolException(Status.INVALID_ARGUMENT,
                    "unsupported protocol version " + in.getUnsignedByte(start + 2) + ", expected 1");
        }
        if (readable < Wire.HEADER_LENGTH) {
            return null;
        }
        byte kind = in.getByte(start + 3);
        if (!FrameKind.isKnown(kind)) {
            throw new ProtocolException(Status.INVALID_ARGUMENT, "unknown frame kind " + (kind & 0xff));
        }
        byte flags = in.getByte(start + 4);
        byte serialization = in.getByte(start + 5);
        if (serialization != Wire.SERIALIZATION_NONE && serialization != Wire.SERIALIZATION_HESSIAN2
                && serialization != Wire.SERIALIZATION_JSON) {
            throw new ProtocolException(Status.INVALID_ARGUMENT,
                    "unsupported serialization " + (serialization & 0xff));
        }
        int status = in.getUnsignedShort(start + 6);
        long id = in.getLong(start + 8);
        long metadataLength = in.getUnsignedInt(start + 16);
        long bodyLength = in.getUnsignedInt(start + 20);
        long total = Wire.HEADER_LENGTH + metadataLength + bodyLength;
        if (total > maxFrameBytes) {
            throw new ProtocolException(Status.RESOURCE_EXHAUSTED,
                    "frame of " + total + " bytes exceeds the limit of " + maxFrameBytes + " bytes");
        }
        if ((kind == FrameKind.REQUEST || kind == FrameKind.RESPONSE || kind == FrameKind.CANCEL) && id == 0) {
            throw new ProtocolException(Status.INVALID_ARGUMENT, "frame kind " + kind + " needs a non-zero request id");
        }
        if (readable < total) {
            return null;
        }
        int metadataStart = start + Wire.HEADER_LENGTH;
        Map<String, String> metadata = readMetadata(in, metadataStart, (int) metadataLength, maxMetadataEntries,
                strings);
        int bodyStart = metadataStart + (int) metadataLength;
        ByteBuf body = in.retainedSlice(bodyStart, (int) bodyLength);
        in.readerIndex(bodyStart + (int) bodyLength);
        return new Frame(kind, flags, serialization, status, id, metadata, body);
    }

    /**
     * Reads the metadata entries. At most {@code maxEntries} of them (so no caller decides how many
     * keys later copies hash), and a reserved {@code :key} at most once (two {@code :app} or
     * {@code :token} values would leave it to the reader which one counts).
     */
    private static Map<String, String> readMetadata(ByteBuf in, int start, int length, int maxEntries,
                                                    MetadataStrings strings) {
        if (length == 0) {
            return Map.of();
        }
        int end = start + length;
        int pos = start;
        if (length < 2) {
            throw badMetadata("metadata of " + length + " bytes has no entry count");
        }
        int count = in.getUnsignedShort(pos);
        pos += 2;
        if (count > maxEntries) {
            throw badMetadata("metadata has " + count + " entries, more than the limit of " + maxEntries);
        }
        // Each entry needs at least 6 bytes: a bound on the map size before allocating it.
        if ((long) count * 6 > end - pos) {
            throw badMetadata("metadata announces " + count + " entries but has only " + (end - pos) + " bytes");
        }
        Map<String, String> metadata = new HashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            if (end - pos < 2) {
                throw badMetadata("metadata entry " + i + " is truncated (key length)");
            }
            int keyLength = in.getUnsignedShort(pos);
            pos += 2;
            if (end - pos < keyLength) {
                throw badMetadata("metadata entry " + i + " is truncated (key)");
            }
            String key = text(in, pos, keyLength, strings);
            pos += keyLength;
            if (end - pos < 4) {
                throw badMetadata("metadata entry " + i + " is truncated (value length)");
            }
            long valueLength = in.getUnsignedInt(pos);
            pos += 4;
            if (end - pos < valueLength) {
                throw badMetadata("metadata entry " + i + " ('" + key + "') is truncated (value)");
            }
            String value = text(in, pos, (int) valueLength, strings);
            pos += (int) valueLength;
            if (metadata.put(key, value) != null && key.startsWith(":")) {
                throw badMetadata("reserved metadata key " + key + " appears more than once");
            }
        }
        if (pos != end) {
            throw badMetadata("metadata has " + (end - pos) + " bytes after its " + count + " entries");
        }
        return metadata;
    }

    private static String text(ByteBuf in, int pos, int length, MetadataStrings strings) {
        return strings == null ? in.toString(pos, length, StandardCharsets.UTF_8) : strings.decode(in, pos, length);
    }

    private static ProtocolException badMetadata(String message) {
        return new ProtocolException(Status.INVALID_ARGUMENT, message);
    }
}
