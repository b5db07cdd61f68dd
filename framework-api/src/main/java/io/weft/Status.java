package io.weft;

/**
 * The outcome of a call, numbered as in gRPC. The number is what travels in the {@code status}
 * field of a {@code weft/1} RESPONSE or GOAWAY frame.
 */
public enum Status {
    OK(0),
    CANCELLED(1),
    /** The service implementation threw an application exception. */
    UNKNOWN(2),
    INVALID_ARGUMENT(3),
    DEADLINE_EXCEEDED(4),
    /** No such service on the provider. */
    NOT_FOUND(5),
    PERMISSION_DENIED(7),
    /** Throttled or overloaded: a limit or a full queue refused the call. */
    RESOURCE_EXHAUSTED(8),
    /** The service exists but has no such method. */
    UNIMPLEMENTED(12),
    INTERNAL(13),
    /** The call could not be delivered, or the provider went away; usually safe to retry elsewhere. */
    UNAVAILABLE(14),
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

    /** The wire code of this status. */
    public int code() {
        return code;
    }

    /** The status for a wire code; codes this version does not know map to {@link #UNKNOWN}. */
    public static Status fromCode(int code) {
        Status s = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        return s == null ? UNKNOWN : s;
    }
}
