package io.weft;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A W3C Trace Context position (https://www.w3.org/TR/trace-context/): the trace a call belongs to,
 * the span it is a child of, the trace flags and the vendors' {@code tracestate}. Weft sends it with
 * every call as the metadata keys {@value #TRACEPARENT} and {@value #TRACESTATE} (DESIGN §10), and a
 * provider sees the caller's in {@link CallContext#trace()}. Immutable.
 *
 * <p>Ids are held as numbers (a trace id as two longs), so continuing a trace costs no more than
 * formatting the new {@code traceparent} header. {@link #parse} validates per the specification and
 * returns null for anything invalid, never throwing: a bad header from a caller starts a new trace.
 *
 * @param traceIdHigh the first 8 bytes of the 16-byte trace id
 * @param traceIdLow the last 8 bytes of the trace id; the two are never both zero
 * @param spanId the 8-byte id of the span this context is ({@code parent-id} on the wire); never zero
 * @param flags the trace flags (bit 0: sampled)
 * @param traceState the {@code tracestate} header to pass on unchanged, or null
 */
public record TraceContext(long traceIdHigh, long traceIdLow, long spanId, int flags, String traceState) {
    /** The metadata key of the W3C {@code traceparent} header. */
    public static final String TRACEPARENT = "traceparent";
    /** The metadata key of the W3C {@code tracestate} header. */
    public static final String TRACESTATE = "tracestate";
    /** The sampled flag. */
    public static final int SAMPLED = 0x01;

    private static final int LENGTH = 55; // "00-" + 32 + "-" + 16 + "-" + 2
    private static final int MAX_TRACESTATE_LENGTH = 512;
    private static final int MAX_TRACESTATE_MEMBERS = 32;
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    /**
     * Checks the ids (the specification forbids all-zero ids) and the flags.
     *
     * @param traceIdHigh the first 8 bytes of the trace id
     * @param traceIdLow the last 8 bytes of the trace id
     * @param spanId the span id, not zero
     * @param flags the trace flags, one byte
     * @param traceState the {@code tracestate} header, or null
     * @throws IllegalArgumentException for a zero trace or span id or flags beyond one byte
     */
    public TraceContext {
        if (traceIdHigh == 0 && traceIdLow == 0) {
            throw new IllegalArgumentException("trace id must not be all zeros");
        }
        if (spanId == 0) {
            throw new IllegalArgumentException("span id must not be all zeros");
        }
        if (flags < 0 || flags > 0xFF) {
            throw new IllegalArgumentException("trace flags must be one byte: " + flags);
        }
    }

    /**
     * A new trace: random trace and span ids, sampled, no {@code tracestate}.
     *
     * @return the new trace's root position
     */
    public static TraceContext newTrace() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new TraceContext(random.nextLong(), nonZero(random), nonZero(random), SAMPLED, null);
    }

    /**
     * A child of this context: same trace, flags and {@code tracestate}, a new random span id.
     *
     * @return the child
     */
    public TraceContext newChild() {
        return new TraceContext(traceIdHigh, traceIdLow, nonZero(ThreadLocalRandom.current()), flags, traceState);
    }

    /**
     * A copy whose span id is {@code spanId}.
     *
     * @param spanId the new span id, not zero
     * @return the copy
     */
    public TraceContext withSpanId(long spanId) {
        return new TraceContext(traceIdHigh, traceIdLow, spanId, flags, traceState);
    }

    /**
     * Reads the {@code traceparent} and {@code tracestate} headers. Returns null when
     * {@code traceparent} is missing or invalid (wrong length or separators, upper-case or non-hex
     * digits, version {@code ff}, all-zero ids); a {@code tracestate} that is malformed, longer than
     * 512 characters or of more than 32 members is dropped and the {@code traceparent} kept. A
     * version above {@code 00} is read as {@code 00} when it has the {@code 00} fields (forward
     * compatibility, as the specification asks).
     *
     * @param traceparent the {@code traceparent} header, or null
     * @param tracestate the {@code tracestate} header, or null
     * @return the context, or null when {@code traceparent} is missing or invalid
     */
    public static TraceContext parse(String traceparent, String tracestate) {
        if (traceparent == null || traceparent.length() < LENGTH) {
            return null;
        }
        int version = digit(traceparent.charAt(0)) << 4 | digit(traceparent.charAt(1));
        if (version < 0 || version == 0xFF || (version == 0 && traceparent.length() != LENGTH)
                || (traceparent.length() > LENGTH && traceparent.charAt(LENGTH) != '-')
                || traceparent.charAt(2) != '-' || traceparent.charAt(35) != '-' || traceparent.charAt(52) != '-') {
            return null;
        }
        for (int i = 3; i < LENGTH; i++) {
            if (i != 35 && i != 52 && digit(traceparent.charAt(i)) < 0) {
                return null;
            }
        }
        long high = hex(traceparent, 3);
        long low = hex(traceparent, 19);
        long span = hex(traceparent, 36);
        if ((high == 0 && low == 0) || span == 0) {
            return null;
        }
        int flags = digit(traceparent.charAt(53)) << 4 | digit(traceparent.charAt(54));
        return new TraceContext(high, low, span, flags, validTraceState(tracestate) ? tracestate : null);
    }

    /**
     * Whether {@code tracestate} may be passed on: at most 512 characters and 32 list members, each
     * empty or {@code key=value} with a key of lower-case letters, digits and {@code _ - * / @} and a
     * value of printable ASCII without {@code ,} and {@code =}.
     */
    static boolean validTraceState(String tracestate) {
        if (tracestate == null || tracestate.isEmpty() || tracestate.length() > MAX_TRACESTATE_LENGTH) {
            return false;
        }
        int members = 1;
        int keyLength = 0;
        int valueLength = -1; // -1: reading the key
        for (int i = 0; i <= tracestate.length(); i++) {
            char c = i == tracestate.length() ? ',' : tracestate.charAt(i);
            if (c == ',') {
                if (valueLength == 0 || (valueLength < 0 && keyLength > 0)) {
                    return false; // "key=" or "key" without a value
                }
                if (++members > MAX_TRACESTATE_MEMBERS + 1) {
                    return false;
                }
                keyLength = 0;
                valueLength = -1;
            } else if (valueLength < 0) {
                if (c == '=') {
                    if (keyLength == 0) {
                        return false;
                    }
                    valueLength = 0;
                } else if ((c == ' ' || c == '\t') && keyLength == 0) {
                    continue; // optional white space before a member
                } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '*'
                        || c == '/' || c == '@') {
                    keyLength++;
                } else {
                    return false;
                }
            } else if (c < 0x20 || c > 0x7E || c == '=') {
                return false;
            } else {
                valueLength++;
            }
        }
        return true;
    }

    /**
     * The trace id as 32 lower-case hex digits.
     *
     * @return the trace id in hex
     */
    public String traceId() {
        byte[] out = new byte[32];
        writeHex(out, 0, traceIdHigh);
        writeHex(out, 16, traceIdLow);
        return new String(out, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * The span id as 16 lower-case hex digits.
     *
     * @return the span id in hex
     */
    public String spanIdHex() {
        byte[] out = new byte[16];
        writeHex(out, 0, spanId);
        return new String(out, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * Whether the sampled flag is set.
     *
     * @return true when the caller may have recorded the trace
     */
    public boolean sampled() {
        return (flags & SAMPLED) != 0;
    }

    /**
     * This context as a {@code traceparent} header (version {@code 00}).
     *
     * @return the header value
     */
    public String traceparent() {
        return traceparent(traceIdHigh, traceIdLow, spanId, flags);
    }

    /**
     * A {@code traceparent} header (version {@code 00}) of these ids and flags.
     *
     * @param traceIdHigh the first 8 bytes of the trace id
     * @param traceIdLow the last 8 bytes of the trace id
     * @param spanId the span id
     * @param flags the trace flags
     * @return the header value
     */
    public static String traceparent(long traceIdHigh, long traceIdLow, long spanId, int flags) {
        byte[] out = new byte[LENGTH];
        out[0] = '0';
        out[1] = '0';
        out[2] = '-';
        writeHex(out, 3, traceIdHigh);
        writeHex(out, 19, traceIdLow);
        out[35] = '-';
        writeHex(out, 36, spanId);
        out[52] = '-';
        out[53] = HEX[(flags >>> 4) & 0xF];
        out[54] = HEX[flags & 0xF];
        return new String(out, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * A random non-zero 8-byte id (a span id, or half a trace id), from {@link ThreadLocalRandom}.
     *
     * @return the id
     */
    public static long randomId() {
        return nonZero(ThreadLocalRandom.current());
    }

    private static long nonZero(ThreadLocalRandom random) {
        long id;
        do {
            id = random.nextLong();
        } while (id == 0);
        return id;
    }

    private static void writeHex(byte[] out, int at, long value) {
        for (int i = 15; i >= 0; i--) {
            out[at + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
    }

    /** Sixteen lower-case hex digits from {@code at}, already checked. */
    private static long hex(String s, int at) {
        long value = 0;
        for (int i = at; i < at + 16; i++) {
            value = value << 4 | digit(s.charAt(i));
        }
        return value;
    }

    /** The value of a lower-case hex digit, or -1 (upper case is invalid in traceparent). */
    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }
}
