package io.weft.internal.client;

import io.weft.ServiceInstance;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** The providers of one service a consumer may call: an immutable snapshot, replaced on change. */
interface Directory extends AutoCloseable {
    /** The current snapshot; never null. */
    List<ServiceInstance> instances();

    /** Completes when the snapshot is non-empty (at once if it already is). */
    CompletableFuture<Void> whenAvailable();

    /**
     * Why there is no provider and none can show up soon (calls then fail at once instead of
     * waiting), or null.
     */
    default String unavailableReason() {
        return null;
    }

    /**
     * Runs {@code listener} (on any thread) after each change of the snapshot; at most one listener.
     * Directories that never change ignore it.
     */
    default void onChange(Runnable listener) {
    }

    @Override
    void close();

    /** A directory whose snapshot is what {@code instances} returns: available at once, nothing to close. */
    static Directory of(Supplier<List<ServiceInstance>> instances) {
        return new Directory() {
            @Override
            public List<ServiceInstance> instances() {
                return instances.get();
            }

            @Override
            public CompletableFuture<Void> whenAvailable() {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void close() {}
        };
    }
}
