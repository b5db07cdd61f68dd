package io.weft.internal.client;

import io.weft.ServiceInstance;
import java.util.List;
import java.util.concurrent.CompletableFuture;

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

    @Override
    void close();
}
