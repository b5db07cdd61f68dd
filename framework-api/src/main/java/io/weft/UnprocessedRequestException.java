package io.weft;

/**
 * A call failed before its request reached a provider: no connection could be opened, the
 * connection was closing or unusable, or the write failed. The provider did nothing, so sending the
 * call again (to this or another instance) is safe even for a method that is not
 * {@link Idempotent}; the cluster does that itself within its attempts. The status is always
 * {@link Status#UNAVAILABLE}. Filters can tell it apart with {@code instanceof}.
 */
public class UnprocessedRequestException extends RpcException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with no underlying cause.
     *
     * @param message why the request could not be sent, naming the instance where there is one
     */
    public UnprocessedRequestException(String message) {
        super(Status.UNAVAILABLE, message);
    }

    /**
     * An exception caused by a failure of the transport underneath.
     *
     * @param message why the request could not be sent
     * @param cause the connect or write failure
     */
    public UnprocessedRequestException(String message, Throwable cause) {
        super(Status.UNAVAILABLE, message, cause);
    }
}
