package io.weft.internal.client;

import io.weft.RpcException;
import io.weft.Status;

/**
 * A call's failure as the client learns it from a connection: a status that came over the wire, a
 * deadline that fired, a cancellation, a closed connection. Made without a stack trace: the one it
 * would get is the event loop's or the timer's, which says nothing about the call, and under
 * overload the client makes thousands a second on its event loop. A blocking stub gives it the
 * caller's stack when it throws it ({@link io.weft.internal.Failures#forCaller}).
 */
final class FailedCallException extends RpcException {
    private static final long serialVersionUID = 1L;

    FailedCallException(Status status, String message) {
        super(status, message);
    }

    FailedCallException(Status status, String message, String remoteExceptionClass) {
        super(status, message, remoteExceptionClass, null);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // settable later by setStackTrace: a blocking caller gets its own stack
    }
}
