package io.weft.internal.client;

import io.weft.ServiceInstance;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health model of DESIGN §3 for the endpoints of one reference: folds samples into H, ejects
 * an endpoint whose H falls below δ for a period that doubles on each repeated ejection (never
 * when fewer than the minimum healthy share would stay in rotation), probes it with a PING when
 * the period is over and readmits it with H halfway between δ and 1, or ejects it for twice as
 * long. Connection events move the endpoint's link: closed or GOAWAY takes it out until a probe
 * (connect + PING) answers; a stall takes it out until a PONG.
 *
 * <p>Each endpoint's standing is one {@link Rotation} value replaced by compare-and-set, so each
 * transition is atomic and a probe starts only for the caller that moved {@code probing} from
 * false to true: concurrent ticks and connection events start at most one probe per endpoint.
 * Ejection decisions are serialized on this object (they count the others in rotation); they
 * happen only when H is below δ, never on the pick path.
 *
 * <p>Time comes from the injected {@code nanoTime} and I/O from the injected {@link Prober}: no
 * real clock or socket inside, so the model runs on virtual time in tests. Thread-safe.
 */
final class OutlierDetector {
    private static final Logger log = LoggerFactory.getLogger(OutlierDetector.class);

    /** Connects to an instance if needed and PINGs it; completes normally when it answered. */
    @FunctionalInterface
    interface Prober {
        CompletionStage<?> probe(ServiceInstance instance);
    }

    private final String service;
    private final HealthSettings health;
    private final Map<String, EndpointState> members;
    private final LongSupplier nanoTime;
    private final Prober prober;
    private final Runnable rotationChanged;
    /** Told of each ejection (DESIGN §10 {@code weft.client.ejections}); null: nobody listens. Set before use. */
    volatile io.weft.spi.CallListener listener;

    /**
     * @param members the reference's endpoints by address, kept by the owner; read here
     * @param rotationChanged told (on any thread) whenever an endpoint enters or leaves rotation
     */
    OutlierDetector(String service, HealthSettings health, Map<String, EndpointState> members, LongSupplier nanoTime,
                    Prober prober, Runnable rotationChanged) {
        this.service = service;
        this.health = health;
        this.members = members;
        this.nanoTime = nanoTime;
        this.prober = prober;
        this.rotationChanged = rotationChanged;
    }

    /** Folds a finished call's sample (1 good, 0 bad; see {@link EndpointState#sampleOf}) into H; ejects below δ. */
    void onSample(EndpointState e, double sample) {
        double h = e.record(sample, health.alpha());
        if (h < health.ejectionThreshold() && !e.rotation().ejected()) {
            eject(e, h);
        }
    }

    private void eject(EndpointState target, double h) {
        Rotation next;
        synchronized (this) {
            // re-checked under the lock: a readmission resets H before it readmits
            if (members.get(target.address) != target || target.health() >= health.ejectionThreshold()) {
                return;
            }
            int total = members.size();
            int inRotation = 0;
            for (EndpointState s : members.values()) {
                if (s.inRotation()) {
                    inRotation++;
                }
            }
            if (inRotation - 1 < health.minHealthyShare() * total) {
                log.debug("{} of {} is unhealthy (H={}) but stays: only {} of {} instances are in rotation",
                        target.address, service, h, inRotation, total);
                return;
            }
            long now = nanoTime.getAsLong();
            Rotation r;
            do {
                r = target.rotation();
                if (r.ejected() || r.link() == Rotation.Link.DOWN) {
                    return;
                }
                // healthy for a long while since the last readmission: start again from the base period
                int n = r.ejections() > 0 && now - r.readmittedNanos() > health.maxEjection().toNanos()
                        ? 1 : r.ejections() + 1;
                next = r.ejectedUntil(now + health.ejectionPeriod(n).toNanos(), n);
            } while (!target.transition(r, next));
        }
        log.warn("ejected {} from {}: health {} < {}; ejection #{} for {} ms", target.address, service,
                String.format("%.2f", h), health.ejectionThreshold(), next.ejections(),
                health.ejectionPeriod(next.ejections()).toMillis());
        io.weft.spi.CallListener l = listener;
        if (l != null) {
            l.ejected(service, target.address);
        }
        rotationChanged.run();
    }

    /** A connection event: heartbeats feed H, a stall or a close takes the endpoint out. */
    void onEvent(EndpointState e, ConnectionListener.Event event) {
        switch (event) {
            case CONNECTED -> admitWhenAnswering(e);
            case PONG -> {
                e.record(1, health.alpha());
                if (apply(e, r -> r.link() == Rotation.Link.STALLED ? r.withLink(Rotation.Link.UP) : r).link()
                        == Rotation.Link.STALLED) {
                    log.info("{} of {} back in rotation: it answers again", e.address, service);
                    rotationChanged.run();
                }
            }
            case STALLED -> {
                if (apply(e, r -> r.link() == Rotation.Link.UP ? r.withLink(Rotation.Link.STALLED) : r).link()
                        == Rotation.Link.UP) {
                    log.info("{} of {} out of rotation: calls overdue, nothing read since; probing it", e.address,
                            service);
                    rotationChanged.run();
                }
            }
            case HEARTBEAT_MISSED -> e.record(0, health.alpha());
            case GOAWAY, CLOSED -> {
                if (apply(e, r -> r.link() == Rotation.Link.DOWN ? r : r.withLink(Rotation.Link.DOWN)).link()
                        != Rotation.Link.DOWN) {
                    log.info("{} of {} out of rotation: connection {}", e.address, service,
                            event == ConnectionListener.Event.GOAWAY ? "going away" : "closed");
                    rotationChanged.run();
                }
            }
        }
    }

    /**
     * Periodic upkeep: reconnects endpoints that went down and probes those whose ejection period
     * is over. Starts at most one probe per endpoint, however many ticks run at once.
     */
    void tick() {
        long now = nanoTime.getAsLong();
        for (EndpointState e : members.values()) {
            Rotation r = e.rotation();
            if (r.probing()) {
                continue;
            }
            if (r.link() == Rotation.Link.DOWN) {
                admitWhenAnswering(e);
            } else if (r.ejected() && now - r.ejectedUntilNanos() >= 0) {
                probeEjected(e, now);
            }
        }
    }

    /**
     * Connects to {@code e} if needed and PINGs it; only an answer puts it (back) in rotation, so
     * that no caller waits on a connect or on a process that accepts connections but does not answer.
     */
    void admitWhenAnswering(EndpointState e) {
        if (!startProbe(e, r -> r.link() != Rotation.Link.UP)) {
            return;
        }
        probe(e).whenComplete((ok, err) -> {
            Rotation before = apply(e, r -> (err == null ? r.withLink(Rotation.Link.UP) : r).withProbing(false));
            if (err == null && before.link() != Rotation.Link.UP) {
                log.info("{} of {} back in rotation: {}", e.address, service,
                        before.link() == Rotation.Link.DOWN ? "connected" : "it answers again");
                rotationChanged.run();
            }
        });
    }

    private void probeEjected(EndpointState e, long now) {
        if (!startProbe(e, r -> r.ejected() && r.link() != Rotation.Link.DOWN && now - r.ejectedUntilNanos() >= 0)) {
            return;
        }
        probe(e).whenComplete((ok, err) -> {
            long at = nanoTime.getAsLong();
            if (err == null) {
                e.resetHealth(health.readmittedHealth()); // before it is readmitted: no stale H ejects it again
                apply(e, r -> r.readmitted(at));
                log.info("readmitted {} to {} after a successful probe", e.address, service);
            } else {
                // one step: probing cleared and the next deadline set together
                int n = apply(e, r -> r.ejectedUntil(at + health.ejectionPeriod(r.ejections() + 1).toNanos(),
                        r.ejections() + 1).withProbing(false)).ejections() + 1;
                log.info("probe of {} failed ({}); ejected for {} ms more", e.address, err.toString(),
                        health.ejectionPeriod(n).toMillis());
            }
            rotationChanged.run();
        });
    }

    /** Moves {@code probing} from false to true if {@code eligible} holds; true for the one caller that did. */
    private static boolean startProbe(EndpointState e, Predicate<Rotation> eligible) {
        while (true) {
            Rotation r = e.rotation();
            if (r.probing() || !eligible.test(r)) {
                return false;
            }
            if (e.transition(r, r.withProbing(true))) {
                return true;
            }
        }
    }

    private CompletionStage<?> probe(EndpointState e) {
        try {
            return prober.probe(e.instance);
        } catch (RuntimeException ex) { // e.g. the client is closing
            return CompletableFuture.failedFuture(ex);
        }
    }

    /** Applies {@code change} atomically; returns the value it replaced (or the current one, unchanged). */
    private static Rotation apply(EndpointState e, UnaryOperator<Rotation> change) {
        while (true) {
            Rotation r = e.rotation();
            Rotation next = change.apply(r);
            if (next == r || e.transition(r, next)) {
                return r;
            }
        }
    }
}
