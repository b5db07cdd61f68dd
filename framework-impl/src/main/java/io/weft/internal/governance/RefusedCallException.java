package io.weft.internal.governance;

import io.weft.RpcException;
import io.weft.Status;

/**
 * A call refused by a governance decision (unauthenticated, denied, throttled) before it reached
 * the service. Carries no stack trace: refusals can come at the full request rate, and the status
 * and message say everything.
 */
final class RefusedCallException extends RpcException implements RuleRefusal {
    private static final long serialVersionUID = 1L;
    private final String kind;
    private final String rule;

    /** @param kind {@code throttling} or {@code security}; @param rule the refusing entry (see {@link RuleRefusal#rule}) */
    RefusedCallException(Status status, String message, String kind, String rule) {
        super(status, message);
        this.kind = kind;
        this.rule = rule;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public String rule() {
        return rule;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
