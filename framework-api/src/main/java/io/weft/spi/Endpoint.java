package io.weft.spi;

import io.weft.ServiceInstance;

/**
 * One provider instance as a {@link LoadBalancer} sees it. {@link #weight()} is frozen when the
 * snapshot holding this endpoint was built; {@link #inFlight()} and {@link #latencyMillis()} are
 * live readings (cheap, lock-free) that change while a picker runs.
 */
public interface Endpoint {
    /**
     * The provider behind this endpoint.
     *
     * @return the instance as discovered (its tags, version, weight and status)
     */
    ServiceInstance instance();

    /**
     * The effective weight F = f · H: instance weight × route share × warm-up factor × health.
     *
     * @return never negative; may be 0 when every candidate is fully degraded
     */
    double weight();

    /**
     * The calls sent to this endpoint by this consumer and not yet answered (a live reading).
     *
     * @return 0 or more
     */
    int inFlight();

    /**
     * Exponentially weighted average latency of recent answered calls (a live reading).
     *
     * @return milliseconds; 0 before the first answer
     */
    double latencyMillis();

    /**
     * The instance's address.
     *
     * @return {@code host:port}
     */
    default String address() {
        return instance().address();
    }
}
