package io.weft.internal.client;

/**
 * Tells when a busy connection's provider has stopped answering: a call has been outstanding for
 * longer than {@code max(floor, factor × the connection's average response time)} and nothing at
 * all was read from the provider since that call was sent. A hung process (SIGSTOP, a long GC, a
 * frozen VM) shows this within a few hundred milliseconds, long before a call's deadline or the idle
 * heartbeat would; a provider that is merely slow still sends other answers (or a PONG) and is not
 * suspected for long.
 *
 * <p>Lock-free and allocation-free: {@link #sent} and {@link #read} are one volatile read (and
 * rarely a write) per call or frame. Races are benign: they can only delay a suspicion by one check.
 */
final class StallWatch {
    private static final double ALPHA = 0.1;
    /** Answers needed before the average response time counts as the provider's normal latency. */
    static final int MIN_ANSWERS = 16;

    private final long floorNanos;
    private final double factor;
    /** When the first call since the last read was sent; 0 when none is. */
    private volatile long sentSinceReadNanos;
    private volatile double responseNanos;
    private volatile int answers;

    StallWatch(long floorNanos, double factor) {
        this.floorNanos = floorNanos;
        this.factor = factor;
    }

    /** A call was written at {@code nowNanos}. */
    void sent(long nowNanos) {
        if (sentSinceReadNanos == 0) {
            sentSinceReadNanos = nowNanos == 0 ? 1 : nowNanos;
        }
    }

    /** A frame (any frame) arrived from the provider. */
    void read() {
        if (sentSinceReadNanos != 0) {
            sentSinceReadNanos = 0;
        }
    }

    /** A call was answered {@code nanos} after it was sent. */
    void answered(long nanos) {
        double avg = responseNanos;
        responseNanos = avg == 0 ? nanos : avg + ALPHA * (nanos - avg);
        if (answers < MIN_ANSWERS) {
            answers++; // racy on purpose: only delays when the watch starts
        }
    }

    long thresholdNanos() {
        return Math.max(floorNanos, (long) (factor * responseNanos));
    }

    /**
     * Whether a call sent since the last read is overdue at {@code nowNanos}; never before the
     * connection has seen {@link #MIN_ANSWERS} answers (a cold provider is slow, not hung).
     */
    boolean overdue(long nowNanos, boolean callsOutstanding) {
        long since = sentSinceReadNanos;
        return callsOutstanding && since != 0 && answers >= MIN_ANSWERS && nowNanos - since > thresholdNanos();
    }

    /** How long ago (ms) the oldest call not followed by any read was sent; for messages. */
    long silentMillis(long nowNanos) {
        long since = sentSinceReadNanos;
        return since == 0 ? 0 : (nowNanos - since) / 1_000_000;
    }
}
