package io.weft.internal.transport;

import io.weft.Status;

/** The peer broke the {@code weft/1} framing; the connection gets GOAWAY with {@link #status()} and closes. */
public final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Status status;

    public ProtocolException(Status status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public Status status() {
        return status;
    }
}
