package io.weft.rules;

import io.weft.rule.ThrottlingRule;
import java.util.function.IntSupplier;

/**
 * The arithmetic of a throttling limit: what one enforcing instance allows (the instances' limiters
 * build their token buckets from it), and what share of calls a limit refuses at a steady offered rate
 * (the console's preview). Pure functions.
 */
public final class LimitRates {
    private LimitRates() {}

    /**
     * How many instances share a limit's {@code qps}: the live providers for {@code scope: cluster}
     * (at least 1), else 1 (each instance allows the full rate).
     *
     * @param limit the limit
     * @param liveProviders the service's live provider count; asked only for a cluster-scope limit
     * @return the divisor of the limit's rate and burst, at least 1
     */
    public static int sharers(ThrottlingRule.Limit limit, IntSupplier liveProviders) {
        return limit.scope() == ThrottlingRule.Scope.CLUSTER ? Math.max(1, liveProviders.getAsInt()) : 1;
    }

    /**
     * A limit's token bucket capacity before any division: its {@code burst}, or {@code max(1, qps)}.
     *
     * @param limit a limit with a {@code qps}
     * @return the capacity in calls
     */
    public static double capacity(ThrottlingRule.Limit limit) {
        return limit.burst() != null ? limit.burst() : Math.max(1, limit.qps());
    }

    /**
     * The share of calls a token bucket refuses when calls arrive steadily at {@code offeredPerSecond}:
     * what exceeds the refill rate, {@code max(0, 1 - allowed / offered)}; the burst only absorbs
     * short spikes, so it does not change the steady share.
     *
     * @param allowedPerSecond the bucket's refill rate
     * @param offeredPerSecond the rate calls arrive at
     * @return a share in [0, 1]; 0 when nothing arrives
     */
    public static double refusedAtRate(double allowedPerSecond, double offeredPerSecond) {
        if (!(offeredPerSecond > 0) || offeredPerSecond <= allowedPerSecond) {
            return 0;
        }
        return 1 - Math.max(0, allowedPerSecond) / offeredPerSecond;
    }

    /**
     * The share of calls a concurrency limit refuses when, unlimited, {@code inFlight} calls would be in
     * flight on average: with the service time unchanged (Little's law) at most {@code max / inFlight}
     * of them fit, so {@code max(0, 1 - max / inFlight)}.
     *
     * @param maxConcurrent the limit
     * @param inFlight the calls in flight without it
     * @return a share in [0, 1]; 0 when {@code inFlight} does not exceed the limit
     */
    public static double refusedAtConcurrency(int maxConcurrent, double inFlight) {
        if (!(inFlight > maxConcurrent)) {
            return 0;
        }
        return 1 - Math.max(0, maxConcurrent) / inFlight;
    }
}
