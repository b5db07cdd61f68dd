package io.weft.console;

import io.weft.InstanceStatus;

/**
 * The status fields that not every instance writes (DESIGN §10: {@code p99Ms}, {@code inflight});
 * {@code NaN} when the status has none, which the history keeps as "absent" and the UI shows as "—".
 */
final class StatusExtras {
    private StatusExtras() {
    }

    static double p99Ms(InstanceStatus status) {
        return Double.NaN;
    }

    static double inflight(InstanceStatus status) {
        return Double.NaN;
    }
}
