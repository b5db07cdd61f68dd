package io.weft.internal.client;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Caps retries at a share of calls over a sliding window (ten one-second buckets), with a floor of
 * a few retries per second so that a quiet reference can still retry. During an outage, when every
 * call fails, retries therefore add at most {@code percent} % to the load instead of multiplying
 * it. Lock-free; counts in a bucket being recycled may be lost, which only shifts the cap slightly.
 */
final class RetryBudget {
    private static final int BUCKETS = 10;

    private final double ratio;
    private final long minPerWindow;
    private final AtomicLongArray calls = new AtomicLongArray(BUCKETS);
    private final AtomicLongArray retries = new AtomicLongArray(BUCKETS);
    private final AtomicLongArray seconds = new AtomicLongArray(BUCKETS);
    private final AtomicLong refused = new AtomicLong();

    RetryBudget(int percent, int minPerSecond) {
        this.ratio = percent / 100.0;
        this.minPerWindow = (long) minPerSecond * BUCKETS;
    }

    /** Counts one call (first attempts only). */
    void onCall() {
        calls.incrementAndGet(bucket(nowSecond()));
    }

    /** True, and counted, if one more retry fits the budget. */
    boolean tryRetry() {
        long now = nowSecond();
        long c = 0;
        long r = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (now - seconds.get(i) < BUCKETS) {
                c += calls.get(i);
                r += retries.get(i);
            }
        }
        if (r >= Math.max(minPerWindow, (long) (c * ratio))) {
            refused.incrementAndGet();
            return false;
        }
        retries.incrementAndGet(bucket(now));
        return true;
    }

    /** Retries refused so far; for tests and logs. */
    long refused() {
        return refused.get();
    }

    private int bucket(long second) {
        int i = (int) Math.floorMod(second, (long) BUCKETS);
        long seen = seconds.get(i);
        if (seen != second && seconds.compareAndSet(i, seen, second)) {
            calls.set(i, 0);
            retries.set(i, 0);
        }
        return i;
    }

    private static long nowSecond() {
        return System.nanoTime() / 1_000_000_000L;
    }
}
