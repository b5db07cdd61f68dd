package io.weft.internal.registry;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a watch's snapshots to its listener: only when one differs from the last handed over, on
 * the given executor, never after the watch is closed; an exception from the listener is logged and
 * the watch goes on. Internal.
 *
 * <p>Not thread-safe: call {@link #publish} from one thread or under the watch's lock, so snapshots
 * reach the executor in order.
 *
 * @param <T> the snapshot type (an immutable value with {@code equals})
 */
public final class SnapshotPublisher<T> {
    private static final Logger log = LoggerFactory.getLogger(SnapshotPublisher.class);

    private final String watched;
    private final Consumer<? super T> listener;
    private final Executor executor;
    private final BooleanSupplier closed;
    private T last;
    private boolean any;

    /**
     * @param watched the watched path or key, for log messages
     * @param executor where the listener runs (a single thread keeps calls one at a time)
     * @param closed tells whether the watch has been closed meanwhile
     */
    public SnapshotPublisher(String watched, Consumer<? super T> listener, Executor executor, BooleanSupplier closed) {
        this.watched = watched;
        this.listener = listener;
        this.executor = executor;
        this.closed = closed;
    }

    /** Delivers {@code snapshot} unless it equals the last one delivered. */
    public void publish(T snapshot) {
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
