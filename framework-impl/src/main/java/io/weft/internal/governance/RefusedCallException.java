package io.weft.internal.governance;

import io.weft.RpcException;
import io.weft.Status;

/**
 * A call refused by a governance decision (unauthenticated, denied, throttled) before it reached
 * the service. Carries no stack trace: refusals can come at the full request rate, and the status
 * and message say everything.
 */
final class RefusedCallException extends RpcException {
    private static final long serialVersionUID = 1L;

    RefusedCallException(Status status, String message) {
        super(status, message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
