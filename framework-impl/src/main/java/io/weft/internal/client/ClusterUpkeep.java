package io.weft.internal.client;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the cluster's periodic upkeep (probes, reconnects, snapshot rebuilds) every period while some
 * endpoint group needs it, and not at all while none does: an idle client wakes no thread. The
 * upkeep says whether it is still needed; after {@link #QUIET_TICKS} quiet ticks in a row it stops,
 * and the next {@link #wake} (a directory change, a connection event, a call) starts it again.
 *
 * <p>Events call {@link #wake}; the call path calls {@link #wakeIfStopped}, which only reads a
 * volatile while the upkeep runs. A stop never loses a wake-up: a {@code wake} that raced with it
 * is seen by the check that follows the stop, and a call counted in flight before its
 * {@code wakeIfStopped} is seen by {@code stillNeeded}.
 */
final class ClusterUpkeep {
    private static final Logger log = LoggerFactory.getLogger(ClusterUpkeep.class);
    /** Quiet ticks in a row before the upkeep stops (a second at the default period). */
    static final int QUIET_TICKS = 5;

    private final ScheduledExecutorService executor;
    private final long periodMillis;
    private final BooleanSupplier tick;
    private final BooleanSupplier stillNeeded;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean woken;
    private int quietTicks; // on the executor only

    /**
     * @param tick runs the upkeep once; true while it is still needed
     * @param stillNeeded the same answer without doing any upkeep (no side effects); called after a stop
     */
    ClusterUpkeep(ScheduledExecutorService executor, long periodMillis, BooleanSupplier tick,
                  BooleanSupplier stillNeeded) {
        this.executor = executor;
        this.periodMillis = periodMillis;
        this.tick = tick;
        this.stillNeeded = stillNeeded;
    }

    /** The upkeep of {@code groups} (read on every tick, so groups added later are included). */
    static ClusterUpkeep of(List<EndpointGroup> groups, ScheduledExecutorService executor, long periodMillis) {
        return new ClusterUpkeep(executor, periodMillis, () -> tick(groups), () -> needed(groups));
    }

    /** One round of upkeep over every group; true while any still needs it. */
    private static boolean tick(List<EndpointGroup> groups) {
        boolean needed = false;
        for (EndpointGroup g : groups) {
            try {
                needed |= g.tick();
            } catch (RuntimeException e) {
                log.warn("cluster upkeep failed", e);
                needed = true;
            }
        }
        return needed;
    }

    private static boolean needed(List<EndpointGroup> groups) {
        for (EndpointGroup g : groups) {
            if (g.needsUpkeep()) {
                return true;
            }
        }
        return false;
    }

    /** An upkeep that never runs (its owner ticks by hand); for tests. */
    static ClusterUpkeep inert() {
        ClusterUpkeep upkeep = new ClusterUpkeep(null, 0, () -> false, () -> false);
        upkeep.running.set(true); // so nothing ever schedules it
        return upkeep;
    }

    /** Something changed that upkeep may have to act on: runs it within a period, and on until quiet. */
    void wake() {
        woken = true;
        start();
    }

    /** For the call path: starts the upkeep if it is stopped; a volatile read otherwise. */
    void wakeIfStopped() {
        if (!running.get()) {
            start();
        }
    }

    /** Whether ticks are scheduled; for tests. */
    boolean running() {
        return running.get();
    }

    private void start() {
        if (running.compareAndSet(false, true)) {
            schedule();
        }
    }

    private void schedule() {
        try {
            executor.schedule(this::run, periodMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) { // the client is closing
            running.set(false);
        }
    }

    private void run() {
        woken = false;
        boolean needed;
        try {
            needed = tick.getAsBoolean();
        } catch (RuntimeException e) {
            log.warn("cluster upkeep failed", e);
            needed = true;
        }
        quietTicks = needed ? 0 : quietTicks + 1;
        if (quietTicks < QUIET_TICKS) {
            schedule();
            return;
        }
        quietTicks = 0;
        running.set(false);
        if (woken || stillNeeded.getAsBoolean()) {
            start();
        }
    }
}
