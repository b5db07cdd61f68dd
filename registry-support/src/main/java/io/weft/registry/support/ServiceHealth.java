package io.weft.registry.support;

import io.weft.InstanceStatus;
import io.weft.ServiceInstance;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The control plane's view of health (DESIGN §3), as the console and the {@code weft} command show it:
 * an instance's health is the {@code status.health} it last wrote into its registry node, or 0 when it
 * has no status or one older than {@code staleAfter}; a service's h̄ is the average over its providers,
 * and h̄ &lt; δ ({@link #DEGRADED_BELOW}) marks it degraded. Thread-safe (immutable).
 */
public final class ServiceHealth {
    /** δ of DESIGN §3. */
    public static final double DEGRADED_BELOW = 0.5;
    /** A status older than this counts as 0: three status intervals of 5 s. */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofSeconds(15);

    private final Duration staleAfter;
    private final Clock clock;

    public ServiceHealth(Duration staleAfter, Clock clock) {
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("staleAfter must be positive: " + staleAfter);
        }
        this.staleAfter = staleAfter;
        this.clock = clock;
    }

    /** h̄ over {@code providers}, or {@code null} when there are none. */
    public Double average(List<ServiceInstance> providers) {
        if (providers.isEmpty()) {
            return null;
        }
        return providers.stream().mapToDouble(this::health).average().orElse(0);
    }

    /** The instance's reported health, or 0 when it has no status or a stale one. */
    public double health(ServiceInstance instance) {
        return isStale(instance.status()) ? 0 : instance.status().health();
    }

    /** Whether {@code status} is missing or older than {@code staleAfter}. */
    public boolean isStale(InstanceStatus status) {
        return status == null || status.updatedAt() < clock.millis() - staleAfter.toMillis();
    }

    /** Whether h̄ marks the service degraded; {@code null} (no providers) does not. */
    public static boolean isDegraded(Double average) {
        return average != null && average < DEGRADED_BELOW;
    }
}
