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

    /** The outcome. */
    private final Status status;
    /** The message without the status prefix. */
    private final String description;
    /** The provider's exception class name, or null. */
    private final String remoteExceptionClass;

    /**
     * A failure with a status and a message.
     *
     * @param status the outcome, e.g. {@link Status#UNAVAILABLE}
     * @param message what happened; on a provider, what the consumer reads as {@code :message}
     */
    public RpcException(Status status, String message) {
        this(status, message, null, null);
    }

    /**
     * A failure with a status, a message and the exception behind it (kept in this process only;
     * the cause does not travel).
     *
     * @param status the outcome
     * @param message what happened
     * @param cause the underlying exception, or null
     */
    public RpcException(Status status, String message, Throwable cause) {
        this(status, message, null, cause);
    }

    /**
     * A failure that carries the class name of the exception a provider threw.
     *
     * @param status the outcome, usually {@link Status#UNKNOWN} for an application exception
     * @param message what happened
     * @param remoteExceptionClass the provider's exception class name ({@code :exception}), or null
     * @param cause the underlying exception, or null
     */
    public RpcException(Status status, String message, String remoteExceptionClass, Throwable cause) {
        super(status + ": " + message, cause);
        this.status = status;
        this.description = message;
        this.remoteExceptionClass = remoteExceptionClass;
    }

    /**
     * The outcome of the call.
     *
     * @return the status; what the sidecar and the CLI report as a number
     */
    public Status status() {
        return status;
    }

    /**
     * The message without the status prefix; {@link #getMessage()} is {@code STATUS: description}.
     *
     * @return what travels as {@code :message}
     */
    public String description() {
        return description;
    }

    /**
     * The class name of the application exception thrown by the provider, when there was one.
     *
     * @return the fully qualified class name, or empty when the failure was not an application exception
     */
    public Optional<String> remoteExceptionClass() {
        return Optional.ofNullable(remoteExceptionClass);
    }
}
