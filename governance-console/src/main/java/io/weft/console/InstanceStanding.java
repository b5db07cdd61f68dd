package io.weft.console;

import io.weft.InstanceStatus;
import io.weft.ServiceInstance;
import io.weft.registry.support.ServiceHealth;
import java.util.Map;

/**
 * One provider as a preview sees it: its balancing weight, the health of its status heartbeat (0 when the
 * status is missing or stale, as for h̄), its latest calls/s and calls in flight, and whether consumers
 * would pick it: {@code healthy} (health ≥ δ), or out of rotation as {@code unhealthy} (health &lt; δ: a
 * consumer's outlier detection ejects such an instance) or {@code stale} (no fresh status).
 */
record InstanceStanding(String instanceId, String application, Map<String, String> tags, int weight, double health,
                        String state, double qps, double inflight, double errorRate) {
    static final String HEALTHY = "healthy";
    static final String UNHEALTHY = "unhealthy";
    static final String STALE = "stale";

    static InstanceStanding of(ServiceInstance instance, ServiceHealth health) {
        InstanceStatus status = instance.status();
        boolean stale = health.isStale(status);
        double h = stale ? 0 : finite(status.health());
        String state = stale ? STALE : h < ServiceHealth.DEGRADED_BELOW ? UNHEALTHY : HEALTHY;
        return new InstanceStanding(instance.instanceId(), instance.application(), instance.tags(), instance.weight(), h,
                state, stale ? 0 : finite(status.qps()), stale ? 0 : finite(status.inflight()),
                stale ? 0 : finite(status.errorRate()));
    }

    boolean inRotation() {
        return HEALTHY.equals(state);
    }

    private static double finite(double value) {
        return Double.isFinite(value) && value > 0 ? value : 0;
    }
}
