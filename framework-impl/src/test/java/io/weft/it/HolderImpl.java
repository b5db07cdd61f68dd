package io.weft.it;

import io.weft.CallContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Records what each held call saw of its cancellation, and which quick calls ran. */
public final class HolderImpl implements Holder {
    static final long HOLD_LIMIT_MS = 10_000;

    private final String name;
    private final boolean holdsRaces;
    /** Tags of calls that started holding. */
    public final List<String> holding = new CopyOnWriteArrayList<>();
    /** Tag → "cancelled" or "not cancelled", then ", interrupted" when the thread was interrupted. */
    public final Map<String, String> outcomes = new ConcurrentHashMap<>();
    /** Tags of quick calls that ran. */
    public final List<String> ran = new CopyOnWriteArrayList<>();
    /** When set, a race this holder does not hold answers only once {@code rival} holds the same tag. */
    public volatile HolderImpl rival;

    public HolderImpl(String name, boolean holdsRaces) {
        this.name = name;
        this.holdsRaces = holdsRaces;
    }

    @Override
    public String hold(String tag) {
        holding.add(tag);
        CallContext context = CallContext.current();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HOLD_LIMIT_MS);
        // Work that polls its context to stop early, as a long-running service would.
        while (!context.isCancelled() && System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        String outcome = (context.isCancelled() ? "cancelled" : "not cancelled")
                + (Thread.currentThread().isInterrupted() ? ", interrupted" : "");
        outcomes.put(tag, outcome);
        return name + " " + outcome;
    }

    @Override
    public CompletableFuture<String> holdAsync(String tag) {
        return CompletableFuture.completedFuture(hold(tag));
    }

    @Override
    public CompletableFuture<String> quickAsync(String tag) {
        ran.add(tag);
        return CompletableFuture.completedFuture(name + " " + tag);
    }

    @Override
    public String race(String tag) {
        if (holdsRaces) {
            return hold(tag);
        }
        HolderImpl other = rival;
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HOLD_LIMIT_MS);
        // The rival's copy is running, not queued, when this one answers: its cancellation is then seen
        // by the running call (a queued copy would be dropped without running at all).
        while (other != null && !other.holding.contains(tag) && System.nanoTime() < end) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return name;
    }
}
