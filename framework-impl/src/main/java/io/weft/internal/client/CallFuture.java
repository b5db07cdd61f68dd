package io.weft.internal.client;

import io.weft.CallContext;

/**
 * The future a caller gets for an asynchronous call (typed or generic): cancelling it cancels the
 * call on the wire, and its dependent stages run with the caller's {@link CallContext}
 * ({@link ContextFuture}).
 */
final class CallFuture<T> extends ContextFuture<T> {
    private final OutgoingCall call;

    CallFuture(OutgoingCall call, CallContext context) {
        super(context);
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
