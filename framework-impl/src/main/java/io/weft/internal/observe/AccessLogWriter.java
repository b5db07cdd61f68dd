package io.weft.internal.observe;

import io.weft.Status;
import io.weft.WeftKeys;
import io.weft.spi.CallListener.Side;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log's writer thread: takes the entries calls leave in an {@link AccessLogQueue},
 * formats them into one reused builder and hands the lines to the sink, writing buffered lines out at
 * least every flush interval. Calls never wait for it: when the queue is full a line is dropped and
 * counted, and a warning says how many every 10 s at most. {@link #close} writes every line offered
 * before it and flushes.
 *
 * <p>The thread sleeps between rounds (10 ms after finding lines, 100 ms after finding none); callers
 * wake it early only when the queue has filled by another quarter, so a busy service pays no wake-up
 * per line.
 */
final class AccessLogWriter {
    private static final Logger log = LoggerFactory.getLogger(AccessLogWriter.class);
    private static final long BUSY_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final AccessLogQueue queue;
    private final AccessLogSink sink;
    private final boolean json;
    private final long flushNanos;
    private final long wakeMask;
    private final LongAdder dropped = new LongAdder();
    private final Thread thread;
    private volatile boolean closing;

    // the writer thread's own
    private final StringBuilder line = new StringBuilder(256);
    private final Consumer<AccessLogQueue.Entry> writeLine = this::write; // made once, not per round
    private long droppedReported;
    private long lastDropWarning;
    private long lastFailureWarning;
    private boolean failedBefore;

    AccessLogWriter(AccessLogQueue queue, AccessLogSink sink, boolean json, long flushNanos) {
        this.queue = queue;
        this.sink = sink;
        this.json = json;
        this.flushNanos = flushNanos;
        this.wakeMask = Math.max(1, queue.capacity() / 4) - 1;
        this.thread = new Thread(this::run, "weft-access-log");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues one line; any thread, never blocks. A full queue drops the line and counts it. */
    void offer(Side side, String service, String method, Status status, long micros, String peer, String app,
               String traceparent) {
        long pos = queue.offer(side, service, method, status, micros, peer, app, traceparent);
        if (pos < 0) {
            dropped.increment();
        } else if ((pos & wakeMask) == wakeMask) {
            LockSupport.unpark(thread);
        }
    }

    /** Lines dropped so far because the queue was full. */
    long droppedLines() {
        return dropped.sum();
    }

    private void run() {
        long lastFlush = System.nanoTime();
        lastDropWarning = lastFlush;
        for (;;) {
            boolean stopping = closing; // read first: the drain below then sees every line offered before close
            int n = queue.drain(writeLine, queue.capacity());
            long now = System.nanoTime();
            if (stopping || now - lastFlush >= flushNanos) {
                try {
                    sink.flush();
                } catch (IOException | RuntimeException e) {
                    failed(e, now);
                }
                lastFlush = now;
            }
            warnOfDrops(now, stopping);
            if (stopping) {
                break;
            }
            if (n < queue.capacity()) {
                LockSupport.parkNanos(this, n == 0 ? IDLE_PARK_NANOS : BUSY_PARK_NANOS);
            }
        }
        try {
            sink.close();
        } catch (IOException | RuntimeException e) {
            failed(e, System.nanoTime());
        }
    }

    private void write(AccessLogQueue.Entry e) {
        line.setLength(0);
        AccessLog.append(line, json, e.side, e.service, e.method, e.status, e.micros, e.peer, e.app, e.traceparent);
        try {
            sink.write(line);
        } catch (IOException | RuntimeException ex) {
            failed(ex, System.nanoTime());
        }
    }

    private void warnOfDrops(long now, boolean last) {
        long total = dropped.sum();
        if (total > droppedReported && (last || now - lastDropWarning >= WARN_EVERY_NANOS)) {
            log.warn("access log: {} lines dropped since the last warning (the writer could not keep up; {} lines"
                            + " fit in the queue). Calls never wait for the access log: raise {} or lower {}",
                    total - droppedReported, queue.capacity(), WeftKeys.ACCESS_LOG_QUEUE_SIZE.name(),
                    WeftKeys.ACCESS_LOG_SAMPLE.name());
            droppedReported = total;
            lastDropWarning = now;
        }
    }

    private void failed(Exception e, long now) {
        if (!failedBefore || now - lastFailureWarning >= WARN_EVERY_NANOS) {
            log.warn("access log: cannot write lines ({}); lines are lost until it can", e.toString());
            failedBefore = true;
            lastFailureWarning = now;
        }
    }

    /**
     * Writes every line offered before this call, flushes and closes the sink; waits up to 10 s for
     * that. Lines offered afterwards are not written.
     */
    void close() {
        closing = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("access log: the writer did not finish within 10 s; lines still queued may be lost");
        }
    }
}
