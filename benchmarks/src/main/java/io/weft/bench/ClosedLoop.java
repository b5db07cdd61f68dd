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

    /** Stops the callers, waits for their last calls, and returns what was measured. */
    public Measured stop() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
        return new Measured(recorder.getIntervalHistogram(), calls.sum(), failures.sum(), firstFailureNanos.get(),
                lastFailureNanos.get());
    }

    /**
     * What was measured between {@link #startMeasuring} and {@link #stopMeasuring}.
     *
     * @param latencies of the successful calls, in µs
     * @param firstFailureNanos {@link System#nanoTime} of the first failure, 0 without one
     * @param lastFailureNanos {@link System#nanoTime} of the last failure, 0 without one
     */
    public record Measured(Histogram latencies, long calls, long failures, long firstFailureNanos,
                           long lastFailureNanos) {}
}
