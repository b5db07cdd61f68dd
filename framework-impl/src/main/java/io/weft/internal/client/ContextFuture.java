package io.weft.internal.client;

import io.weft.CallContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A future whose dependent stages keep the {@link CallContext} of the code that made the call
 * (gRPC and OpenTelemetry carry their contexts the same way): dependent futures are of this class
 * too, the default executor of the {@code *Async} stages runs them with the context attached, and
 * {@link #settle} completes the future with the context attached, so the stages that run at
 * completion see it. The completing thread's own context is restored afterwards: nothing leaks onto
 * it.
 */
class ContextFuture<T> extends CompletableFuture<T> {
    final CallContext context;

    ContextFuture(CallContext context) {
        this.context = context;
    }

    /** Completes with {@code value}, or with {@code failure} when it is not null, in {@link #context}. */
    final void settle(T value, Throwable failure) {
        try (CallContext.Scope ignored = context.attach()) {
            if (failure != null) {
                completeExceptionally(failure);
            } else {
                complete(value);
            }
        }
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new ContextFuture<>(context);
    }

    @Override
    public Executor defaultExecutor() {
        Executor executor = super.defaultExecutor();
        CallContext bound = context;
        return task -> executor.execute(() -> bound.run(task));
    }
}
