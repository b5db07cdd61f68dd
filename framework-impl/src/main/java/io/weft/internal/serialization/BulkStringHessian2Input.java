package io.weft.internal.serialization;

import com.alibaba.com.caucho.hessian.io.Hessian2Input;
import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.List;

/**
 * hessian-lite's {@link Hessian2Input} with strings decoded in bulk; the strings it returns, the
 * bytes it consumes and the errors it raises are those of the stock reader.
 *
 * <p>The stock reader decodes a string one char at a time: a method call per char, each checking
 * the chunk length and the buffer bounds and appending to a {@code StringBuilder}. This decodes
 * every string value read through {@link #readString()} or {@link #readObject(List)} (short form
 * {@code 0x00–0x1f}, {@code 0x30–0x33}, {@code S}, and {@code R} chunks) straight from the read
 * buffer into a reused {@code char[]}, with an ASCII fast path. It takes the stock per-char step
 * whenever a char is not wholly in the buffer (refill), its lead byte is not a valid 1–3 byte
 * lead (the stock error), or the stream has ended, so it agrees with the stock decoder on every
 * input: chars count UTF-16 units, surrogates come as separate 3-byte sequences (CESU-8 style),
 * continuation bytes are masked, not checked, exactly as hessian-lite does.
 *
 * <p>Relies on hessian-lite's private buffer and chunk fields, reached through {@link VarHandle}s
 * looked up once. Should a hessian-lite upgrade rename them, this class behaves exactly like its
 * superclass. Not thread-safe, like its superclass.
 */
final class BulkStringHessian2Input extends Hessian2Input {

    /** A scratch array longer than this (in chars) is dropped after the string is built. */
    static final int MAX_RETAINED_CHARS = 1 << 16;

    private static final VarHandle BUFFER;
    private static final VarHandle OFFSET;
    private static final VarHandle LENGTH;
    private static final VarHandle CHUNK_LENGTH;
    private static final VarHandle LAST_CHUNK;

    static {
        VarHandle[] fields = PrivateFields.find(Hessian2Input.class, "_buffer", byte[].class, "_offset", int.class,
                "_length", int.class, "_chunkLength", int.class, "_isLastChunk", boolean.class);
        BUFFER = fields[0];
        OFFSET = fields[1];
        LENGTH = fields[2];
        CHUNK_LENGTH = fields[3];
        LAST_CHUNK = fields[4];
    }

    private final byte[] buffer;
    /** The budget of the thread that reads with this input (inputs are per thread). */
    private final DecodeBudget budget = DecodeBudget.current();
    private char[] chars = new char[256];
    /** Chars decoded so far into {@link #chars} for the string being read. */
    private int count;

    BulkStringHessian2Input() {
        super(null);
        this.buffer = BUFFER == null ? null : (byte[]) BUFFER.get(this);
    }

    /** True if this runtime's hessian-lite has the fields this class relies on. */
    static boolean isBulkDecodingAvailable() {
        return BUFFER != null;
    }

    /**
     * Reads a string value (or the string form of a scalar, or null) as {@link
     * Hessian2Input#readString()} does.
     */
    @Override
    public String readString() throws IOException {
        if (buffer == null) {
            return super.readString();
        }
        int tag = read();
        if (!isStringTag(tag)) {
            if (tag >= 0) {
                unread();
            }
            return super.readString();
        }
        return readChunks(tag, true);
    }

    /**
     * Reads any value as {@link Hessian2Input#readObject(List)} does, strings in bulk, counting it
     * (and its depth) against the thread's {@link DecodeBudget}.
     */
    @Override
    public Object readObject(List<Class<?>> expectedTypes) throws IOException {
        budget.enter();
        try {
            if (buffer == null) {
                return super.readObject(expectedTypes);
            }
            int tag = read();
            if (!isStringTag(tag)) {
                if (tag >= 0) {
                    unread();
                }
                return super.readObject(expectedTypes);
            }
            return readChunks(tag, false);
        } finally {
            budget.exit();
        }
    }

    /** Reads a value of an expected type, counting it (and its depth) against the {@link DecodeBudget}. */
    @Override
    public Object readObject(Class cl, Class<?>... expectedTypes) throws IOException {
        budget.enter();
        try {
            return super.readObject(cl, expectedTypes);
        } finally {
            budget.exit();
        }
    }

    private static boolean isStringTag(int tag) {
        return (tag >= 0x00 && tag <= 0x1f) || (tag >= 0x30 && tag <= 0x33) || tag == 'S' || tag == 'R';
    }

    /**
     * Reads the string that starts with {@code tag} and any chunks after it.
     *
     * @param stopAtEnd the {@code readString} flavour: the string ends where the stream does
     *     (otherwise, like {@code readObject}, an exhausted stream decodes as {@code U+FFFF})
     */
    private String readChunks(int tag, boolean stopAtEnd) throws IOException {
        count = 0;
        boolean last = tag != 'R';
        int chunkLength = chunkLength(tag);
        while (true) {
            if (chunkLength > 0) {
                int left = decodeChunk(chunkLength, stopAtEnd);
                if (left >= 0) { // the stream ended inside the chunk
                    LAST_CHUNK.set(this, last);
                    CHUNK_LENGTH.set(this, left);
                    return takeString();
                }
                chunkLength = 0;
            }
            if (last) {
                break;
            }
            tag = read();
            if (!isStringTag(tag)) {
                LAST_CHUNK.set(this, false);
                CHUNK_LENGTH.set(this, chunkLength);
                throw expect("string", tag);
            }
            last = tag != 'R';
            chunkLength = chunkLength(tag);
        }
        LAST_CHUNK.set(this, true);
        CHUNK_LENGTH.set(this, 0);
        return takeString();
    }

    /** The length a string chunk's {@code tag} and the bytes after it announce, as hessian-lite reads it. */
    private int chunkLength(int tag) throws IOException {
        if (tag <= 0x1f) {
            return tag;
        } else if (tag <= 0x33) {
            return (tag - 0x30) * 256 + read();
        }
        return (read() << 8) + read();
    }

    /**
     * Decodes {@code length} chars (at least one) onto {@link #chars}.
     *
     * @return -1, or, if {@code stopAtEnd} and the stream ended before a char, how many chars of
     *     the chunk were left unread after that one
     */
    private int decodeChunk(int length, boolean stopAtEnd) throws IOException {
        int pos = count;
        int end = pos + length;
        char[] out = charsFor(end);
        byte[] buf = buffer;
        int offset = (int) OFFSET.get(this);
        int limit = (int) LENGTH.get(this);
        while (pos < end) {
            int stop = Math.min(end, pos + (limit - offset));
            while (pos < stop) {
                byte b = buf[offset];
                if (b < 0) {
                    break;
                }
                out[pos++] = (char) b;
                offset++;
            }
            if (pos == end) {
                break;
            }
            int lead = offset < limit ? buf[offset] & 0xff : -1;
            if ((lead & 0xe0) == 0xc0 && offset + 1 < limit) {
                out[pos++] = (char) (((lead & 0x1f) << 6) + (buf[offset + 1] & 0x3f));
                offset += 2;
            } else if ((lead & 0xf0) == 0xe0 && offset + 2 < limit) {
                out[pos++] = (char) (((lead & 0x0f) << 12) + ((buf[offset + 1] & 0x3f) << 6)
                        + (buf[offset + 2] & 0x3f));
                offset += 3;
            } else {
                // A refill, a char across the buffer end, a bad lead byte or the end of the stream.
                OFFSET.set(this, offset);
                int c = parseUtf8Char();
                if (c < 0 && stopAtEnd) {
                    count = pos;
                    return end - pos - 1;
                }
                out[pos++] = (char) c;
                offset = (int) OFFSET.get(this);
                limit = (int) LENGTH.get(this);
            }
        }
        OFFSET.set(this, offset);
        count = pos;
        return -1;
    }

    /** hessian-lite's own per-char step: -1 at the end of the stream, continuations unchecked. */
    private int parseUtf8Char() throws IOException {
        int ch = read();
        if (ch < 0x80) {
            return ch;
        } else if ((ch & 0xe0) == 0xc0) {
            int ch1 = read();
            return ((ch & 0x1f) << 6) + (ch1 & 0x3f);
        } else if ((ch & 0xf0) == 0xe0) {
            int ch1 = read();
            int ch2 = read();
            return ((ch & 0x0f) << 12) + ((ch1 & 0x3f) << 6) + (ch2 & 0x3f);
        }
        throw error("bad utf-8 encoding at " + codeName(ch));
    }

    private char[] charsFor(int length) {
        if (chars.length < length) {
            chars = Arrays.copyOf(chars, Math.max(length, 2 * chars.length));
        }
        return chars;
    }

    private String takeString() {
        String value = new String(chars, 0, count);
        if (chars.length > MAX_RETAINED_CHARS) {
            chars = new char[256];
        }
        return value;
    }
}
