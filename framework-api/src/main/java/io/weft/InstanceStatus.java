package io.weft;

/**
 * The heartbeat an instance writes into its own registry node ({@code status} in the instance
 * JSON): health in [0, 1], when it was written (epoch millis), calls per second and error ratio.
 */
public record InstanceStatus(double health, long updatedAt, double qps, double errorRate) {
    public InstanceStatus {
        if (!(health >= 0 && health <= 1)) {
            throw new IllegalArgumentException("health must be in [0,1]: " + health);
        }
    }

    /** Fully healthy, written now, no traffic yet. */
    public static InstanceStatus healthyNow() {
        return new InstanceStatus(1.0, System.currentTimeMillis(), 0, 0);
    }
}
