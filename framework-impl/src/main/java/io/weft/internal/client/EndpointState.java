package io.weft.internal.client;

import io.weft.RpcException;
import io.weft.ServiceInstance;
import io.weft.Status;
import io.weft.UnprocessedRequestException;
import io.weft.rule.ThrottlingRule;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * What one consumer knows about one provider instance of one service: health H (an EWMA of
 * heartbeat results and call outcomes), calls in flight, EWMA latency, and its {@link Rotation}
 * (connection state, ejection, probe in flight). Health, latency and in-flight are updated
 * lock-free from completing calls; the rotation is one immutable value that only the
 * {@link OutlierDetector} replaces, by compare-and-set.
 */
final class EndpointState {
    private static final double LATENCY_ALPHA = 0.2;
    private static final double LATENCY_DECAY_NANOS = 2e9;
    private static final AtomicReferenceFieldUpdater<EndpointState, Rotation> ROTATION =
            AtomicReferenceFieldUpdater.newUpdater(EndpointState.class, Rotation.class, "rotation");

    final String address;
    volatile ServiceInstance instance;
    /**
     * The serializations the instance's node lists (bits {@code 1 << id}); fixed, as a replaced node
     * of the same process (same start time) lists the same.
     */
    final int serializations;
    /** The circuit breaker of the throttling rule in force, created on first use. */
    private volatile CircuitBreaker breaker;
    private final AtomicLong healthBits = new AtomicLong(Double.doubleToRawLongBits(1.0));
    final AtomicInteger inFlight = new AtomicInteger();
    private volatile double latencyMillis;
    private volatile long latencyAtNanos;
    private volatile Rotation rotation;

    EndpointState(ServiceInstance instance) {
        this(instance, Rotation.SERVING);
    }

    EndpointState(ServiceInstance instance, Rotation rotation) {
        this.instance = instance;
        this.address = instance.address();
        this.serializations = Serializations.maskOf(instance.serializations());
        this.rotation = rotation;
    }

    Rotation rotation() {
        return rotation;
    }

    /** Replaces the rotation if it is still {@code expected}; the only way it changes. */
    boolean transition(Rotation expected, Rotation next) {
        return ROTATION.compareAndSet(this, expected, next);
    }

    double health() {
        return Double.longBitsToDouble(healthBits.get());
    }

    void resetHealth(double value) {
        healthBits.set(Double.doubleToRawLongBits(value));
    }

    /** Folds one sample (1 = good, 0 = bad) into H; returns the new H. */
    double record(double sample, double alpha) {
        while (true) {
            long bits = healthBits.get();
            double next = (1 - alpha) * Double.longBitsToDouble(bits) + alpha * sample;
            if (healthBits.compareAndSet(bits, Double.doubleToRawLongBits(next))) {
                return next;
            }
        }
    }

    /**
     * The EWMA latency, decaying towards 0 with time constant {@link #LATENCY_DECAY_NANOS} since the
     * last answer, so that an instance avoided for being slow is tried again later instead of
     * being starved by a stale estimate.
     */
    double latencyMillis() {
        double ms = latencyMillis;
        long idle = System.nanoTime() - latencyAtNanos;
        return idle <= 0 || ms == 0 ? ms : ms * Math.exp(-(double) idle / LATENCY_DECAY_NANOS);
    }

    /**
     * Folds in one latency, starting from 0; a sample is capped at 4 × the average + 1 ms so that one
     * pause (GC, a cold first call, a lost packet) does not make an instance look slow for seconds,
     * while a lasting slowdown still raises the average geometrically within about ten calls. Racy on purpose: a lost update only nudges an average.
     */
    void recordLatency(long nanos) {
        double old = latencyMillis();
        double ms = Math.min(nanos / 1e6, 4 * old + 1);
        latencyMillis = old + LATENCY_ALPHA * (ms - old);
        latencyAtNanos = System.nanoTime();
    }

    /** The circuit breaker for {@code rule}; a changed rule starts a fresh breaker. */
    CircuitBreaker breakerFor(ThrottlingRule.CircuitBreaker rule) {
        CircuitBreaker b = breaker;
        if (b == null || !b.config().equals(rule)) {
            b = new CircuitBreaker(rule);
            breaker = b;
        }
        return b;
    }

    boolean inRotation() {
        return rotation.inRotation();
    }

    /**
     * The health sample a finished call contributes: 1 when the provider answered (including
     * application errors), 0 for transport failures, timeouts, {@code UNAVAILABLE} and overload, and
     * NaN (no sample) for outcomes that say nothing about the provider.
     */
    static double sampleOf(Throwable error) {
        if (error == null) {
            return 1;
        }
        if (!(error instanceof RpcException rpc)) {
            return 1; // a declared application exception rebuilt on the consumer
        }
        if (error instanceof UnprocessedRequestException) {
            return 0;
        }
        if (error instanceof UnencodableRequestException) {
            return Double.NaN; // the consumer's own failure
        }
        Status s = rpc.status();
        return switch (s) {
            case UNAVAILABLE, DEADLINE_EXCEEDED -> 0;
            // A refusal by a limit (a rule's throttling, a full queue) says "slow down", not "broken"
            // (like HTTP 429 in outlier detection): it must not eject a healthy instance.
            case CANCELLED, RESOURCE_EXHAUSTED -> Double.NaN;
            case INTERNAL -> 0;
            default -> 1;
        };
    }

    @Override
    public String toString() {
        Rotation r = rotation;
        return address + " H=" + String.format("%.2f", health()) + " inFlight=" + inFlight.get()
                + " latency=" + String.format("%.2f", latencyMillis())
                + (r.link() == Rotation.Link.UP ? "" : " " + r.link().name().toLowerCase(Locale.ROOT))
                + (r.ejected() ? " ejected" : "");
    }
}
