package io.weft;

import java.util.Map;

/**
 * The heartbeat an instance writes into its own registry node ({@code status} in the instance
 * JSON): health in [0, 1], when it was written (epoch millis), calls per second and error ratio,
 * and (DESIGN §10) the 99th percentile of the served calls' durations and the calls in flight.
 * The console counts a status that was not rewritten for a while as health 0.
 *
 * @param health the instance's own view of its health, 0 (failing) to 1 (fully healthy)
 * @param updatedAt when it was written, in epoch milliseconds
 * @param qps calls per second served recently
 * @param errorRate the share of recent calls that failed, 0 to 1
 * @param p99Ms 99th percentile, in milliseconds, of the durations of the calls this instance served
 *     over the last interval ({@code 0} when it served none); written as {@code status.p99Ms}
 * @param inflight calls being served when the status was written; written as {@code status.inflight}
 * @param ruleErrors rule kind → why the latest rule value in the registry was refused (written as
 *     {@code status.ruleErrors}; readers that don't know the field ignore it)
 */
public record InstanceStatus(double health, long updatedAt, double qps, double errorRate, double p99Ms,
                             int inflight, Map<String, String> ruleErrors) {
    /**
     * Checks the health and copies the rule errors.
     *
     * @param health in [0, 1]
     * @param updatedAt epoch milliseconds
     * @param qps calls per second
     * @param errorRate the failed share, 0 to 1
     * @param p99Ms milliseconds, 0 when no call was served
     * @param inflight calls being served
     * @param ruleErrors rule kind → reason; null means none
     * @throws IllegalArgumentException when {@code health} is outside [0, 1] (or NaN)
     */
    public InstanceStatus {
        if (!(health >= 0 && health <= 1)) {
            throw new IllegalArgumentException("health must be in [0,1]: " + health);
        }
        ruleErrors = ruleErrors == null ? Map.of() : Map.copyOf(ruleErrors);
    }

    /**
     * A status without latency, load or rule errors (readers of older nodes get this).
     *
     * @param health in [0, 1]
     * @param updatedAt epoch milliseconds
     * @param qps calls per second
     * @param errorRate the failed share, 0 to 1
     */
    public InstanceStatus(double health, long updatedAt, double qps, double errorRate) {
        this(health, updatedAt, qps, errorRate, 0, 0, Map.of());
    }

    /**
     * A status without latency or load.
     *
     * @param health in [0, 1]
     * @param updatedAt epoch milliseconds
     * @param qps calls per second
     * @param errorRate the failed share, 0 to 1
     * @param ruleErrors rule kind → reason; null means none
     */
    public InstanceStatus(double health, long updatedAt, double qps, double errorRate,
                          Map<String, String> ruleErrors) {
        this(health, updatedAt, qps, errorRate, 0, 0, ruleErrors);
    }

    /**
     * A copy with other rule errors.
     *
     * @param ruleErrors rule kind → why its latest value was refused; null or empty for none
     * @return the copy
     */
    public InstanceStatus withRuleErrors(Map<String, String> ruleErrors) {
        return new InstanceStatus(health, updatedAt, qps, errorRate, p99Ms, inflight, ruleErrors);
    }

    /**
     * Fully healthy, written now, no traffic yet: what a new node starts with.
     *
     * @return health 1, {@code updatedAt} now, qps and error rate 0
     */
    public static InstanceStatus healthyNow() {
        return new InstanceStatus(1.0, System.currentTimeMillis(), 0, 0);
    }
}
