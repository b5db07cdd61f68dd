package io.weft.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Callers that repeat one call back to back (a closed loop) until {@link #stop}. While measuring, each
 * success's latency goes into a histogram (µs) and each failure is counted, with the time of the first
 * and the last; what happens before {@link #startMeasuring} (the warm-up) is not counted.
 */
public final class ClosedLoop {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean measuring = new AtomicBoolean();
    private final LongAdder calls = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final AtomicLong firstFailureNanos = new AtomicLong();
    private final AtomicLong lastFailureNanos = new AtomicLong();
    private final Recorder recorder = new Recorder(3);
    private final List<Thread> threads = new ArrayList<>();

    private ClosedLoop() {
    }

    /** Starts {@code callers} threads ({@code caller-0}…), each running {@code call} again and again. */
    public static ClosedLoop start(int callers, Runnable call) {
        ClosedLoop loop = new ClosedLoop();
        for (int i = 0; i < callers; i++) {
            Thread t = new Thread(() -> loop.callUntilStopped(call), "caller-" + i);
            t.start();
            loop.threads.add(t);
        }
        return loop;
    }

    private void callUntilStopped(Runnable call) {
        while (running.get()) {
            long start = System.nanoTime();
            try {
                call.run();
                if (measuring.get()) {
                    recorder.recordValue((System.nanoTime() - start) / 1000);
                    calls.increment();
                }
            } catch (RuntimeException e) {
                if (measuring.get()) {
                    failures.increment();
                    long now = System.nanoTime();
                    firstFailureNanos.compareAndSet(0, now);
                    lastFailureNanos.set(now);
                }
            }
        }
    }

    /** Counts from now on. */
    public void startMeasuring() {
        recorder.reset();
        measuring.set(true);
    }

    /** Stops counting. */
    public void stopMeasuring() {
        measuring.set(false);
    }

    /** Stops the callers and waits for their last calls. */
    public void stop() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
    }

    /** The latencies (µs) measured since {@link #startMeasuring}; call once, after {@link #stopMeasuring}. */
    public Histogram histogram() {
        return recorder.getIntervalHistogram();
    }

    public long calls() {
        return calls.sum();
    }

    public long failures() {
        return failures.sum();
    }

    /** {@link System#nanoTime} of the first measured failure, 0 without one. */
    public long firstFailureNanos() {
        return firstFailureNanos.get();
    }

    /** {@link System#nanoTime} of the last measured failure, 0 without one. */
    public long lastFailureNanos() {
        return lastFailureNanos.get();
    }
}
