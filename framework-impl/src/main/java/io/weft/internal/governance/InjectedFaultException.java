package io.weft.internal.governance;

import io.weft.RpcException;
import io.weft.Status;

/** A failure made on purpose by a fault rule; metrics and logs can tell it from a real one. */
public final class InjectedFaultException extends RpcException implements RuleRefusal {
    private static final long serialVersionUID = 1L;
    private final String rule;

    public InjectedFaultException(Status status, String message) {
        this(status, message, null);
    }

    /** @param rule the fault's name, or null */
    public InjectedFaultException(Status status, String message, String rule) {
        super(status, message == null ? "injected fault" : message);
        this.rule = RuleRefusal.nameOf(rule);
    }

    @Override
    public String kind() {
        return "faults";
    }

    @Override
    public String rule() {
        return rule;
    }
}
