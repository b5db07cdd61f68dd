package io.weft.internal.client;

import java.util.concurrent.CompletableFuture;

/** The future a caller gets for an asynchronous call (typed or generic): cancelling it cancels the call on the wire. */
final class CallFuture<T> extends CompletableFuture<T> {
    private final OutgoingCall call;

    CallFuture(OutgoingCall call) {
        this.call = call;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            call.cancel();
        }
        return cancelled;
    }
}
