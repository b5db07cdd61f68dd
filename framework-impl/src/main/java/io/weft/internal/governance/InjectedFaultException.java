package io.weft.internal.governance;

import io.weft.RpcException;
import io.weft.Status;

/** A failure made on purpose by a fault rule; metrics and logs can tell it from a real one. */
public final class InjectedFaultException extends RpcException {
    private static final long serialVersionUID = 1L;

    public InjectedFaultException(Status status, String message) {
        super(status, message == null ? "injected fault" : message);
    }
}
