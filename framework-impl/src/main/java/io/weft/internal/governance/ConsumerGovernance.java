package io.weft.internal.governance;

import io.weft.ClientCall;
import io.weft.ClientFilter;
import io.weft.ClientInvoker;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.rule.FaultRule;
import io.weft.rule.Match;
import io.weft.rule.Side;
import io.weft.rule.ThrottlingRule;
import io.weft.rules.LimitRates;
import io.weft.rules.Matcher;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * The consumer side of governance, as a client filter: consumer-side limits (QPS, concurrency)
 * and consumer-side faults (delay, abort) of the called service's rules. Reads one snapshot per
 * call; with no such rules it only passes the call on. Never blocks: delays are scheduled.
 */
public final class ConsumerGovernance implements ClientFilter {
    private final Governance governance;
    private final String application;
    private final Executor delayer;
    private final Map<String, Limiters> limiters = new ConcurrentHashMap<>();

    /**
     * @param application this consumer's {@code weft.application}, matched by {@code consumerApps}
     * @param delayer runs delayed calls (fault delays); must not be an event loop
     */
    public ConsumerGovernance(Governance governance, String application, Executor delayer) {
        this.governance = governance;
        this.application = application;
        this.delayer = delayer;
    }

    @Override
    public CompletionStage<Object> filter(ClientCall call, ClientInvoker next) {
        RuleSnapshot rules = governance.rules(call.service()).current();
        ThrottlingRule throttling = rules.throttling();
        FaultRule faults = rules.faults();
        if (throttling == null && faults == null) {
            return next.invoke(call);
        }
        String method = call.methodName();
        Slots held = null; // every concurrency slot this call took, released together exactly once
        if (throttling != null) {
            Limiters l = limitersFor(call.service(), rules.revisions().getOrDefault("throttling", 0L), throttling);
            List<ThrottlingRule.Limit> limits = throttling.limits();
            for (int i = 0; i < limits.size(); i++) {
                ThrottlingRule.Limit limit = limits.get(i);
                if (limit.side() != Side.CONSUMER
                        || !Matcher.matchesCall(limit.match(), method, application, metadataFor(limit.match(), call))) {
                    continue;
                }
                if (l.buckets[i] != null && !l.buckets[i].tryAcquire()) {
                    Slots.release(held);
                    return throttled(limit, "qps " + limit.qps());
                }
                if (l.inFlight[i] != null) {
                    if (l.inFlight[i].incrementAndGet() > limit.maxConcurrent()) {
                        l.inFlight[i].decrementAndGet();
                        Slots.release(held);
                        return throttled(limit, "maxConcurrent " + limit.maxConcurrent());
                    }
                    if (held == null) {
                        held = new Slots(limits.size() - i);
                    }
                    held.add(l.inFlight[i]);
                }
            }
        }
        if (held == null) {
            return faults == null ? next.invoke(call) : withFaults(call, next, faults, method);
        }
        CompletionStage<Object> result;
        try {
            result = faults == null ? next.invoke(call) : withFaults(call, next, faults, method);
        } catch (RuntimeException | Error e) {
            held.release();
            throw e;
        }
        if (result == null) {
            held.release();
            return null; // the chain reports a null stage
        }
        return result.whenComplete(held);
    }

    /**
     * The call's metadata when {@code match} tests it, else an empty map: {@link ClientCall#metadata()}
     * builds the call's map (and formats its {@code traceparent}), which a call nothing reads does without.
     */
    private static Map<String, String> metadataFor(Match match, ClientCall call) {
        return match.metadata().isEmpty() ? Map.of() : call.metadata();
    }

    private CompletionStage<Object> withFaults(ClientCall call, ClientInvoker next, FaultRule faults, String method) {
        long delayMs = 0;
        for (FaultRule.Fault fault : faults.faults()) {
            if (fault.side() != Side.CONSUMER
                    || !Matcher.matchesCall(fault.match(), method, application, metadataFor(fault.match(), call))) {
                continue;
            }
            if (fault.abort() != null && hit(fault.abort().percent())) {
                return CompletableFuture.failedFuture(
                        new InjectedFaultException(fault.abort().status(), fault.abort().message(), fault.name()));
            }
            if (fault.delay() != null && hit(fault.delay().percent())) {
                delayMs = Math.max(delayMs, fault.delay().ms());
            }
        }
        if (delayMs == 0) {
            return next.invoke(call);
        }
        long remaining = call.deadline().remaining(TimeUnit.MILLISECONDS);
        if (delayMs >= remaining) {
            return CompletableFuture.supplyAsync(() -> null,
                            CompletableFuture.delayedExecutor(Math.max(remaining, 0), TimeUnit.MILLISECONDS, delayer))
                    .thenCompose(x -> CompletableFuture.failedFuture(new InjectedFaultException(
                            Status.DEADLINE_EXCEEDED, "injected delay outlasted the deadline")));
        }
        return CompletableFuture.supplyAsync(() -> null,
                        CompletableFuture.delayedExecutor(delayMs, TimeUnit.MILLISECONDS, delayer))
                .thenCompose(x -> next.invoke(call));
    }

    static boolean hit(double percent) {
        return percent >= 100 || (percent > 0 && ThreadLocalRandom.current().nextDouble(100) < percent);
    }

    private static CompletionStage<Object> throttled(ThrottlingRule.Limit limit, String what) {
        return CompletableFuture.failedFuture(new RefusedCallException(Status.RESOURCE_EXHAUSTED,
                "throttled by consumer limit" + (limit.name() == null ? "" : " '" + limit.name() + "'") + " (" + what
                        + ")", "throttling", RuleRefusal.nameOf(limit.name())));
    }

    private Limiters limitersFor(String service, long revision, ThrottlingRule rule) {
        Limiters l = limiters.get(service);
        if (l == null || l.revision != revision || l.rule != rule) {
            Limiters fresh = new Limiters(revision, rule);
            l = limiters.merge(service, fresh, (old, neu) -> old.revision == neu.revision && old.rule == neu.rule ? old : neu);
        }
        return l;
    }

    /**
     * The concurrency slots one call holds (one per matching {@code maxConcurrent} limit); given
     * back together when the call completes, or at once when a later check refuses it.
     */
    private static final class Slots implements BiConsumer<Object, Throwable> {
        private final AtomicInteger[] counters;
        private int size;

        Slots(int capacity) {
            counters = new AtomicInteger[capacity];
        }

        void add(AtomicInteger counter) {
            counters[size++] = counter;
        }

        void release() {
            for (int i = 0; i < size; i++) {
                counters[i].decrementAndGet();
            }
        }

        static void release(Slots slots) {
            if (slots != null) {
                slots.release();
            }
        }

        @Override
        public void accept(Object result, Throwable error) {
            release();
        }
    }

    /** Limiter state for one throttling rule revision; replaced (reset) when the revision changes. */
    private static final class Limiters {
        final long revision;
        final ThrottlingRule rule;
        final TokenBucket[] buckets;
        final AtomicInteger[] inFlight;

        Limiters(long revision, ThrottlingRule rule) {
            this.revision = revision;
            this.rule = rule;
            int n = rule.limits().size();
            this.buckets = new TokenBucket[n];
            this.inFlight = new AtomicInteger[n];
            for (int i = 0; i < n; i++) {
                ThrottlingRule.Limit limit = rule.limits().get(i);
                if (limit.side() != Side.CONSUMER) {
                    continue;
                }
                if (limit.qps() != null) {
                    buckets[i] = new TokenBucket(limit.qps(), LimitRates.capacity(limit));
                }
                if (limit.maxConcurrent() != null) {
                    inFlight[i] = new AtomicInteger();
                }
            }
        }
    }
}
