package io.weft.registry.tests;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Records every value a registry watch delivers, for assertions from the test thread.
 *
 * @param <T> what the watch delivers (an instance list, an optional rule value)
 */
public final class Snapshots<T> implements Consumer<T> {
    private final List<T> all = new CopyOnWriteArrayList<>();

    @Override
    public void accept(T snapshot) {
        all.add(snapshot);
    }

    /** The last value delivered, or {@code null} before the first. */
    public T latest() {
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    public boolean latestIs(T expected) {
        return expected.equals(latest());
    }

    public int count() {
        return all.size();
    }

    public List<T> all() {
        return List.copyOf(all);
    }
}
