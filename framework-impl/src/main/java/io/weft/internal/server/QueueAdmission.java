package io.weft.internal.server;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps the business queue's wait bounded from the first second of an overload: refuses a request
 * at once, on the event loop, when the wait it would face exceeds the admission target (half the
 * bound) or the request's remaining deadline; and refuses a request at dequeue when it did wait longer
 * than the bound after all. The target sits below the bound because the expected wait is an
 * estimate: admitting up to the bound itself means the requests at the tail wait about the bound, and
 * every one that service jitter delays a little is refused at dequeue — after it waited the whole bound,
 * the slowest refusal there is. The expected wait is the larger of two estimates:
 * <ul>
 *   <li>predicted: requests queued × average time a request holds a business thread ÷ threads. Before
 *       any request has finished there is no average; then no request has left a thread yet, so the
 *       age of the first one to start is the age of the oldest running call and a lower bound on the
 *       service time (an overload that begins with the process is caught too);</li>
 *   <li>observed (CoDel's standing-queue test): the shortest wait of the requests a business thread took
 *       during the last full {@value #INTERVAL_MS} ms interval. When even the luckiest request of an
 *       interval waited that long, the queue is standing, and a newcomer at its tail waits at least as
 *       long, whatever the average says (the prediction lags behind a slowdown). Cleared when the queue
 *       empties.</li>
 * </ul>
 * Times are passed in (nanoseconds from one monotonic clock), so tests drive it without waiting.
 * Lock-free; the average and the interval minimum are racy on purpose (a lost update only nudges them).
 */
final class QueueAdmission {
    static final long INTERVAL_MS = 100;
    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(INTERVAL_MS);
    private static final double ALPHA = 0.1;

    private final int threads;
    private final long maxWaitNanos;
    private final long targetNanos; // admit while the expected wait is at most this: half the bound
    private final AtomicInteger queued = new AtomicInteger();
    private volatile double serviceNanos;
    /** When the first request took a business thread (valid once {@link #firstStarted}). */
    private volatile long firstStartNanos;
    private volatile boolean firstStarted;
    // The standing-queue measure.
    private volatile long intervalStartNanos;
    private volatile long intervalMinSojourn = Long.MAX_VALUE;
    private volatile long standingSojourn;

    /** @param maxWaitNanos longest a request may wait in the queue; 0 turns the bound off */
    QueueAdmission(int threads, long maxWaitNanos) {
        this.threads = threads;
        this.maxWaitNanos = maxWaitNanos;
        this.targetNanos = maxWaitNanos / 2;
    }

    /**
     * Why a new request must be refused now, or null when it may queue (and is then counted as
     * queued until {@link #dequeued}).
     *
     * @param remainingNanos what is left of the request's deadline
     * @param nowNanos the time now
     */
    String refusal(long remainingNanos, long nowNanos) {
        int ahead = queued.get();
        long predicted = ahead == 0 ? 0 : (long) (ahead * serviceEstimate(nowNanos) / threads);
        long standing = standingSojourn;
        long expectedWait = Math.max(predicted, standing);
        if (maxWaitNanos > 0 && expectedWait > targetNanos) {
            return standing > predicted
                    ? "provider overloaded: requests waited at least " + standing / 1_000_000 + " ms in its queue for "
                    + INTERVAL_MS + " ms (admits up to " + targetNanos / 1_000_000 + " ms, half of "
                    + ServerSettings.MAX_QUEUE_WAIT_MS + "=" + maxWaitNanos / 1_000_000 + " ms)"
                    : "provider overloaded: " + ahead + " requests queued, about " + expectedWait / 1_000_000
                    + " ms to wait (admits up to " + targetNanos / 1_000_000 + " ms, half of "
                    + ServerSettings.MAX_QUEUE_WAIT_MS + "=" + maxWaitNanos / 1_000_000 + " ms)";
        }
        if (expectedWait > remainingNanos) {
            return "provider overloaded: about " + expectedWait / 1_000_000 + " ms to wait in its queue, more than the "
                    + remainingNanos / 1_000_000 + " ms left of the deadline";
        }
        queued.incrementAndGet();
        return null;
    }

    /** The average service time, or before the first sample the age of the oldest running call. */
    private double serviceEstimate(long nowNanos) {
        double avg = serviceNanos;
        if (avg == 0 && firstStarted) {
            return Math.max(0, nowNanos - firstStartNanos);
        }
        return avg;
    }

    /** Undoes {@link #refusal} for a request the executor did not take after all. */
    void notQueued() {
        queued.decrementAndGet();
    }

    /** A business thread took the request; true when it waited longer than the bound. */
    boolean dequeued(long enqueuedNanos, long nowNanos) {
        int left = queued.decrementAndGet();
        if (!firstStarted) {
            firstStartNanos = nowNanos;
            intervalStartNanos = nowNanos;
            firstStarted = true;
        }
        long sojourn = nowNanos - enqueuedNanos;
        if (left <= 0) {
            standingSojourn = 0; // the queue emptied: nothing stands
            intervalMinSojourn = Long.MAX_VALUE;
            intervalStartNanos = nowNanos;
        } else if (nowNanos - intervalStartNanos >= INTERVAL_NANOS) {
            long min = Math.min(intervalMinSojourn, sojourn);
            standingSojourn = min;
            intervalMinSojourn = Long.MAX_VALUE;
            intervalStartNanos = nowNanos;
        } else if (sojourn < intervalMinSojourn) {
            intervalMinSojourn = sojourn;
        }
        return maxWaitNanos > 0 && sojourn > maxWaitNanos;
    }

    /** A business thread was held {@code nanos} by one request. */
    void served(long nanos) {
        double avg = serviceNanos;
        serviceNanos = avg == 0 ? Math.max(1, nanos) : avg + ALPHA * (nanos - avg);
    }

    int queued() {
        return queued.get();
    }
}
