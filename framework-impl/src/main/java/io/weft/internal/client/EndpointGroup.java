package io.weft.internal.client;

import io.weft.RpcException;
import io.weft.ServiceInstance;
import io.weft.Status;
import io.weft.UnprocessedRequestException;
import io.weft.internal.Failures;
import io.weft.rule.ThrottlingRule;
import io.weft.spi.Endpoint;
import io.weft.spi.LoadBalancer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers of one reference as the cluster sees them: an {@link EndpointState} per instance
 * and an immutable {@link Snapshot} — the instances in rotation with their effective weights
 * F = weight × warm-up × H, and the load balancer's picker built over them. Picking is a read of
 * a volatile snapshot plus the picker; the snapshot is rebuilt (off the call path, on the cluster
 * executor) when the directory changes, an instance is ejected, readmitted, goes down or comes back,
 * or a weight drifts by more than {@link #WEIGHT_DRIFT}.
 *
 * <p>Health: every finished call folds a sample into H (see {@link EndpointState#sampleOf}); an
 * instance whose H falls below δ is ejected for a period that doubles on each repeated ejection,
 * unless fewer than the minimum healthy share would remain. After the period {@link #tick} probes
 * it with a PING and readmits it with H halfway between δ and 1. A closed connection or GOAWAY takes
 * the instance out of rotation at once; it returns when a connection is usable again. So does a
 * stalled connection ({@link StallWatch}): out until a PONG comes, closed when none does.
 */
final class EndpointGroup {
    private static final Logger log = LoggerFactory.getLogger(EndpointGroup.class);
    static final double WEIGHT_DRIFT = 0.05;
    private static final double MIN_WARMUP_FACTOR = 0.05;

    /** The instances in rotation (all of them when none is: panic mode) and their picker. */
    record Snapshot(List<ServiceInstance> source, List<SnapshotEndpoint> endpoints, LoadBalancer.Picker picker) {}

    private final String service;
    private final Directory directory;
    private final LoadBalancer balancer;
    private final HealthSettings health;
    private final ConnectionPool pool;
    private final Executor executor;
    private final long probeTimeoutMillis;
    private final ConcurrentHashMap<String, EndpointState> states = new ConcurrentHashMap<>();
    private final AtomicBoolean rebuildPending = new AtomicBoolean();
    private volatile Snapshot snapshot = new Snapshot(null, List.of(), null);
    private final SubsetPickers routed = new SubsetPickers(this::pickerOf);

    EndpointGroup(String service, Directory directory, LoadBalancer balancer, ClientSettings settings,
                  ConnectionPool pool, Executor executor) {
        this.service = service;
        this.directory = directory;
        this.balancer = balancer;
        this.health = settings.health();
        this.pool = pool;
        this.executor = executor;
        this.probeTimeoutMillis = settings.connectTimeout().toMillis();
    }

    /** The current snapshot, rebuilt on this thread if the directory changed since. */
    Snapshot snapshot() {
        Snapshot s = snapshot;
        return s.source == directory.instances() ? s : rebuild();
    }

    /**
     * The instance for {@code call}, avoiding {@code excluded} (the instances already tried), or
     * null when no instance is left.
     */
    EndpointState pick(OutgoingCall call, List<EndpointState> excluded) {
        ThrottlingRule.CircuitBreaker breakerRule = call.route().breaker();
        if (breakerRule == null) {
            return pickIgnoringBreakers(call, excluded);
        }
        // Skip instances whose circuit is open; each skip narrows the choice, so this ends.
        List<EndpointState> skipped = excluded;
        long now = System.nanoTime();
        while (true) {
            EndpointState candidate = pickIgnoringBreakers(call, skipped);
            if (candidate == null) {
                if (skipped != excluded) {
                    throw new RpcException(Status.RESOURCE_EXHAUSTED,
                            "circuit breaker open for every instance of " + service + " that is left to try");
                }
                return null;
            }
            if (breaker(candidate, breakerRule).allow(now)) {
                return candidate;
            }
            skipped = skipped == excluded ? new ArrayList<>(excluded == null ? List.of() : excluded) : skipped;
            skipped.add(candidate);
        }
    }

    /** The circuit breaker of {@code target} for {@code rule}; a changed rule starts a fresh breaker. */
    private CircuitBreaker breaker(EndpointState target, ThrottlingRule.CircuitBreaker rule) {
        CircuitBreaker b = target.breaker;
        if (b == null || !b.config().equals(rule)) {
            b = new CircuitBreaker(rule);
            target.breaker = b;
        }
        return b;
    }

    private EndpointState pickIgnoringBreakers(OutgoingCall call, List<EndpointState> excluded) {
        Snapshot s = snapshot();
        if (s.picker == null) {
            return null;
        }
        RouteDecision route = call.route();
        if (route.restrictsPick()) {
            LoadBalancer.Picker p = excluded == null || excluded.isEmpty()
                    ? routed.picker(s, route)
                    : routed.build(s, route.subset(), route.balancer(), route.subsetRequired(), excluded);
            return p == null ? null : stateOf(p.pick(call));
        }
        if (excluded == null || excluded.isEmpty()) {
            return stateOf(s.picker.pick(call));
        }
        List<Endpoint> remaining = new ArrayList<>(s.endpoints.size());
        for (SnapshotEndpoint e : s.endpoints) {
            if (!excluded.contains(e.state)) {
                remaining.add(e);
            }
        }
        return remaining.isEmpty() ? null : stateOf(pickerOf(List.copyOf(remaining)).pick(call));
    }

    /** Up to {@code max} distinct instances, the balancer's choice first; for forking and broadcast. */
    List<EndpointState> pickMany(OutgoingCall call, int max) {
        Snapshot s = snapshot();
        List<EndpointState> out = new ArrayList<>(Math.min(max, s.endpoints.size()));
        if (s.picker == null) {
            return out;
        }
        List<? extends Endpoint> candidates = s.endpoints;
        LoadBalancer.Picker picker = s.picker;
        RouteDecision route = call.route();
        if (route.restrictsPick()) {
            candidates = SubsetPickers.candidates(s, route.subset(), route.subsetRequired(), null);
            picker = routed.picker(s, route);
            if (picker == null) {
                return out;
            }
        }
        EndpointState first = stateOf(picker.pick(call));
        if (first != null) {
            out.add(first);
        }
        int n = candidates.size();
        int start = ThreadLocalRandom.current().nextInt(n);
        for (int i = 0; i < n && out.size() < max; i++) {
            EndpointState e = ((SnapshotEndpoint) candidates.get((start + i) % n)).state;
            if (!out.contains(e)) {
                out.add(e);
            }
        }
        return out;
    }

    private EndpointState stateOf(Endpoint e) {
        if (e == null) {
            return null;
        }
        return e instanceof SnapshotEndpoint se ? se.state : states.get(e.address());
    }

    /** Sends {@code call} to {@code target}, keeping its in-flight count, latency and health. */
    CompletableFuture<Object> send(EndpointState target, OutgoingCall call) {
        target.inFlight.incrementAndGet();
        long start = System.nanoTime();
        ServiceInstance i = target.instance;
        ClientConnection connection = pool.usable(i.host(), i.port());
        CompletableFuture<Object> sent;
        try {
            sent = connection != null
                    ? send(connection, call, target.serializations)
                    : pool.acquire(i.host(), i.port()).thenCompose(c -> send(c, call, target.serializations));
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        // the caller sees the outcome only after it was counted, so the next pick sees the load drop
        ThrottlingRule.CircuitBreaker breakerRule = call.route().breaker();
        return sent.whenComplete((r, e) -> {
            if (breakerRule != null) {
                Throwable t = Failures.unwrap(e);
                double sample = EndpointState.sampleOf(t);
                if (!Double.isNaN(sample)) {
                    breaker(target, breakerRule).record(sample == 0, System.nanoTime());
                }
            }
            onOutcome(target, start, e);
        });
    }

    private static CompletableFuture<Object> send(ClientConnection connection, OutgoingCall call, int accepts) {
        if (call.isCancelled()) { // e.g. while the connection was being opened
            return CompletableFuture.failedFuture(call.cancelledError());
        }
        return connection.send(call.method, accepts, call.arguments(), call.metadataToSend(), call.deadline(),
                call.oneWay(), call);
    }

    private void onOutcome(EndpointState target, long startNanos, Throwable error) {
        target.inFlight.decrementAndGet();
        Throwable t = Failures.unwrap(error);
        double sample = EndpointState.sampleOf(t);
        if (Double.isNaN(sample)) {
            return;
        }
        if (!(t instanceof UnprocessedRequestException)) {
            target.recordLatency(System.nanoTime() - startNanos);
        }
        double h = target.record(sample, health.alpha());
        if (h < health.ejectionThreshold() && !target.ejected) {
            eject(target, h);
        }
    }

    private void eject(EndpointState target, double h) {
        synchronized (this) {
            if (target.ejected || target.down || states.get(target.address) != target) {
                return;
            }
            int total = states.size();
            int inRotation = 0;
            for (EndpointState s : states.values()) {
                if (s.inRotation()) {
                    inRotation++;
                }
            }
            if (inRotation - 1 < health.minHealthyShare() * total) {
                log.debug("{} of {} is unhealthy (H={}) but stays: only {} of {} instances are in rotation",
                        target.address, service, h, inRotation, total);
                return;
            }
            long now = System.nanoTime();
            if (target.lastReadmittedNanos != 0 && now - target.lastReadmittedNanos > health.maxEjection().toNanos()) {
                target.ejections = 0; // healthy for a long while: start again from the base period
            }
            target.ejections++;
            long periodNanos = health.ejectionPeriod(target.ejections).toNanos();
            target.ejectedUntilNanos = now + periodNanos;
            target.ejected = true;
            log.warn("ejected {} from {}: health {} < {}; ejection #{} for {} ms", target.address, service,
                    String.format("%.2f", h), health.ejectionThreshold(), target.ejections, periodNanos / 1_000_000);
        }
        scheduleRebuild();
    }

    /** A connection event for {@code address}: heartbeats feed H, closes and GOAWAY take it out at once. */
    void onConnectionEvent(String address, ConnectionListener.Event event) {
        EndpointState s = states.get(address);
        if (s == null) {
            return;
        }
        switch (event) {
            case CONNECTED -> admitWhenAnswering(s);
            case PONG -> {
                s.record(1, health.alpha());
                clearStall(s);
            }
            case STALLED -> {
                if (!s.stalled) {
                    s.stalled = true;
                    log.info("{} of {} out of rotation: calls overdue, nothing read since; probing it", address,
                            service);
                    scheduleRebuild();
                }
            }
            case HEARTBEAT_MISSED -> s.record(0, health.alpha());
            case GOAWAY, CLOSED -> {
                if (!s.down) {
                    s.down = true;
                    log.info("{} of {} out of rotation: connection {}", address, service,
                            event == ConnectionListener.Event.GOAWAY ? "going away" : "closed");
                    scheduleRebuild();
                }
            }
        }
    }

    /**
     * Connects to {@code e} if needed and PINGs it; only a PONG puts it (back) in rotation, so that
     * no caller waits on a connect or on a process that accepts connections but does not answer.
     */
    private void admitWhenAnswering(EndpointState e) {
        if (e.probing || (!e.down && !e.stalled)) {
            return;
        }
        e.probing = true;
        ServiceInstance i = e.instance;
        CompletableFuture<Void> answered;
        try {
            answered = pool.acquire(i.host(), i.port()).thenCompose(c -> c.ping(probeTimeoutMillis));
        } catch (RuntimeException ex) {
            answered = CompletableFuture.failedFuture(ex);
        }
        answered.whenComplete((ok, err) -> {
            e.probing = false;
            if (err == null) {
                clearStall(e);
                markUp(e);
            }
        });
    }

    private void clearStall(EndpointState s) {
        if (s.stalled) {
            s.stalled = false;
            log.info("{} of {} back in rotation: it answers again", s.address, service);
            scheduleRebuild();
        }
    }

    private void markUp(EndpointState s) {
        if (s.down) {
            s.down = false;
            log.info("{} of {} back in rotation: connected", s.address, service);
            scheduleRebuild();
        }
    }

    /**
     * Periodic upkeep on the cluster executor: probes instances whose ejection period is over,
     * reconnects instances that went down, and rebuilds the snapshot when weights drifted.
     */
    void tick() {
        Snapshot s = snapshot();
        long now = System.nanoTime();
        for (EndpointState e : states.values()) {
            if (e.probing) {
                continue;
            }
            if (e.down) {
                admitWhenAnswering(e);
            } else if (e.ejected && now - e.ejectedUntilNanos >= 0) {
                probe(e);
            }
        }
        if (weightsDrifted(s)) {
            rebuild();
        }
    }

    private void probe(EndpointState e) {
        e.probing = true;
        ServiceInstance i = e.instance;
        pool.acquire(i.host(), i.port())
                .thenCompose(c -> c.ping(probeTimeoutMillis))
                .whenComplete((ok, err) -> {
                    synchronized (this) {
                        e.probing = false;
                        long now = System.nanoTime();
                        if (err == null) {
                            e.ejected = false;
                            e.lastReadmittedNanos = now;
                            e.resetHealth(health.readmittedHealth());
                            log.info("readmitted {} to {} after a successful probe", e.address, service);
                        } else {
                            e.ejections++;
                            long periodNanos = health.ejectionPeriod(e.ejections).toNanos();
                            e.ejectedUntilNanos = now + periodNanos;
                            log.info("probe of {} failed ({}); ejected for {} ms more", e.address, err.toString(),
                                    periodNanos / 1_000_000);
                        }
                    }
                    scheduleRebuild();
                });
    }

    private boolean weightsDrifted(Snapshot s) {
        long nowMillis = System.currentTimeMillis();
        int inRotation = 0;
        for (EndpointState e : states.values()) {
            if (e.inRotation()) {
                inRotation++;
            }
        }
        boolean panic = inRotation == 0;
        if (!panic && inRotation != s.endpoints.size()) {
            return true;
        }
        for (SnapshotEndpoint e : s.endpoints) {
            if (!panic && !e.state.inRotation()) {
                return true;
            }
            double now = weightOf(e.state, nowMillis);
            if (Math.abs(now - e.weight()) > WEIGHT_DRIFT * Math.max(now, e.weight())) {
                return true;
            }
        }
        return false;
    }

    private void scheduleRebuild() {
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
    synchronized Snapshot rebuild() {
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
        long nowMillis = System.currentTimeMillis();
        List<SnapshotEndpoint> rotation = new ArrayList<>(source.size());
        for (ServiceInstance i : source) {
            EndpointState s = states.get(i.address());
            if (s.inRotation()) {
                rotation.add(new SnapshotEndpoint(s, weightOf(s, nowMillis)));
            }
        }
        if (rotation.isEmpty()) { // panic: better to try unhealthy instances than to fail every call
            for (ServiceInstance i : source) {
                EndpointState s = states.get(i.address());
                rotation.add(new SnapshotEndpoint(s, weightOf(s, nowMillis)));
            }
        }
        List<SnapshotEndpoint> endpoints = List.copyOf(rotation);
        Snapshot next = new Snapshot(source, endpoints,
                endpoints.isEmpty() ? null : pickerOf(List.copyOf(endpoints)));
        snapshot = next;
        return next;
    }

    /** The state of an instance that just appeared: out of rotation until it answers a PING. */
    private EndpointState joining(ServiceInstance i) {
        EndpointState s = new EndpointState(i);
        s.down = true;
        executor.execute(() -> admitWhenAnswering(s));
        return s;
    }

    LoadBalancer.Picker pickerOf(List<Endpoint> endpoints) {
        try {
            return balancer.picker(endpoints);
        } catch (RuntimeException e) {
            log.error("load balancer of {} failed to build a picker; choosing at random", service, e);
            return call -> endpoints.get(ThreadLocalRandom.current().nextInt(endpoints.size()));
        }
    }

    /** F = instance weight × warm-up factor × H (the route share is 1 until routing rules apply). */
    double weightOf(EndpointState s, long nowMillis) {
        ServiceInstance i = s.instance;
        return i.weight() * warmupFactor(i.startedAt(), nowMillis, health.warmup().toMillis()) * s.health();
    }

    /** Linear ramp from 5 % to 100 % over the warm-up period; 1 when the start time is unknown. */
    static double warmupFactor(long startedAt, long nowMillis, long warmupMillis) {
        if (startedAt <= 0 || warmupMillis <= 0) {
            return 1;
        }
        double f = (double) (nowMillis - startedAt) / warmupMillis;
        return Math.max(MIN_WARMUP_FACTOR, Math.min(1, f));
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(service).append('[');
        for (EndpointState e : states.values()) {
            b.append(e.address).append(" H=").append(String.format("%.2f", e.health()))
                    .append(" inFlight=").append(e.inFlight.get())
                    .append(" latency=").append(String.format("%.2f", e.latencyMillis()))
                    .append(e.down ? " down" : "").append(e.ejected ? " ejected" : "").append("; ");
        }
        return b.append(']').toString();
    }

    /** The state for {@code address}, if it is in the directory; for tests. */
    EndpointState state(String address) {
        return states.get(address);
    }
}
