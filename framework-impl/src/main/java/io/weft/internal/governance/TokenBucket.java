package io.weft.internal.governance;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code ratePerSecond} tokens a second, holding at most {@code capacity}. Lock-free
 * enough for call rates (synchronized on a tiny critical section); time from a nanosecond ticker,
 * {@link System#nanoTime()} unless one is given (tests pass a fake one).
 */
public final class TokenBucket {
    private final double ratePerNano;
    private final double capacity;
    private double tokens;
    private final LongSupplier nanoTime;
    private long lastNanos;

    /** @param capacity the most tokens held (the burst a quiet bucket allows); at least 1 */
    public TokenBucket(double ratePerSecond, double capacity) {
        this(ratePerSecond, capacity, System::nanoTime);
    }

    /**
     * @param capacity the most tokens held (the burst a quiet bucket allows); at least 1
     * @param nanoTime the ticker time is read from, in the sense of {@link System#nanoTime()}
     */
    public TokenBucket(double ratePerSecond, double capacity, LongSupplier nanoTime) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.capacity = Math.max(1, capacity);
        this.tokens = this.capacity;
        this.nanoTime = nanoTime;
        this.lastNanos = nanoTime.getAsLong();
    }

    /** Takes one token if there is one. */
    public synchronized boolean tryAcquire() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - lastNanos) * ratePerNano);
        lastNanos = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
