package io.weft.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.weft.Status;
import io.weft.spi.CallListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Records Weft's calls and events as the meters of DESIGN §10 in a Micrometer {@link MeterRegistry}:
 *
 * <table>
 * <caption>meters</caption>
 * <tr><th>meter</th><th>type</th><th>tags</th></tr>
 * <tr><td>{@code weft.client.requests}, {@code weft.server.requests}</td><td>timer with a percentile
 *     histogram (Prometheus {@code _bucket}s)</td><td>{@code service}, {@code method}, {@code status}</td></tr>
 * <tr><td>{@code weft.client.inflight}, {@code weft.server.inflight}</td><td>gauge</td><td>{@code service}</td></tr>
 * <tr><td>{@code weft.client.ejections}</td><td>counter</td><td>{@code service}</td></tr>
 * <tr><td>{@code weft.client.retries}</td><td>counter</td><td>{@code service}, {@code outcome}</td></tr>
 * <tr><td>{@code weft.governance.refusals}</td><td>counter</td><td>{@code service}, {@code kind},
 *     {@code rule}, {@code side}</td></tr>
 * <tr><td>{@code weft.rules.revision}</td><td>gauge</td><td>{@code service}, {@code kind}</td></tr>
 * </table>
 *
 * <p>Use it as a listener: {@code Weft.builder(config).callListener(WeftMetrics.of(registry))}. With
 * this module on the class path every Weft also records into {@link #prometheusRegistry()}, which the
 * admin endpoint ({@code weft.admin.port}) serves on {@code /metrics}.
 *
 * <p>Meters are made on a call's first sight of a service, method and status and looked up without
 * allocation afterwards. Thread-safe.
 */
public final class WeftMetrics implements CallListener {
    private static final Status[] STATUSES = Status.values();

    private final MeterRegistry registry;
    private final ConcurrentMap<String, ConcurrentMap<String, Timer[]>> clientTimers = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ConcurrentMap<String, Timer[]>> serverTimers = new ConcurrentHashMap<>();
    // LongAdder, not AtomicInteger: every call moves it twice from whichever thread it is on
    private final ConcurrentMap<String, LongAdder> clientInflight = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> serverInflight = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, AtomicLong> revisions = new ConcurrentHashMap<>();

    private WeftMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A listener that records into {@code registry}. */
    public static WeftMetrics of(MeterRegistry registry) {
        return new WeftMetrics(java.util.Objects.requireNonNull(registry, "registry"));
    }

    /**
     * The process-wide Prometheus registry that every Weft records into when this module is on the
     * class path, and that the admin endpoint serves. Add your own binders to it (JVM, system) as you like.
     */
    public static PrometheusMeterRegistry prometheusRegistry() {
        return Default.REGISTRY;
    }

    /** The listener behind {@link #prometheusRegistry()}. */
    static WeftMetrics prometheus() {
        return Default.METRICS;
    }

    /** The registry this records into. */
    public MeterRegistry registry() {
        return registry;
    }

    @Override
    public void callStarted(Side side, String service) {
        inflight(side, service).increment();
    }

    @Override
    public void callFinished(Side side, String service, String method, Status status, long durationNanos,
                             String peer, String callerApplication, Map<String, String> metadata) {
        inflight(side, service).decrement();
        timer(side, service, method, status).record(durationNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void retry(String service, RetryOutcome outcome) {
        counter("weft.client.retries", "service", service, "outcome", outcome.label()).increment();
    }

    @Override
    public void ejected(String service, String instance) {
        counter("weft.client.ejections", "service", service).increment();
    }

    @Override
    public void refused(String service, String kind, String rule, String side) {
        counter("weft.governance.refusals", "service", service, "kind", kind, "rule", rule, "side", side).increment();
    }

    @Override
    public void ruleApplied(String service, String kind, long revision) {
        revisions.computeIfAbsent(service + '\n' + kind, k -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("weft.rules.revision", value, AtomicLong::doubleValue)
                    .description("revision of the rule in force (0: none)")
                    .tags("service", service, "kind", kind).register(registry);
            return value;
        }).set(revision);
    }

    private LongAdder inflight(Side side, String service) {
        ConcurrentMap<String, LongAdder> map = side == Side.CLIENT ? clientInflight : serverInflight;
        LongAdder value = map.get(service);
        if (value != null) {
            return value;
        }
        return map.computeIfAbsent(service, s -> {
            LongAdder v = new LongAdder();
            Gauge.builder("weft." + side.label() + ".inflight", v, LongAdder::sum)
                    .description("calls in flight").tag("service", s).register(registry);
            return v;
        });
    }

    private Timer timer(Side side, String service, String method, Status status) {
        ConcurrentMap<String, ConcurrentMap<String, Timer[]>> bySide = side == Side.CLIENT ? clientTimers : serverTimers;
        ConcurrentMap<String, Timer[]> byMethod = bySide.get(service);
        if (byMethod == null) {
            byMethod = bySide.computeIfAbsent(service, s -> new ConcurrentHashMap<>());
        }
        Timer[] byStatus = byMethod.get(method);
        if (byStatus == null) {
            byStatus = byMethod.computeIfAbsent(method, m -> new Timer[STATUSES.length]);
        }
        Timer timer = byStatus[status.ordinal()];
        if (timer == null) {
            // a race makes the same meter twice; the registry returns the one it has
            timer = Timer.builder("weft." + side.label() + ".requests")
                    .description(side == Side.CLIENT ? "calls made, by outcome" : "calls served, by outcome")
                    .tags("service", service, "method", method, "status", status.name())
                    .publishPercentileHistogram()
                    .register(registry);
            byStatus[status.ordinal()] = timer;
        }
        return timer;
    }

    private Counter counter(String name, String... tags) {
        StringBuilder key = new StringBuilder(name);
        for (String t : tags) {
            key.append('\n').append(t);
        }
        return counters.computeIfAbsent(key.toString(), k -> Counter.builder(name).tags(tags).register(registry));
    }

    /** The process-wide Prometheus registry, made on first use. */
    private static final class Default {
        static final PrometheusMeterRegistry REGISTRY = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        static final WeftMetrics METRICS = new WeftMetrics(REGISTRY);
    }
}
