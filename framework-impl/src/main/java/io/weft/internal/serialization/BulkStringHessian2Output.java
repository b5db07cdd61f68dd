package io.weft.internal.serialization;

import com.alibaba.com.caucho.hessian.io.Hessian2Output;
import com.alibaba.com.caucho.hessian.util.IdentityIntMap;
import java.io.IOException;
import java.lang.invoke.VarHandle;

/**
 * hessian-lite's {@link Hessian2Output} with two per-call costs removed; the bytes it writes are
 * identical.
 *
 * <ul>
 *   <li><b>Strings in bulk.</b> The stock writer encodes strings one {@code charAt} at a time,
 *       checking for a full buffer before each char. This copies each chunk's chars out once and
 *       encodes them in a tight loop with an ASCII fast path. The output is the stock encoding:
 *       chunks of {@code 0x8000} chars ({@code R}, one char fewer when that would split a surrogate
 *       pair), then the final chunk in its short or {@code S} form; lengths count UTF-16 chars; each
 *       char, surrogates included, is encoded on its own as 1–3 UTF-8 bytes (CESU-8 style). Even
 *       the buffer is flushed at the same points, so everything written afterwards is the same too.
 *   <li><b>No needless reset.</b> {@link #init} and {@link #free} both reset the output, and each
 *       reset clears two identity maps of 256+ slots, whether or not anything was put in them. This
 *       resets only when a back-reference, class definition or type name was recorded, or bytes are
 *       left in the buffer, so a call clears the maps at most once, and not at all for values
 *       without objects.
 * </ul>
 *
 * <p>Both rely on hessian-lite's private buffer fields, reached through {@link VarHandle}s looked
 * up once. Should a hessian-lite upgrade rename them, this class behaves exactly like its
 * superclass. Packet mode and unshared mode are not supported. Not thread-safe, like its
 * superclass.
 */
final class BulkStringHessian2Output extends Hessian2Output {

    /** Shorter strings take the stock path: copying out the chars would not pay for itself. */
    static final int BULK_MIN_LENGTH = 32;

    private static final int CHUNK = 0x8000;
    private static final VarHandle BUFFER;
    private static final VarHandle OFFSET;
    private static final VarHandle REFS;
    private static final VarHandle CLASS_REFS;
    private static final VarHandle TYPE_REFS;
    private static final VarHandle REF_COUNT;

    static {
        VarHandle[] fields = PrivateFields.find(Hessian2Output.class, "_buffer", byte[].class, "_offset", int.class,
                "_refs", IdentityIntMap.class, "_classRefs", IdentityIntMap.class,
                "_typeRefs", java.util.HashMap.class, "_refCount", int.class);
        BUFFER = fields[0];
        OFFSET = fields[1];
        REFS = fields[2];
        CLASS_REFS = fields[3];
        TYPE_REFS = fields[4];
        REF_COUNT = fields[5];
    }

    private final byte[] buffer;
    private final int flushAt;
    private final IdentityIntMap refs;
    private final IdentityIntMap classRefs;
    private char[] chars = new char[0];

    BulkStringHessian2Output() {
        super(null);
        if (BUFFER != null) {
            this.buffer = (byte[]) BUFFER.get(this);
            this.refs = (IdentityIntMap) REFS.get(this);
            this.classRefs = (IdentityIntMap) CLASS_REFS.get(this);
        } else {
            this.buffer = null;
            this.refs = null;
            this.classRefs = null;
        }
        // The stock writer flushes before a char once fewer than 16 bytes are free.
        this.flushAt = buffer == null ? 0 : buffer.length - 16;
    }

    /** True if this runtime's hessian-lite has the fields this class relies on. */
    static boolean isBulkEncodingAvailable() {
        return BUFFER != null;
    }

    @Override
    public void writeString(String value) throws IOException {
        if (buffer == null || value == null || value.length() < BULK_MIN_LENGTH) {
            super.writeString(value);
            return;
        }
        int offset = flushIfFull((int) OFFSET.get(this));
        int start = 0;
        int remaining = value.length();
        while (remaining > CHUNK) {
            int length = CHUNK;
            offset = flushIfFull(offset);
            if (Character.isHighSurrogate(value.charAt(start + length - 1))) {
                length--; // never split a surrogate pair across chunks
            }
            buffer[offset] = 'R';
            buffer[offset + 1] = (byte) (length >> 8);
            buffer[offset + 2] = (byte) length;
            offset = encode(value, start, length, offset + 3);
            start += length;
            remaining -= length;
        }
        offset = flushIfFull(offset);
        if (remaining <= 31) {
            buffer[offset++] = (byte) remaining;
        } else if (remaining <= 1023) {
            buffer[offset++] = (byte) (0x30 + (remaining >> 8));
            buffer[offset++] = (byte) remaining;
        } else {
            buffer[offset++] = 'S';
            buffer[offset++] = (byte) (remaining >> 8);
            buffer[offset++] = (byte) remaining;
        }
        OFFSET.set(this, encode(value, start, remaining, offset));
    }

    /** Encodes {@code length} chars from {@code start}, flushing where the stock writer would. */
    private int encode(String value, int start, int length, int offset) throws IOException {
        char[] chars = charsFor(length);
        value.getChars(start, start + length, chars, 0);
        byte[] buffer = this.buffer;
        int flushAt = this.flushAt;
        int i = 0;
        while (i < length) {
            if (offset >= flushAt) {
                offset = flush(offset);
            }
            // Every char takes at least one byte, so this many fit before the next flush check.
            int stop = Math.min(length, i + flushAt - offset);
            char c = 0;
            while (i < stop && (c = chars[i]) < 0x80) {
                buffer[offset++] = (byte) c;
                i++;
            }
            if (i < stop) {
                if (c < 0x800) {
                    buffer[offset] = (byte) (0xc0 + ((c >> 6) & 0x1f));
                    buffer[offset + 1] = (byte) (0x80 + (c & 0x3f));
                    offset += 2;
                } else {
                    buffer[offset] = (byte) (0xe0 + ((c >> 12) & 0xf));
                    buffer[offset + 1] = (byte) (0x80 + ((c >> 6) & 0x3f));
                    buffer[offset + 2] = (byte) (0x80 + (c & 0x3f));
                    offset += 3;
                }
                i++;
            }
        }
        return offset;
    }

    private char[] charsFor(int length) {
        if (chars.length < length) {
            chars = new char[Math.min(CHUNK, Math.max(length, 2 * chars.length))];
        }
        return chars;
    }

    private int flushIfFull(int offset) throws IOException {
        return offset >= flushAt ? flush(offset) : offset;
    }

    private int flush(int offset) throws IOException {
        OFFSET.set(this, offset);
        flushBuffer();
        return (int) OFFSET.get(this);
    }

    @Override
    public void reset() {
        if (buffer == null || refs.size() != 0 || (int) REF_COUNT.get(this) != 0
                || classRefs.size() != 0 || TYPE_REFS.get(this) != null
                || (int) OFFSET.get(this) != 0) {
            super.reset();
        }
        // Otherwise there is nothing to forget: the maps are empty and the buffer is flushed.
    }

    @Override
    public void initPacket(java.io.OutputStream out) {
        throw new UnsupportedOperationException("packet mode is not supported");
    }

    @Override
    public boolean setUnshared(boolean isUnshared) {
        if (isUnshared) {
            throw new UnsupportedOperationException("unshared mode is not supported");
        }
        return super.setUnshared(false);
    }
}
