package io.weft.internal.server;

import io.weft.internal.observe.LatencyWindow;
import io.weft.spi.CallListener;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters the server keeps: calls in flight (for draining), calls and failures (for status), and
 * the failures that say the provider itself is in trouble — overload, {@code UNAVAILABLE},
 * {@code INTERNAL}, expired deadlines — as opposed to application errors (for its own health); the
 * durations of the interval (for the status's {@code p99Ms}); and the listener told of every call
 * that ends ({@code null} when nobody listens).
 */
public final class ServerStats {
    final LatencyWindow latency = new LatencyWindow();
    final CallListener listener;
    final AtomicInteger inFlight = new AtomicInteger();
    final LongAdder calls = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder unhealthy = new LongAdder();
    volatile long lastRequestNanos = System.nanoTime();

    public ServerStats() {
        this(null);
    }

    public ServerStats(CallListener listener) {
        this.listener = listener;
    }

    /** The durations of the served calls since the status heartbeat last took them. */
    public LatencyWindow latency() {
        return latency;
    }

    public int inFlight() {
        return inFlight.get();
    }

    public long calls() {
        return calls.sum();
    }

    public long failures() {
        return failures.sum();
    }

    /** Failures that count against the provider's own health. */
    public long unhealthy() {
        return unhealthy.sum();
    }

    void failed(io.weft.Status status) {
        failures.increment();
        switch (status) {
            case RESOURCE_EXHAUSTED, UNAVAILABLE, INTERNAL, DEADLINE_EXCEEDED -> unhealthy.increment();
            default -> { }
        }
    }
}
