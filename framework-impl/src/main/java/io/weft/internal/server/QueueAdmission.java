package io.weft.internal.server;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps the business queue's wait bounded from the first second of an overload: refuses a request
 * at once, on the event loop, when the wait it would face — requests queued × average time a
 * request holds a business thread ÷ threads — exceeds the bound or the request's remaining deadline;
 * and refuses a request at dequeue when it did wait longer than the bound after all (the estimate
 * lagged behind a slowdown). Lock-free; the average is a racy EWMA on purpose (a lost update only
 * nudges it).
 */
final class QueueAdmission {
    private static final double ALPHA = 0.1;

    private final int threads;
    private final long maxWaitNanos;
    private final AtomicInteger queued = new AtomicInteger();
    private volatile double serviceNanos;

    /** @param maxWaitNanos longest a request may wait in the queue; 0 turns the bound off */
    QueueAdmission(int threads, long maxWaitNanos) {
        this.threads = threads;
        this.maxWaitNanos = maxWaitNanos;
    }

    /**
     * Why a new request must be refused now, or null when it may queue (and is then counted as
     * queued until {@link #dequeued}).
     *
     * @param remainingNanos what is left of the request's deadline
     */
    String refusal(long remainingNanos) {
        int ahead = queued.get();
        long expectedWait = (long) (ahead * serviceNanos / threads);
        if (maxWaitNanos > 0 && expectedWait > maxWaitNanos) {
            return "provider overloaded: " + ahead + " requests queued, about " + expectedWait / 1_000_000
                    + " ms to wait (limit " + maxWaitNanos / 1_000_000 + " ms, " + ServerSettings.MAX_QUEUE_WAIT_MS + ")";
        }
        if (expectedWait > remainingNanos) {
            return "provider overloaded: about " + expectedWait / 1_000_000 + " ms to wait in its queue, more than the "
                    + remainingNanos / 1_000_000 + " ms left of the deadline";
        }
        queued.incrementAndGet();
        return null;
    }

    /** Undoes {@link #refusal} for a request the executor did not take after all. */
    void notQueued() {
        queued.decrementAndGet();
    }

    /** A business thread took the request; true when it waited longer than the bound. */
    boolean dequeued(long enqueuedNanos, long nowNanos) {
        queued.decrementAndGet();
        return maxWaitNanos > 0 && nowNanos - enqueuedNanos > maxWaitNanos;
    }

    /** A business thread was held {@code nanos} by one request. */
    void served(long nanos) {
        double avg = serviceNanos;
        serviceNanos = avg == 0 ? nanos : avg + ALPHA * (nanos - avg);
    }

    int queued() {
        return queued.get();
    }
}
