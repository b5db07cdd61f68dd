package io.weft.console;

import io.weft.rule.Match;
import io.weft.rule.Side;
import io.weft.rule.ThrottlingRule;
import io.weft.rules.LimitRates;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a throttling rule would refuse now, before it is saved: per limit, the rate its enforcing instances
 * see (from the providers' status heartbeats), what each of them allows (the limit's qps, divided among
 * the live providers for {@code scope: cluster}: {@link LimitRates}, the arithmetic the limiters run) and
 * the share of calls refused at that rate, in steady state; and which providers the circuit breaker would
 * open for at their current error rates. Heartbeats carry one rate per instance, not per method or
 * caller, so a limit that counts only some calls gets an upper bound, and says so; with no calls at all
 * there is nothing to judge by, and it says that instead of "0 % refused".
 */
final class ThrottlingPreview {
    private ThrottlingPreview() {}

    /** The preview; {@code observedRate}: calls/s over all providers. */
    record Result(String kind, boolean written, boolean traffic, double observedRate,
                  List<InstanceStanding> instances, List<LimitView> limits, BreakerView circuitBreaker,
                  List<String> notes) {}

    /**
     * One limit; {@code refusedShare} and {@code refusedRate} are null when there is no traffic to judge by.
     * {@code enforcers}: the instances that count it (providers, or consumers for a consumer-side limit).
     */
    record LimitView(String name, String side, String when, String scope, Double qps, Integer burst,
                     Integer maxConcurrent, int enforcers, Double allowedRatePerEnforcer, double offeredRate,
                     Double refusedShare, Double refusedRate, String verdict, List<PerEnforcer> perEnforcer,
                     List<String> notes) {}

    /** One enforcing instance (for consumers: "each consumer", the average one). */
    record PerEnforcer(String instanceId, double rate, Double allowedRate, double inflight, double refusedShare) {}

    /** The circuit breaker: the providers whose current error rate would open it. */
    record BreakerView(int failureRatePercent, List<String> wouldOpenFor, String verdict) {}

    static Result of(ThrottlingRule rule, List<InstanceStanding> providers, int consumers) {
        double total = providers.stream().mapToDouble(InstanceStanding::qps).sum();
        boolean traffic = total > 0;
        List<String> notes = new ArrayList<>();
        if (providers.isEmpty()) {
            notes.add("no provider is registered");
        } else if (!traffic) {
            notes.add("no current traffic to judge by: the providers report 0 calls/s");
        }
        List<LimitView> limits = new ArrayList<>();
        for (ThrottlingRule.Limit limit : rule.limits()) {
            limits.add(limit.side() == Side.CONSUMER ? consumerSide(limit, total, providers, consumers)
                    : providerSide(limit, providers));
        }
        return new Result("throttling", false, traffic, total, providers, limits, breaker(rule, providers), notes);
    }

    private static LimitView providerSide(ThrottlingRule.Limit limit, List<InstanceStanding> providers) {
        List<String> notes = partialMatchNotes(limit);
        List<InstanceStanding> enforcers = limit.match().instances().isEmpty() ? providers
                : providers.stream().filter(p -> limit.match().instances().contains(p.instanceId())).toList();
        int live = providers.size();
        Double allowed = limit.qps() == null ? null : limit.qps() / LimitRates.sharers(limit, () -> live);
        if (limit.qps() != null && limit.scope() == ThrottlingRule.Scope.CLUSTER) {
            notes.add("scope cluster: " + fmt(limit.qps()) + " calls/s shared by " + live + " live provider"
                    + (live == 1 ? "" : "s"));
        }
        List<PerEnforcer> per = new ArrayList<>();
        for (InstanceStanding p : enforcers) {
            per.add(new PerEnforcer(p.instanceId(), p.qps(), allowed, p.inflight(),
                    refused(limit, allowed, p.qps(), p.inflight())));
        }
        return view(limit, enforcers.size(), allowed, per, notes);
    }

    /**
     * Consumers write no status, so the rate each consumer sends is estimated as the providers' total over
     * the registered consumers, as if they sent evenly.
     */
    private static LimitView consumerSide(ThrottlingRule.Limit limit, double total, List<InstanceStanding> providers,
                                          int consumers) {
        List<String> notes = partialMatchNotes(limit);
        if (consumers == 0) {
            notes.add("no consumer instance is registered to enforce it");
            return view(limit, 0, limit.qps(), List.of(), notes);
        }
        notes.add("consumers report no rates: assumes the " + consumers + " consumer instance"
                + (consumers == 1 ? "" : "s") + " send the providers' " + fmt(total) + " calls/s evenly");
        double rate = total / consumers;
        double inflight = providers.stream().mapToDouble(InstanceStanding::inflight).sum() / consumers;
        List<PerEnforcer> per = List.of(new PerEnforcer("each consumer", rate, limit.qps(), inflight,
                refused(limit, limit.qps(), rate, inflight)));
        return new LimitView(limit.name(), "consumer", RoutingPreview.describe(limit.match()), scope(limit), limit.qps(),
                limit.burst(), limit.maxConcurrent(), consumers, limit.qps(), total,
                total > 0 ? per.get(0).refusedShare() : null, total > 0 ? per.get(0).refusedShare() * total : null,
                verdict(total, total > 0 ? per.get(0).refusedShare() : 0), per, notes);
    }

    private static LimitView view(ThrottlingRule.Limit limit, int enforcers, Double allowed, List<PerEnforcer> per,
                                  List<String> notes) {
        double offered = per.stream().mapToDouble(PerEnforcer::rate).sum();
        double refusedRate = per.stream().mapToDouble(p -> p.rate() * p.refusedShare()).sum();
        Double share = offered > 0 ? refusedRate / offered : null;
        return new LimitView(limit.name(), limit.side().name().toLowerCase(Locale.ROOT),
                RoutingPreview.describe(limit.match()), scope(limit), limit.qps(), limit.burst(), limit.maxConcurrent(),
                enforcers, allowed, offered, share, share == null ? null : refusedRate,
                verdict(offered, share == null ? 0 : share), per, notes);
    }

    /** The share one enforcer refuses: its rate limit and its concurrency limit, each independently. */
    static double refused(ThrottlingRule.Limit limit, Double allowed, double rate, double inflight) {
        double byRate = allowed == null ? 0 : LimitRates.refusedAtRate(allowed, rate);
        double byConcurrency = limit.maxConcurrent() == null ? 0
                : LimitRates.refusedAtConcurrency(limit.maxConcurrent(), inflight);
        return 1 - (1 - byRate) * (1 - byConcurrency);
    }

    static String verdict(double offered, double share) {
        if (!(offered > 0)) {
            return "no current traffic to judge by";
        }
        if (share <= 0) {
            return "would refuse nothing at the current " + fmt(offered) + " calls/s";
        }
        return "would refuse ~" + Math.round(share * 100) + " % of calls (" + fmt(share * offered) + " of "
                + fmt(offered) + " calls/s)";
    }

    private static List<String> partialMatchNotes(ThrottlingRule.Limit limit) {
        List<String> notes = new ArrayList<>();
        Match m = limit.match();
        if (!m.methods().isEmpty() || !m.consumerApps().isEmpty() || !m.metadata().isEmpty()
                || !m.sourceCidrs().isEmpty()) {
            Match callsOnly = new Match(m.methods(), m.consumerApps(), m.metadata(), m.sourceCidrs(), List.of());
            notes.add("counts only calls where " + RoutingPreview.describe(callsOnly)
                    + "; the heartbeats' rate counts every call, so this is at most what it would refuse");
        }
        if (m.consumerApps().size() > 1) {
            notes.add("one budget per consumer app " + m.consumerApps());
        }
        return notes;
    }

    private static BreakerView breaker(ThrottlingRule rule, List<InstanceStanding> providers) {
        ThrottlingRule.CircuitBreaker b = rule.circuitBreaker();
        if (b == null) {
            return null;
        }
        List<String> open = providers.stream().filter(p -> p.qps() > 0 && p.errorRate() * 100 >= b.failureRatePercent())
                .map(InstanceStanding::instanceId).toList();
        String verdict = open.isEmpty() ? "no provider fails " + b.failureRatePercent() + " % of its calls now"
                : "would open for " + String.join(", ", open) + " (error rate at or over " + b.failureRatePercent()
                        + " %, once a consumer has made " + b.minimumCalls() + " calls to it in " + b.windowSeconds() + " s)";
        return new BreakerView(b.failureRatePercent(), open, verdict);
    }

    private static String scope(ThrottlingRule.Limit limit) {
        return limit.qps() == null ? null : limit.scope().name().toLowerCase(Locale.ROOT);
    }

    static String fmt(double value) {
        return value >= 10 || value == Math.rint(value) ? String.valueOf(Math.round(value))
                : String.format(Locale.ROOT, "%.1f", value);
    }
}
