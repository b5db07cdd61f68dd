package io.weft.internal.client;

import io.weft.RpcException;
import io.weft.Status;

/**
 * The request never reached a provider (no connection, connection draining, write failed), so
 * trying another instance is safe even for non-idempotent methods.
 */
final class NotSentException extends RpcException {
    private static final long serialVersionUID = 1L;

    NotSentException(String message) {
        super(Status.UNAVAILABLE, message);
    }

    NotSentException(String message, Throwable cause) {
        super(Status.UNAVAILABLE, message, cause);
    }
}
