package io.weft.sidecar;

import io.weft.Status;

/** The status table of DESIGN §9: weft status ↔ HTTP status, both ways. */
final class StatusMapping {
    private StatusMapping() {}

    /** The HTTP status the outbound port answers for {@code status}. */
    static int toHttp(Status status) {
        return switch (status) {
            case OK -> 200;
            case CANCELLED -> 499;
            case INVALID_ARGUMENT -> 400;
            case DEADLINE_EXCEEDED -> 504;
            case NOT_FOUND -> 404;
            case PERMISSION_DENIED -> 403;
            case RESOURCE_EXHAUSTED -> 429;
            case UNIMPLEMENTED -> 501;
            case UNAVAILABLE -> 503;
            case UNAUTHENTICATED -> 401;
            default -> 500; // UNKNOWN, INTERNAL and anything newer
        };
    }

    /**
     * The weft status of the application's answer {@code http} (not 2xx): the table's statuses map
     * back exactly, any other 4xx is {@code INVALID_ARGUMENT}, anything else {@code UNKNOWN}.
     */
    static Status fromHttp(int http) {
        return switch (http) {
            case 499 -> Status.CANCELLED;
            case 400 -> Status.INVALID_ARGUMENT;
            case 504 -> Status.DEADLINE_EXCEEDED;
            case 404 -> Status.NOT_FOUND;
            case 403 -> Status.PERMISSION_DENIED;
            case 429 -> Status.RESOURCE_EXHAUSTED;
            case 501 -> Status.UNIMPLEMENTED;
            case 503 -> Status.UNAVAILABLE;
            case 401 -> Status.UNAUTHENTICATED;
            default -> http >= 400 && http < 500 ? Status.INVALID_ARGUMENT : Status.UNKNOWN;
        };
    }
}
