package io.weft.internal.governance;

/**
 * A {@link TokenBucket} whose rate can change while in use: asking for another rate or capacity
 * replaces the bucket with a new, full one (a limit changed, or a cluster-wide limit is now shared
 * by a different number of providers). Thread-safe; the common case is one volatile read.
 */
final class AdjustableBucket {
    private volatile Sized current;

    /** Takes one token from the bucket for {@code ratePerSecond} and {@code capacity}. */
    boolean tryAcquire(double ratePerSecond, double capacity) {
        Sized s = current;
        if (s == null || s.rate != ratePerSecond || s.capacity != capacity) {
            synchronized (this) {
                s = current;
                if (s == null || s.rate != ratePerSecond || s.capacity != capacity) {
                    s = new Sized(ratePerSecond, capacity, new TokenBucket(ratePerSecond, capacity));
                    current = s;
                }
            }
        }
        return s.bucket.tryAcquire();
    }

    private record Sized(double rate, double capacity, TokenBucket bucket) {}
}
