package io.weft.console;

import io.weft.InstanceStatus;

/**
 * The status fields of DESIGN §10 ({@code p99Ms}, {@code inflight}) as the history keeps them: a p99 of
 * 0 means nothing was measured (no calls served in the interval, or an instance that does not write the
 * field), kept as {@code NaN} — "absent", shown as "—".
 */
final class StatusExtras {
    private StatusExtras() {
    }

    static double p99Ms(InstanceStatus status) {
        return status.p99Ms() > 0 && Double.isFinite(status.p99Ms()) ? status.p99Ms() : Double.NaN;
    }

    static double inflight(InstanceStatus status) {
        return status.inflight();
    }
}
