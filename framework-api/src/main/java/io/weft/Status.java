package io.weft;

/**
 * The outcome of a call, numbered as in gRPC. The number is what travels in the {@code status}
 * field of a {@code weft/1} RESPONSE or GOAWAY frame.
 */
public enum Status {
    /** The call succeeded. */
    OK(0),
    /** The caller gave up on the call: cancelled its future, or was interrupted while waiting. */
    CANCELLED(1),
    /** The service implementation threw an application exception. */
    UNKNOWN(2),
    /**
     * The request was malformed: arguments that cannot be decoded, a serialization the provider does
     * not accept, a broken frame. Sending it again will not help.
     */
    INVALID_ARGUMENT(3),
    /** The deadline passed before the answer came; the provider may still have run the call. */
    DEADLINE_EXCEEDED(4),
    /** No such service on the provider. */
    NOT_FOUND(5),
    /** A security rule denied the caller. */
    PERMISSION_DENIED(7),
    /** Throttled or overloaded: a limit or a full queue refused the call. */
    RESOURCE_EXHAUSTED(8),
    /** The service exists but has no such method. */
    UNIMPLEMENTED(12),
    /**
     * Weft itself failed: a result that cannot be encoded or decoded, a filter or interceptor that
     * broke the chain's contract.
     */
    INTERNAL(13),
    /** The call could not be delivered, or the provider went away; usually safe to retry elsewhere. */
    UNAVAILABLE(14),
    /** A security rule requires a credential and the caller's was missing or wrong. */
    UNAUTHENTICATED(16);

    private static final Status[] BY_CODE = new Status[17];

    static {
        for (Status s : values()) {
            BY_CODE[s.code] = s;
        }
    }

    private final int code;

    Status(int code) {
        this.code = code;
    }

    /**
     * The wire code of this status.
     *
     * @return the number, as in gRPC (e.g. 14 for {@link #UNAVAILABLE})
     */
    public int code() {
        return code;
    }

    /**
     * The status for a wire code.
     *
     * @param code the number from a frame
     * @return its status; codes this version does not know map to {@link #UNKNOWN}
     */
    public static Status fromCode(int code) {
        Status s = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        return s == null ? UNKNOWN : s;
    }
}
