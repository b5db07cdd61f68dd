package io.weft.internal.governance;

import io.weft.Status;
import io.weft.rule.Side;
import io.weft.rule.ThrottlingRule;
import io.weft.rules.LimitRates;
import io.weft.rules.Matcher;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * The state of the provider-side limits of one throttling rule revision: a token bucket and a
 * concurrency counter per limit (per named consumer app when the limit's match names
 * {@code consumerApps}). Built when a revision is first seen and dropped when the revision changes,
 * so counters reset with the rule but survive changes of other rule kinds. Thread-safe.
 */
final class ProviderLimiters {
    /** The throttling revision this state belongs to. */
    final long revision;
    private final List<LimitState> limits;

    private ProviderLimiters(long revision, List<LimitState> limits) {
        this.revision = revision;
        this.limits = limits;
    }

    /** State for the provider-side limits of {@code rule}; null when it has none. */
    static ProviderLimiters of(ThrottlingRule rule, long revision) {
        List<LimitState> states = new ArrayList<>();
        for (ThrottlingRule.Limit limit : rule.limits()) {
            if (limit.side() == Side.PROVIDER) {
                states.add(new LimitState(limit));
            }
        }
        return states.isEmpty() ? null : new ProviderLimiters(revision, List.copyOf(states));
    }

    /**
     * Takes a permit from every limit whose match holds. On refusal releases what it took and throws
     * {@link RefusedCallException} ({@code RESOURCE_EXHAUSTED}).
     *
     * @param liveProviders live provider count of the service, asked only for cluster-scope limits
     * @return the concurrency slots taken, to {@link #release} when the call completes; null if none
     */
    List<Slot> acquire(String method, String app, Map<String, String> metadata, InetAddress source,
                       String selfInstance, IntSupplier liveProviders) {
        List<Slot> held = null;
        for (LimitState state : limits) {
            ThrottlingRule.Limit limit = state.limit;
            if (!Matcher.matchesServed(limit.match(), method, app, metadata, source, selfInstance)) {
                continue;
            }
            Slot slot = state.slotFor(app);
            Integer max = limit.maxConcurrent();
            if (max != null) {
                if (slot.inFlight.incrementAndGet() > max) {
                    slot.inFlight.decrementAndGet();
                    release(held);
                    throw refused(limit, "at most " + max + " concurrent calls");
                }
                if (held == null) {
                    held = new ArrayList<>(2);
                }
                held.add(slot);
            }
            if (limit.qps() != null) {
                int divisor = LimitRates.sharers(limit, liveProviders);
                double capacity = LimitRates.capacity(limit);
                if (!slot.bucket.tryAcquire(limit.qps() / divisor, capacity / divisor)) {
                    release(held);
                    throw refused(limit, limit.qps() + " calls per second"
                            + (divisor > 1 ? " across " + divisor + " providers" : ""));
                }
            }
        }
        return held;
    }

    /** Gives back concurrency slots taken by {@link #acquire}; null is fine. */
    static void release(List<Slot> held) {
        if (held != null) {
            for (Slot s : held) {
                s.inFlight.decrementAndGet();
            }
        }
    }

    private static RefusedCallException refused(ThrottlingRule.Limit limit, String what) {
        String name = limit.name() == null ? "" : " '" + limit.name() + "'";
        return new RefusedCallException(Status.RESOURCE_EXHAUSTED, "throttled by limit" + name + ": " + what,
                "throttling", RuleRefusal.nameOf(limit.name()));
    }

    /** One provider-side limit: one slot, or one per app its match names. */
    private static final class LimitState {
        final ThrottlingRule.Limit limit;
        final Slot shared;
        final Map<String, Slot> perApp;

        LimitState(ThrottlingRule.Limit limit) {
            this.limit = limit;
            List<String> apps = limit.match().consumerApps();
            if (apps.isEmpty()) {
                shared = new Slot();
                perApp = Map.of();
            } else {
                shared = null;
                Map<String, Slot> m = new HashMap<>();
                apps.forEach(a -> m.put(a, new Slot()));
                perApp = Map.copyOf(m);
            }
        }

        /** Only called after the match held, so a per-app limit always finds the app. */
        Slot slotFor(String app) {
            return shared != null ? shared : perApp.get(app);
        }
    }

    /** Counters of one limit (for one app): calls in flight and the QPS bucket. */
    static final class Slot {
        final AtomicInteger inFlight = new AtomicInteger();
        final AdjustableBucket bucket = new AdjustableBucket();
    }
}
