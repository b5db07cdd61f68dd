package io.weft.internal.governance;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.weft.CallContext;
import io.weft.RpcException;
import io.weft.ServerCall;
import io.weft.ServerHandler;
import io.weft.ServerInterceptor;
import io.weft.Status;
import io.weft.internal.transport.Wire;
import io.weft.rule.FaultRule;
import io.weft.rules.Matcher;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * The provider side of governance, as the outermost server interceptor: for each call, in this
 * order, security (authentication, then the first matching allow/deny entry, else the default
 * action), provider-side throttling (QPS token buckets and {@code maxConcurrent}), provider-side
 * faults (delay, abort), then the rest of the chain. A refused call fails with
 * {@code UNAUTHENTICATED}, {@code PERMISSION_DENIED} or {@code RESOURCE_EXHAUSTED} and never
 * reaches the service; an injected abort fails with an {@link InjectedFaultException}.
 *
 * <p>Each call reads its service's {@link RuleSnapshot} once and is decided by that snapshot
 * alone; a rule change affects calls at their next decision point, never a call's connection.
 * Limiter state lives per service and resets only when the throttling rule's revision changes.
 *
 * <p>Security needs only metadata and peer: the server runs it as a {@link CallAdmission} before the
 * call's arguments are decoded, and {@link #intercept} then skips it for calls this instance
 * admitted. The authenticated identity (mode {@code token} or {@code mtls}) is the call's caller
 * application everywhere: {@code ServerCall.callerApplication()}, {@code CallContext}, per-app limits,
 * fault matches.
 *
 * <p>Thread-safe; runs on the business thread and never blocks it: an injected delay resumes the
 * call from a shared timer, on the resume executor, with the call's {@link CallContext} attached.
 */
public final class ProviderGovernance implements ServerInterceptor, CallAdmission {
    private final Governance governance;
    private final Supplier<String> selfInstance;
    private final ToIntFunction<String> liveProviders;
    private final Executor resumeExecutor;
    private final Map<String, ServicePolicy> policies = new ConcurrentHashMap<>();

    /**
     * @param selfInstance the {@code host:port} this provider advertises (what {@code instances} match)
     * @param liveProviders service → number of live providers (for {@code scope: cluster}); below 1 counts as 1
     */
    public ProviderGovernance(Governance governance, String selfInstance, ToIntFunction<String> liveProviders) {
        this(governance, () -> selfInstance, liveProviders, null);
    }

    /**
     * For when the advertised address is known only once the server is bound (port 0).
     *
     * @param resumeExecutor where delayed calls continue (the business executor, ideally); null for a
     *     shared pool of daemon threads
     */
    public ProviderGovernance(Governance governance, Supplier<String> selfInstance,
                              ToIntFunction<String> liveProviders, Executor resumeExecutor) {
        this.governance = governance;
        this.selfInstance = selfInstance;
        this.liveProviders = liveProviders;
        this.resumeExecutor = resumeExecutor == null ? Shared.RESUME : resumeExecutor;
    }

    /** This service's policy for its current rule snapshot; null when no rule applies. */
    private ServicePolicy policy(String service) {
        ServiceRules rules = governance.rules(service);
        RuleSnapshot snapshot = rules.current();
        if (snapshot.isEmpty()) {
            return null;
        }
        ServicePolicy policy = policies.get(service);
        if (policy == null || policy.snapshot != snapshot) {
            // Always build from the newest snapshot, so racing calls never swap an older one back in.
            policy = policies.compute(service, (s, old) -> old != null && old.snapshot == rules.current()
                    ? old : ServicePolicy.of(rules.current(), old));
        }
        return policy.isEmpty() ? null : policy;
    }

    /**
     * Authentication and authorization from metadata and peer alone, before the arguments are
     * decoded. Returns the authenticated application (modes {@code token}, {@code mtls}), or null
     * when there is no security rule or its mode is {@code none}.
     */
    @Override
    public String admit(String service, String method, Map<String, String> metadata, InetSocketAddress peer,
                        String peerIdentity) {
        ServicePolicy policy = policy(service);
        if (policy == null || policy.security == null) {
            return null;
        }
        String app = policy.security.authenticate(metadata, peerIdentity);
        policy.security.authorize(service, method, app, metadata, peer == null ? null : peer.getAddress(),
                selfInstance.get());
        return policy.security.authenticates() ? app : null;
    }

    @Override
    public CompletionStage<Object> intercept(ServerCall call, ServerHandler next) {
        String service = call.service();
        ServicePolicy policy = policy(service);
        if (policy == null) {
            return next.handle(call);
        }
        String method = call.methodName();
        Map<String, String> metadata = call.metadata();
        InetSocketAddress peer = call.peer();
        InetAddress source = peer == null ? null : peer.getAddress();
        String self = selfInstance.get();
        List<ProviderLimiters.Slot> held;
        String app;
        try {
            if (call instanceof CallAdmission.Admitted admitted && admitted.admittedBy(this)) {
                app = call.callerApplication().orElse(null); // security already ran, before decoding
            } else if (policy.security != null) {
                app = policy.security.authenticate(metadata, call.peerIdentity().orElse(null));
                policy.security.authorize(service, method, app, metadata, source, self);
            } else {
                app = metadata.get(Wire.APP);
            }
            held = policy.limiters == null ? null
                    : policy.limiters.acquire(method, app, metadata, source, self,
                            () -> liveProviders.applyAsInt(service));
        } catch (RpcException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        CompletionStage<Object> result;
        try {
            result = policy.faults.isEmpty() ? next.handle(call)
                    : withFaults(policy.faults, call, next, method, app, metadata, source, self);
        } catch (RuntimeException | Error e) {
            ProviderLimiters.release(held);
            throw e;
        }
        return held == null ? result : result.whenComplete((r, e) -> ProviderLimiters.release(held));
    }

    private CompletionStage<Object> withFaults(List<FaultRule.Fault> faults, ServerCall call, ServerHandler next,
                                               String method, String app, Map<String, String> metadata,
                                               InetAddress source, String self) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long delayMs = 0;
        FaultRule.Fault abort = null;
        for (FaultRule.Fault f : faults) {
            if (!Matcher.matchesServed(f.match(), method, app, metadata, source, self)) {
                continue;
            }
            if (f.delay() != null && fires(f.delay().percent(), random)) {
                delayMs = Math.max(delayMs, f.delay().ms());
            }
            if (abort == null && f.abort() != null && fires(f.abort().percent(), random)) {
                abort = f;
            }
        }
        if (delayMs <= 0) {
            return abort == null ? next.handle(call) : CompletableFuture.failedFuture(injected(abort));
        }
        return delayed(call, next, delayMs, abort);
    }

    /**
     * Continues {@code call} after {@code delayMs}, or fails it then with {@code abort}. A delay the
     * deadline would not survive ends at the deadline with {@code DEADLINE_EXCEEDED} instead.
     */
    private CompletionStage<Object> delayed(ServerCall call, ServerHandler next, long delayMs, FaultRule.Fault abort) {
        long delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMs);
        long remainingNanos = call.deadline().remaining(TimeUnit.NANOSECONDS);
        boolean outlivesDeadline = delayNanos >= remainingNanos;
        CallContext context = CallContext.current();
        CompletableFuture<Object> result = new CompletableFuture<>();
        Runnable resume = () -> {
            if (outlivesDeadline) {
                result.completeExceptionally(new InjectedFaultException(Status.DEADLINE_EXCEEDED,
                        "deadline expired during an injected delay of " + delayMs + " ms"));
            } else if (abort != null) {
                result.completeExceptionally(injected(abort));
            } else {
                try (CallContext.Scope ignored = context.attach()) {
                    next.handle(call).whenComplete((r, e) -> {
                        if (e != null) {
                            result.completeExceptionally(e);
                        } else {
                            result.complete(r);
                        }
                    });
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            }
        };
        Shared.TIMER.schedule(() -> {
            try {
                resumeExecutor.execute(resume);
            } catch (RejectedExecutionException e) {
                result.completeExceptionally(new RpcException(Status.UNAVAILABLE,
                        "provider shutting down during an injected delay"));
            }
        }, Math.max(0, Math.min(delayNanos, remainingNanos)), TimeUnit.NANOSECONDS);
        return result;
    }


    private static InjectedFaultException injected(FaultRule.Fault fault) {
        return new InjectedFaultException(fault.abort().status(), fault.abort().message(), fault.name());
    }

    /** True with probability {@code percent} / 100. */
    private static boolean fires(double percent, ThreadLocalRandom random) {
        return percent >= 100 || (percent > 0 && random.nextDouble(100) < percent);
    }

    /** Process-wide timer and resume pool for injected delays, created on first use. */
    private static final class Shared {
        static final ScheduledThreadPoolExecutor TIMER = timer();
        static final Executor RESUME = resumePool();

        private static ScheduledThreadPoolExecutor timer() {
            ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1,
                    new DefaultThreadFactory("weft-fault-timer", true));
            t.setRemoveOnCancelPolicy(true);
            return t;
        }

        private static Executor resumePool() {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(64, 64, 60, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), new DefaultThreadFactory("weft-fault-resume", true));
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }
    }
}
