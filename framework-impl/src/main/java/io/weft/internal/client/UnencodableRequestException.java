package io.weft.internal.client;

import io.weft.RpcException;
import io.weft.Status;

/**
 * The consumer could not serialize a call's arguments, so nothing was sent ({@code INTERNAL}).
 * It says nothing about the provider (no health sample, no breaker sample), and another instance
 * would fail the same way (no retry).
 */
final class UnencodableRequestException extends RpcException {
    private static final long serialVersionUID = 1L;

    UnencodableRequestException(String message, Throwable cause) {
        super(Status.INTERNAL, message, cause);
    }
}
