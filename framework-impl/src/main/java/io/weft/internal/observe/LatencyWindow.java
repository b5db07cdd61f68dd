package io.weft.internal.observe;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Durations of the calls of one interval, for the status heartbeat's {@code p99Ms} (DESIGN §10):
 * a log-linear histogram (four buckets per power of two of microseconds, so a quantile is within
 * 19 % of the truth) that {@link #takeP99Millis} reads and empties. Recording is one atomic
 * increment, lock-free and allocation-free; a sample recorded while the window is being taken
 * may land in either interval.
 */
public final class LatencyWindow {
    private static final int SUB_BITS = 2;
    private static final int SUB = 1 << SUB_BITS;
    private static final int BUCKETS = 64 * SUB;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    /** Records one call that took {@code nanos}. */
    public void record(long nanos) {
        counts.incrementAndGet(bucket(Math.max(nanos / 1000, 0)));
    }

    /** The 99th percentile in milliseconds of what was recorded since the last call (0 if nothing), and empties the window. */
    public double takeP99Millis() {
        long[] taken = new long[BUCKETS];
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            taken[i] = counts.getAndSet(i, 0);
            total += taken[i];
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(total * 0.99);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += taken[i];
            if (seen >= rank) {
                return Math.round(upperMicros(i) / 10.0) / 100.0; // ms, two decimals
            }
        }
        return 0;
    }

    /** The bucket of a duration in microseconds: below 4 µs one bucket per µs, then 4 per power of two. */
    static int bucket(long micros) {
        if (micros < SUB) {
            return (int) micros;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(micros);
        int sub = (int) ((micros >>> (exponent - SUB_BITS)) & (SUB - 1));
        return Math.min((exponent - SUB_BITS + 1) * SUB + sub, BUCKETS - 1);
    }

    /** The largest duration (µs) that falls in bucket {@code i}. */
    static long upperMicros(int i) {
        if (i < SUB) {
            return i;
        }
        int exponent = i / SUB + SUB_BITS - 1;
        long sub = i % SUB;
        long lower = (1L << exponent) + (sub << (exponent - SUB_BITS));
        return lower + (1L << (exponent - SUB_BITS)) - 1;
    }
}
