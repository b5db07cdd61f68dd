package io.weft;

import java.util.Map;

/**
 * The heartbeat an instance writes into its own registry node ({@code status} in the instance
 * JSON): health in [0, 1], when it was written (epoch millis), calls per second and error ratio.
 *
 * @param ruleErrors rule kind → why the latest rule value in the registry was refused (written as
 *     {@code status.ruleErrors}; readers that don't know the field ignore it)
 */
public record InstanceStatus(double health, long updatedAt, double qps, double errorRate,
                             Map<String, String> ruleErrors) {
    public InstanceStatus {
        if (!(health >= 0 && health <= 1)) {
            throw new IllegalArgumentException("health must be in [0,1]: " + health);
        }
        ruleErrors = ruleErrors == null ? Map.of() : Map.copyOf(ruleErrors);
    }

    /** A status with no rule errors. */
    public InstanceStatus(double health, long updatedAt, double qps, double errorRate) {
        this(health, updatedAt, qps, errorRate, Map.of());
    }

    public InstanceStatus withRuleErrors(Map<String, String> ruleErrors) {
        return new InstanceStatus(health, updatedAt, qps, errorRate, ruleErrors);
    }

    /** Fully healthy, written now, no traffic yet. */
    public static InstanceStatus healthyNow() {
        return new InstanceStatus(1.0, System.currentTimeMillis(), 0, 0);
    }
}
