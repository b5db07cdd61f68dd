package io.weft;

import java.util.Optional;

/**
 * The one unchecked exception a Weft call fails with: a {@link Status} plus a message. When the
 * provider's implementation threw an exception that cannot be rethrown as its own type on the
 * consumer, the status is {@link Status#UNKNOWN} and {@link #remoteExceptionClass()} names the
 * class the provider threw.
 */
public class RpcException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Status status;
    private final String description;
    private final String remoteExceptionClass;

    public RpcException(Status status, String message) {
        this(status, message, null, null);
    }

    public RpcException(Status status, String message, Throwable cause) {
        this(status, message, null, cause);
    }

    public RpcException(Status status, String message, String remoteExceptionClass, Throwable cause) {
        super(status + ": " + message, cause);
        this.status = status;
        this.description = message;
        this.remoteExceptionClass = remoteExceptionClass;
    }

    public Status status() {
        return status;
    }

    /** The message without the status prefix (what travels as {@code :message}). */
    public String description() {
        return description;
    }

    /** The class name of the application exception thrown by the provider, when there was one. */
    public Optional<String> remoteExceptionClass() {
        return Optional.ofNullable(remoteExceptionClass);
    }
}
