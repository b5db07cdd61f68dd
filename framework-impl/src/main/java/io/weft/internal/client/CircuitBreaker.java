package io.weft.internal.client;

import io.weft.rule.ThrottlingRule;
import java.util.Arrays;

/**
 * A circuit breaker for one instance (closed → open → half-open → closed), configured by a
 * throttling rule's {@code circuitBreaker}. Closed: calls flow and outcomes fill a sliding window
 * of ten buckets; once at least {@code minimumCalls} are in the window and the failure share
 * reaches {@code failureRatePercent}, it opens for {@code openSeconds}. Then one trial call is let
 * through (half-open): success closes it, failure opens it again. Thread-safe; tiny critical sections.
 */
final class CircuitBreaker {
    private static final int BUCKETS = 10;

    enum State { CLOSED, OPEN, HALF_OPEN }

    private final ThrottlingRule.CircuitBreaker config;
    private final long bucketNanos;
    private final long[] calls = new long[BUCKETS];
    private final long[] failures = new long[BUCKETS];
    private final long[] bucketStart = new long[BUCKETS];
    private State state = State.CLOSED;
    private long openUntilNanos;
    private boolean trialInFlight;

    CircuitBreaker(ThrottlingRule.CircuitBreaker config) {
        this.config = config;
        this.bucketNanos = config.windowSeconds() * 1_000_000_000L / BUCKETS;
    }

    ThrottlingRule.CircuitBreaker config() {
        return config;
    }

    synchronized State state() {
        return state;
    }

    /** Whether a call may go to this instance now; in half-open, only one trial at a time. */
    synchronized boolean allow(long nowNanos) {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (nowNanos - openUntilNanos < 0) {
                    return false;
                }
                state = State.HALF_OPEN;
                trialInFlight = true;
                return true;
            default:
                if (trialInFlight) {
                    return false;
                }
                trialInFlight = true;
                return true;
        }
    }

    /** Records a call's outcome (failure: the instance failed to serve it). */
    synchronized void record(boolean failure, long nowNanos) {
        if (state == State.HALF_OPEN) {
            trialInFlight = false;
            if (failure) {
                open(nowNanos);
            } else {
                state = State.CLOSED;
                Arrays.fill(calls, 0);
                Arrays.fill(failures, 0);
            }
            return;
        }
        if (state == State.OPEN) {
            return; // a call sent before it opened
        }
        int b = (int) Math.floorMod(nowNanos / bucketNanos, (long) BUCKETS);
        long start = nowNanos - Math.floorMod(nowNanos, bucketNanos);
        if (bucketStart[b] != start) {
            bucketStart[b] = start;
            calls[b] = 0;
            failures[b] = 0;
        }
        calls[b]++;
        if (failure) {
            failures[b]++;
        }
        long windowStart = start - (BUCKETS - 1) * bucketNanos;
        long c = 0;
        long f = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (bucketStart[i] - windowStart >= 0) {
                c += calls[i];
                f += failures[i];
            }
        }
        if (c >= config.minimumCalls() && f * 100 >= (long) config.failureRatePercent() * c) {
            open(nowNanos);
        }
    }

    private void open(long nowNanos) {
        state = State.OPEN;
        openUntilNanos = nowNanos + config.openSeconds() * 1_000_000_000L;
    }
}
