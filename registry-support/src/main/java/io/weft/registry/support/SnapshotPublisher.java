package io.weft.registry.support;

import io.weft.ServiceInstance;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a watch's snapshots to its listener: only when one differs from the last handed over, on
 * the given executor, never after the watch is closed; an exception from the listener is logged and
 * the watch goes on. Internal.
 *
 * <p>Settling (instance lists): a snapshot that <em>shrinks</em> the last one handed over (drops
 * an address) is held until the watch has been quiet for {@link #QUIET}, and while a resync is
 * under way ({@link #resyncing}) until {@link #RESYNC_HOLD} after it began — never longer than
 * {@link #MAX_HOLD} in all; each newer snapshot replaces the held one, and one that no longer
 * shrinks the list is handed over at once. So a stale node replaced by delete + create is one
 * update, and a resync after a lost session never shows an empty or shrunken list in between. A
 * real removal arrives {@link #QUIET} late (the data plane has taken a stopped provider out of
 * rotation already when its connection closed).
 *
 * <p>Thread-safe; snapshots reach the executor in the order they are handed over.
 *
 * @param <T> the snapshot type (an immutable value with {@code equals})
 */
public final class SnapshotPublisher<T> {
    private static final Logger log = LoggerFactory.getLogger(SnapshotPublisher.class);
    /** How long the watch must stay quiet before a shrunken list is handed over. */
    public static final Duration QUIET = Duration.ofMillis(200);
    /** How long after a resync began a shrunken list is held. */
    public static final Duration RESYNC_HOLD = Duration.ofMillis(3000);
    /** The longest any shrunken list is held. */
    public static final Duration MAX_HOLD = Duration.ofMillis(5000);
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
            Registries.daemonThreads("weft-snapshot-settle"));

    private final String watched;
    private final Consumer<? super T> listener;
    private final Executor executor;
    private final BooleanSupplier closed;
    private final BiPredicate<? super T, ? super T> shrinks; // null: no settling
    private T last;
    private boolean any;
    private T held;
    private long heldSinceNanos;
    private long resyncUntilNanos;
    private ScheduledFuture<?> release;

    /**
     * Hands over every change at once (rule values).
     *
     * @param watched the watched path or key, for log messages
     * @param executor where the listener runs (a single thread keeps calls one at a time)
     * @param closed tells whether the watch has been closed meanwhile
     */
    public SnapshotPublisher(String watched, Consumer<? super T> listener, Executor executor, BooleanSupplier closed) {
        this(watched, listener, executor, closed, null);
    }

    /**
     * @param shrinks whether a snapshot shrinks the one before it (then it is held until the watch
     *     settles); null hands over every change at once
     */
    public SnapshotPublisher(String watched, Consumer<? super T> listener, Executor executor, BooleanSupplier closed,
                             BiPredicate<? super T, ? super T> shrinks) {
        this.watched = watched;
        this.listener = listener;
        this.executor = executor;
        this.closed = closed;
        this.shrinks = shrinks;
    }

    /** A publisher of instance lists that holds shrunken lists until the watch settles (see above). */
    public static SnapshotPublisher<List<ServiceInstance>> settling(String watched,
            Consumer<? super List<ServiceInstance>> listener, Executor executor, BooleanSupplier closed) {
        return new SnapshotPublisher<>(watched, listener, executor, closed, SnapshotPublisher::dropsAnAddress);
    }

    /** Whether {@code after} lacks an address that {@code before} has: a shrunken instance list. */
    public static boolean dropsAnAddress(List<ServiceInstance> before, List<ServiceInstance> after) {
        if (after.size() < before.size()) {
            return true;
        }
        Set<String> now = new HashSet<>(after.size() * 2);
        for (ServiceInstance i : after) {
            now.add(i.address());
        }
        for (ServiceInstance i : before) {
            if (!now.contains(i.address())) {
                return true;
            }
        }
        return false;
    }

    /** Delivers {@code snapshot} unless it equals the last one delivered; holds it if it shrinks that one. */
    public synchronized void publish(T snapshot) {
        if (shrinks != null && any && shrinks.test(last, snapshot)) {
            long now = System.nanoTime();
            if (held == null) {
                heldSinceNanos = now;
            }
            held = snapshot;
            scheduleRelease(now);
            return;
        }
        dropHeld();
        handOver(snapshot);
    }

    /**
     * The watch lost its view and is reading it again (session lost, stream interrupted): shrunken
     * lists are held until {@link #RESYNC_HOLD} from now (within {@link #MAX_HOLD}).
     */
    public synchronized void resyncing() {
        if (shrinks == null) {
            return;
        }
        long now = System.nanoTime();
        resyncUntilNanos = now + RESYNC_HOLD.toNanos();
        if (held != null) {
            scheduleRelease(now);
        }
    }

    private void scheduleRelease(long now) {
        long at = Math.max(now + QUIET.toNanos(), resyncUntilNanos);
        at = Math.min(at, heldSinceNanos + MAX_HOLD.toNanos());
        if (release != null) {
            release.cancel(false);
        }
        try {
            release = TIMER.schedule(this::releaseHeld, Math.max(0, at - now), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            releaseHeld();
        }
    }

    private synchronized void releaseHeld() {
        T snapshot = held;
        if (snapshot == null) {
            return;
        }
        dropHeld();
        log.debug("{}: list settled after {} ms", watched, (System.nanoTime() - heldSinceNanos) / 1_000_000);
        handOver(snapshot);
    }

    private void dropHeld() {
        held = null;
        if (release != null) {
            release.cancel(false);
            release = null;
        }
    }

    private void handOver(T snapshot) {
        if (any && snapshot.equals(last)) {
            return;
        }
        any = true;
        last = snapshot;
        try {
            executor.execute(() -> deliver(snapshot));
        } catch (RejectedExecutionException e) {
            // registry closed
        }
    }

    private void deliver(T snapshot) {
        if (closed.getAsBoolean()) {
            return;
        }
        try {
            listener.accept(snapshot);
        } catch (RuntimeException e) {
            log.warn("watch listener for {} threw; the watch goes on", watched, e);
        }
    }
}
