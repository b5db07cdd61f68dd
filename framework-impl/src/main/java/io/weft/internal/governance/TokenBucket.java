package io.weft.internal.governance;

/**
 * A token bucket: {@code ratePerSecond} tokens a second, holding at most {@code capacity}. Lock-free
 * enough for call rates (synchronized on a tiny critical section); time from {@link System#nanoTime()}.
 */
public final class TokenBucket {
    private final double ratePerNano;
    private final double capacity;
    private double tokens;
    private long lastNanos;

    /** @param capacity the most tokens held (the burst a quiet bucket allows); at least 1 */
    public TokenBucket(double ratePerSecond, double capacity) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.capacity = Math.max(1, capacity);
        this.tokens = this.capacity;
        this.lastNanos = System.nanoTime();
    }

    /** Takes one token if there is one. */
    public synchronized boolean tryAcquire() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - lastNanos) * ratePerNano);
        lastNanos = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
