package io.weft.internal.server;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Counters the server keeps: calls in flight (for draining), calls and failures (for status). */
public final class ServerStats {
    final AtomicInteger inFlight = new AtomicInteger();
    final LongAdder calls = new LongAdder();
    final LongAdder failures = new LongAdder();
    volatile long lastRequestNanos = System.nanoTime();

    public int inFlight() {
        return inFlight.get();
    }

    public long calls() {
        return calls.sum();
    }

    public long failures() {
        return failures.sum();
    }
}
