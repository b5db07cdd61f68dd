package io.weft.internal.client;

import io.weft.RpcException;
import io.weft.ServiceInstance;
import io.weft.Status;
import io.weft.UnprocessedRequestException;
import io.weft.internal.Failures;
import io.weft.rule.ThrottlingRule;
import io.weft.spi.LoadBalancer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The providers of one reference as the cluster sees them, coordinating three rooms: the immutable
 * {@link EndpointSnapshot} calls pick from (one volatile read), the {@link OutlierDetector} that
 * ejects, probes and readmits, and the {@link EndpointWeights} (F = weight × warm-up × H) frozen
 * into each snapshot. This class keeps an {@link EndpointState} per instance in the directory,
 * sends calls and feeds their outcomes to the detector and the circuit breakers, passes connection
 * events on, and rebuilds the snapshot (on the cluster executor, off the call path) when the
 * directory changes, an instance enters or leaves rotation, or a weight drifts by more than
 * {@link EndpointWeights#DRIFT}.
 */
final class EndpointGroup {
    private final String service;
    private final Directory directory;
    private final LoadBalancer balancer;
    private final Executor executor;
    private final ConnectionPool pool;
    private final ConcurrentHashMap<String, EndpointState> states = new ConcurrentHashMap<>();
    private final OutlierDetector detector;
    private final EndpointWeights weights;
    private final ClusterUpkeep upkeep;
    private final AtomicBoolean rebuildPending = new AtomicBoolean();
    private volatile EndpointSnapshot snapshot = EndpointSnapshot.EMPTY;

    /** @param upkeep runs {@link #tick} while any group {@link #needsUpkeep}; woken here by calls and events */
    EndpointGroup(String service, Directory directory, LoadBalancer balancer, ClientSettings settings,
                  ConnectionPool pool, Executor executor, ClusterUpkeep upkeep) {
        this(service, directory, balancer, settings.health(), executor, pool, System::nanoTime,
                System::currentTimeMillis, pool::ping, upkeep);
    }

    /** With the clocks and the prober injected; {@code pool} may be null when nothing is sent. */
    EndpointGroup(String service, Directory directory, LoadBalancer balancer, HealthSettings health, Executor executor,
                  ConnectionPool pool, LongSupplier nanoTime, LongSupplier wallMillis, OutlierDetector.Prober prober,
                  ClusterUpkeep upkeep) {
        this.service = service;
        this.directory = directory;
        this.balancer = balancer;
        this.executor = executor;
        this.pool = pool;
        this.upkeep = upkeep;
        this.detector = new OutlierDetector(service, health, states, nanoTime, prober, this::scheduleRebuild);
        this.weights = new EndpointWeights(health.warmup().toMillis(), wallMillis);
        directory.onChange(upkeep::wake);
    }

    /** Tells {@code listener} of each ejection; call before the first call. */
    void listener(io.weft.spi.CallListener listener) {
        detector.listener = listener;
    }

    /** The current snapshot, rebuilt on this thread if the directory changed since. */
    EndpointSnapshot snapshot() {
        EndpointSnapshot s = snapshot;
        return s.source() == directory.instances() ? s : rebuild();
    }

    /**
     * The instance for {@code call}, avoiding {@code excluded} (the instances already tried) and
     * those whose circuit breaker is open, or null when no instance is left.
     */
    EndpointState pick(OutgoingCall call, List<EndpointState> excluded) {
        EndpointSnapshot s = snapshot();
        ThrottlingRule.CircuitBreaker breakerRule = call.route().breaker();
        if (breakerRule == null) {
            return s.pick(call, excluded);
        }
        // Skip instances whose circuit is open; each skip narrows the choice, so this ends.
        List<EndpointState> skipped = excluded;
        long now = System.nanoTime();
        while (true) {
            EndpointState candidate = s.pick(call, skipped);
            if (candidate == null) {
                if (skipped != excluded) {
                    throw new RpcException(Status.RESOURCE_EXHAUSTED,
                            "circuit breaker open for every instance of " + service + " that is left to try");
                }
                return null;
            }
            if (candidate.breakerFor(breakerRule).allow(now)) {
                return candidate;
            }
            skipped = skipped == excluded ? new ArrayList<>(excluded == null ? List.of() : excluded) : skipped;
            skipped.add(candidate);
        }
    }

    /** Up to {@code max} distinct instances, the balancer's choice first; for forking and broadcast. */
    List<EndpointState> pickMany(OutgoingCall call, int max) {
        return snapshot().pickMany(call, max);
    }

    /** Sends {@code call} to {@code target}, keeping its in-flight count, latency, health and breaker. */
    CompletableFuture<Object> send(EndpointState target, OutgoingCall call) {
        target.inFlight.incrementAndGet();
        upkeep.wakeIfStopped(); // after the count: a stopping upkeep then sees this call (ClusterUpkeep)
        call.peer = target.address;
        long start = System.nanoTime();
        ThrottlingRule.CircuitBreaker breakerRule = call.route().breaker();
        // the caller sees the outcome only after it was counted, so the next pick sees the load drop
        call.sentTo(target.instance);
        return pool.send(target.instance, target.address, target.serializations, call)
                .whenComplete((r, e) -> onOutcome(target, start, e, breakerRule));
    }

    private void onOutcome(EndpointState target, long startNanos, Throwable error,
                           ThrottlingRule.CircuitBreaker breakerRule) {
        target.inFlight.decrementAndGet();
        Throwable t = Failures.unwrap(error);
        double sample = EndpointState.sampleOf(t);
        if (Double.isNaN(sample)) {
            return;
        }
        long now = System.nanoTime();
        if (breakerRule != null) {
            target.breakerFor(breakerRule).record(sample == 0, now);
        }
        if (!(t instanceof UnprocessedRequestException)) {
            target.recordLatency(now - startNanos);
        }
        detector.onSample(target, sample);
    }

    /** A connection event for {@code address}: heartbeats feed H, stalls, closes and GOAWAY take it out. */
    void onConnectionEvent(String address, ConnectionListener.Event event) {
        EndpointState s = states.get(address);
        if (s != null) {
            Rotation before = s.rotation();
            double health = s.health();
            detector.onEvent(s, event);
            if (s.rotation() != before || s.health() != health) {
                upkeep.wake(); // not for the PONG of a healthy idle connection
            }
        }
    }

    /**
     * Periodic upkeep on the cluster executor: the detector's probes, and a rebuild when who is in
     * rotation or the weights drifted from the snapshot.
     *
     * @return whether upkeep is still needed ({@link #needsUpkeep})
     */
    boolean tick() {
        EndpointSnapshot s = snapshot();
        detector.tick();
        if (s.rotationChanged(states.values()) || weights.drifted(s)) {
            rebuild();
        }
        return needsUpkeep();
    }

    /**
     * Whether ticks still have work here: the snapshot is behind the directory, or an endpoint is
     * out of rotation, probing, warming up or has calls in flight (their outcomes move H, so the
     * weights may drift). A group of serving, warm, idle endpoints needs none. No side effects.
     */
    boolean needsUpkeep() {
        if (snapshot.source() != directory.instances()) {
            return true;
        }
        long now = weights.nowMillis();
        for (EndpointState s : states.values()) {
            Rotation r = s.rotation();
            if (r.link() != Rotation.Link.UP || r.ejected() || r.probing() || s.inFlight.get() > 0
                    || weights.warming(s, now)) {
                return true;
            }
        }
        return false;
    }

    private void scheduleRebuild() {
        upkeep.wake(); // an ejection is probed when its period is over
        if (rebuildPending.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    rebuildPending.set(false);
                    rebuild();
                });
            } catch (RuntimeException e) { // executor shut down: the client is closing
                rebuildPending.set(false);
            }
        }
    }

    /** Reconciles states with the directory and swaps in a new snapshot. */
    synchronized EndpointSnapshot rebuild() {
        List<ServiceInstance> source = directory.instances();
        // the first instances go in at once (nobody else could serve meanwhile); later ones after a PONG
        boolean initial = states.isEmpty();
        Set<String> present = new HashSet<>();
        for (ServiceInstance i : source) {
            present.add(i.address());
            EndpointState s = states.get(i.address());
            if (s == null) {
                states.put(i.address(), initial ? new EndpointState(i) : joining(i));
            } else if (s.instance != i) {
                if (s.instance.startedAt() != i.startedAt()) {
                    states.put(i.address(), joining(i)); // a new process at the same address
                } else {
                    s.instance = i;
                }
            }
        }
        states.keySet().retainAll(present);
        EndpointSnapshot next = EndpointSnapshot.of(source, states, weights, service, balancer);
        snapshot = next;
        return next;
    }

    /** The state of an instance that just appeared: out of rotation until it answers a PING. */
    private EndpointState joining(ServiceInstance i) {
        EndpointState s = new EndpointState(i, Rotation.JOINING);
        upkeep.wake();
        try {
            executor.execute(() -> detector.admitWhenAnswering(s));
        } catch (RuntimeException e) { // executor shut down: the client is closing
            // the next tick would probe it; there is none
        }
        return s;
    }

    @Override
    public String toString() {
        return service + states.values();
    }

    /** The state for {@code address}, if it is in the directory; for tests. */
    EndpointState state(String address) {
        return states.get(address);
    }
}
