package io.weft.internal.client;

import io.weft.ServiceInstance;
import java.util.function.LongSupplier;

/**
 * The policy side of DESIGN §3's effective weight: F = instance weight × warm-up factor × H (the
 * route's destination share applies on top, as the routed subset). Warm-up ramps a freshly started
 * instance linearly from 5 % to its full weight over {@code warmupMillis} after its
 * {@code startedAt}; the wall clock is injected. Weights are frozen into each snapshot, so this
 * also says when they have drifted enough to rebuild it. Stateless apart from its settings;
 * thread-safe.
 */
final class EndpointWeights {
    /** Relative change of an endpoint's F that makes the snapshot stale. */
    static final double DRIFT = 0.05;
    private static final double MIN_WARMUP_FACTOR = 0.05;

    private final long warmupMillis;
    private final LongSupplier wallMillis;

    EndpointWeights(long warmupMillis, LongSupplier wallMillis) {
        this.warmupMillis = warmupMillis;
        this.wallMillis = wallMillis;
    }

    long nowMillis() {
        return wallMillis.getAsLong();
    }

    /** F of {@code s} at {@code nowMillis} (wall clock). */
    double weightOf(EndpointState s, long nowMillis) {
        ServiceInstance i = s.instance;
        return i.weight() * warmupFactor(i.startedAt(), nowMillis, warmupMillis) * s.health();
    }

    /** Linear ramp from 5 % to 100 % over the warm-up period; 1 when the start time is unknown. */
    static double warmupFactor(long startedAt, long nowMillis, long warmupMillis) {
        if (startedAt <= 0 || warmupMillis <= 0) {
            return 1;
        }
        double f = (double) (nowMillis - startedAt) / warmupMillis;
        return Math.max(MIN_WARMUP_FACTOR, Math.min(1, f));
    }

    /** Whether {@code s} is still in its warm-up ramp at {@code nowMillis}, so its F grows with time. */
    boolean warming(EndpointState s, long nowMillis) {
        return warmupFactor(s.instance.startedAt(), nowMillis, warmupMillis) < 1;
    }

    /** Whether any endpoint's F moved by more than {@link #DRIFT} since {@code s} froze it. */
    boolean drifted(EndpointSnapshot s) {
        long now = nowMillis();
        for (SnapshotEndpoint e : s.endpoints()) {
            double current = weightOf(e.state, now);
            if (Math.abs(current - e.weight()) > DRIFT * Math.max(current, e.weight())) {
                return true;
            }
        }
        return false;
    }
}
