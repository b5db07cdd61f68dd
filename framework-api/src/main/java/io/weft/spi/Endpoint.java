package io.weft.spi;

import io.weft.ServiceInstance;

/**
 * One provider instance as a {@link LoadBalancer} sees it. {@link #weight()} is frozen when the
 * snapshot holding this endpoint was built; {@link #inFlight()} and {@link #latencyMillis()} are
 * live readings (cheap, lock-free) that change while a picker runs.
 */
public interface Endpoint {
    /** The instance as discovered. */
    ServiceInstance instance();

    /**
     * The effective weight F = f · H: instance weight × route share × warm-up factor × health.
     * Never negative; may be 0 when every candidate is fully degraded.
     */
    double weight();

    /** Calls sent to this endpoint by this consumer and not yet answered. */
    int inFlight();

    /** Exponentially weighted average latency of recent answered calls, in ms; 0 before the first. */
    double latencyMillis();

    /** {@code host:port}. */
    default String address() {
        return instance().address();
    }
}
