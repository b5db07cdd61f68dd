package io.weft.console;

import io.weft.InstanceStatus;
import io.weft.ServiceInstance;
import io.weft.console.SeriesRing.Metric;
import io.weft.registry.support.ServiceHealth;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's memory of the recent past (issue #18): per provider instance, one sample per status
 * heartbeat (health, calls/s, error rate, p99, in-flight, as the instance reported them); per service,
 * one sample per {@code step} on {@link #tick()}, aggregated over its providers' latest statuses the
 * way DESIGN §3 defines h̄ (a missing or stale status counts as health 0; calls/s summed, error rate
 * weighted by calls, p99 the worst instance's). Statuses carry rates measured by the instance over its
 * own interval, so a restarted instance needs no counter arithmetic here; a restart (a new
 * {@code startedAt} under the same instance id) is remembered and shown.
 *
 * <p>Bounded: every series is a {@link SeriesRing} of {@code retention / step + 1} slots, at most
 * {@code maxServices} and {@code maxInstances} series exist (the one written longest ago goes first),
 * and a series with no data for a whole retention is dropped. Thread-safe (one lock; every operation is
 * short and none blocks on the registry). Time comes from the given clock.
 */
final class MetricsHistory {
    private static final int MAX_RESTARTS = 16;

    private final long stepMillis;
    private final int capacity;
    private final long carrySlots; // empty slots that still show the last sample (a heartbeat until it is stale; a late tick)
    private final long retentionMillis;
    private final ServiceHealth health;
    private final Clock clock;
    private final int maxServices;
    private final int maxInstances;
    private final Map<String, ServiceSeries> services = new HashMap<>();
    private final Map<InstanceKey, InstanceSeries> instances = new HashMap<>();

    MetricsHistory(Duration step, Duration retention, Duration staleAfter, Clock clock, int maxServices,
                   int maxInstances) {
        if (step.toMillis() <= 0 || retention.compareTo(step) < 0) {
            throw new IllegalArgumentException("need 0 < step <= retention, got step " + step + ", retention "
                    + retention);
        }
        this.stepMillis = step.toMillis();
        this.retentionMillis = retention.toMillis();
        this.capacity = Math.toIntExact(retentionMillis / stepMillis + 1);
        this.carrySlots = Math.max(0, staleAfter.toMillis() / stepMillis - 1);
        this.health = new ServiceHealth(staleAfter, clock);
        this.clock = clock;
        this.maxServices = maxServices;
        this.maxInstances = maxInstances;
    }

    private record InstanceKey(String service, String instanceId) {}

    private static final class ServiceSeries {
        final SeriesRing ring;
        List<ServiceInstance> providers = List.of();
        long lastData;

        ServiceSeries(int capacity, long now) {
            ring = new SeriesRing(capacity);
            lastData = now;
        }
    }

    private static final class InstanceSeries {
        final SeriesRing ring;
        final ArrayDeque<Long> restarts = new ArrayDeque<>();
        long updatedAt = Long.MIN_VALUE;
        long startedAt;
        long lastData;

        InstanceSeries(int capacity, long now) {
            ring = new SeriesRing(capacity);
            lastData = now;
        }
    }

    /** A window of one series: times (epoch ms, one per step) and the values ({@code null}: none). */
    record Series(List<Long> t, List<Double> health, List<Double> callsPerSecond, List<Double> errorRate,
                  List<Double> p99Ms, List<Double> inflight) {}

    /**
     * A service's window; {@code degradedSince} is when the current run of h̄ &lt; δ began (epoch ms), or
     * {@code null} when the latest h̄ is not below δ; {@code instances} had samples in the window.
     */
    record ServiceHistory(String service, long stepMs, double degradedBelow, Long degradedSince,
                          List<String> instances, Series series) {}

    /** An instance's window; {@code restarts}: when a new {@code startedAt} was seen (epoch ms). */
    record InstanceHistory(String service, String instanceId, long stepMs, double degradedBelow, List<Long> restarts,
                           Series series) {}

    /** The retention: how far back a window may reach. */
    Duration retention() {
        return Duration.ofMillis(retentionMillis);
    }

    /**
     * The providers of {@code service} as a registry watch reports them: remembered for the next
     * {@link #tick()}; each instance whose status is new (a heartbeat not seen before) and not stale
     * adds a sample now. An empty list: the service has no providers (or is gone).
     */
    synchronized void providers(String service, List<ServiceInstance> providers) {
        long now = clock.millis();
        ServiceSeries series = services.get(service);
        if (series == null) {
            if (providers.isEmpty()) {
                return;
            }
            evictOldest(services, maxServices, s -> s.lastData);
            series = new ServiceSeries(capacity, now);
            services.put(service, series);
        }
        series.providers = List.copyOf(providers);
        for (ServiceInstance instance : providers) {
            heartbeat(service, instance, now);
        }
    }

    private void heartbeat(String service, ServiceInstance instance, long now) {
        InstanceStatus status = instance.status();
        if (health.isStale(status)) {
            return;
        }
        InstanceKey key = new InstanceKey(service, instance.instanceId());
        InstanceSeries series = instances.get(key);
        if (series == null) {
            evictOldest(instances, maxInstances, s -> s.lastData);
            series = new InstanceSeries(capacity, now);
            series.startedAt = instance.startedAt();
            instances.put(key, series);
        } else if (series.updatedAt == status.updatedAt()) {
            return; // the node changed for another reason (applied rules): no new heartbeat
        }
        if (instance.startedAt() != series.startedAt) {
            series.startedAt = instance.startedAt();
            if (series.restarts.size() == MAX_RESTARTS) {
                series.restarts.removeFirst();
            }
            series.restarts.addLast(now);
        }
        series.updatedAt = status.updatedAt();
        series.lastData = now;
        series.ring.put(slot(now), new double[] {status.health(), finite(status.qps()),
                finite(status.errorRate()), StatusExtras.p99Ms(status), StatusExtras.inflight(status)});
    }

    /** Adds one sample per known service for now, and drops series without data for a whole retention. */
    synchronized void tick() {
        long now = clock.millis();
        long slot = slot(now);
        for (ServiceSeries series : services.values()) {
            double[] sample = aggregate(series.providers);
            if (!Double.isNaN(sample[Metric.HEALTH.ordinal()])) {
                series.lastData = now;
            }
            series.ring.put(slot, sample);
        }
        services.values().removeIf(s -> s.lastData < now - retentionMillis);
        instances.values().removeIf(s -> s.lastData < now - retentionMillis);
    }

    private double[] aggregate(List<ServiceInstance> providers) {
        Double average = health.average(providers);
        double calls = 0;
        double failing = 0;
        double p99 = Double.NaN;
        double inflight = Double.NaN;
        for (ServiceInstance p : providers) {
            InstanceStatus status = p.status();
            if (health.isStale(status)) {
                continue;
            }
            double qps = finite(status.qps());
            if (!Double.isNaN(qps)) {
                calls += qps;
                double errorRate = finite(status.errorRate());
                failing += Double.isNaN(errorRate) ? 0 : qps * errorRate;
            }
            double instanceP99 = StatusExtras.p99Ms(status);
            if (!Double.isNaN(instanceP99)) {
                p99 = Double.isNaN(p99) ? instanceP99 : Math.max(p99, instanceP99);
            }
            double instanceInflight = StatusExtras.inflight(status);
            if (!Double.isNaN(instanceInflight)) {
                inflight = (Double.isNaN(inflight) ? 0 : inflight) + instanceInflight;
            }
        }
        if (average == null) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        }
        return new double[] {average, calls, calls > 0 ? failing / calls : 0, p99, inflight};
    }

    /** The last {@code minutes} of {@code service}; empty series when the console has none. */
    synchronized ServiceHistory service(String service, int minutes) {
        ServiceSeries series = services.get(service);
        long to = slot(clock.millis());
        long from = from(to, minutes);
        List<String> seen = new ArrayList<>();
        instances.forEach((key, instance) -> {
            if (key.service().equals(service) && instance.ring.newest() >= from) {
                seen.add(key.instanceId());
            }
        });
        seen.sort(Comparator.naturalOrder());
        return new ServiceHistory(service, stepMillis, ServiceHealth.DEGRADED_BELOW,
                series == null ? null : degradedSince(series.ring), seen,
                series == null ? window(null, from, to, 0) : window(series.ring, from, to, carrySlots));
    }

    /** The last {@code minutes} of one instance, or empty when the console never saw a heartbeat of it. */
    synchronized Optional<InstanceHistory> instance(String service, String instanceId, int minutes) {
        InstanceSeries series = instances.get(new InstanceKey(service, instanceId));
        if (series == null) {
            return Optional.empty();
        }
        long to = slot(clock.millis());
        long from = from(to, minutes);
        List<Long> restarts = series.restarts.stream().filter(t -> t >= from * stepMillis).toList();
        return Optional.of(new InstanceHistory(service, instanceId, stepMillis, ServiceHealth.DEGRADED_BELOW, restarts,
                window(series.ring, from, to, carrySlots)));
    }

    private long from(long to, int minutes) {
        long slots = Math.min(Math.max(1, minutes * 60_000L / stepMillis), capacity - 1);
        return to - slots + 1;
    }

    /**
     * The slots from the first one with data in [from, to] up to {@code to}. An empty slot takes the
     * last sample before it, at most {@code carry} slots back: a status holds until the next heartbeat
     * or until it goes stale (so a heartbeat interval with jitter around the step draws no false gaps),
     * as it does for h̄, and a service sample until the next tick (a tick delayed on a busy machine runs
     * late, then catches up within one slot); a longer silence is a gap.
     */
    private Series window(SeriesRing ring, long from, long to, long carry) {
        long first = from;
        while (ring != null && first <= to && !ring.has(first)) {
            first++;
        }
        if (ring == null || first > to) {
            return new Series(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        }
        int n = (int) (to - first + 1);
        List<Long> t = new ArrayList<>(n);
        List<List<Double>> values = new ArrayList<>();
        for (int m = 0; m < Metric.values().length; m++) {
            values.add(new ArrayList<>(n));
        }
        long lastWritten = Long.MIN_VALUE;
        for (long slot = first; slot <= to; slot++) {
            t.add(slot * stepMillis);
            if (ring.has(slot)) {
                lastWritten = slot;
            }
            long source = ring.has(slot) || slot - lastWritten > carry ? slot : lastWritten;
            for (Metric metric : Metric.values()) {
                double v = ring.get(source, metric);
                values.get(metric.ordinal()).add(Double.isNaN(v) ? null : v);
            }
        }
        return new Series(t, values.get(0), values.get(1), values.get(2), values.get(3), values.get(4));
    }

    /** Where the run of h̄ &lt; δ that reaches the newest sample began; slots never written are skipped. */
    private Long degradedSince(SeriesRing ring) {
        long newest = ring.newest();
        if (newest == Long.MIN_VALUE || !ServiceHealth.isDegraded(health(ring, newest))) {
            return null;
        }
        long since = newest;
        for (long slot = newest - 1; slot > newest - ring.capacity(); slot--) {
            if (!ring.has(slot)) {
                continue;
            }
            if (!ServiceHealth.isDegraded(health(ring, slot))) {
                break;
            }
            since = slot;
        }
        return since * stepMillis;
    }

    private static Double health(SeriesRing ring, long slot) {
        double h = ring.get(slot, Metric.HEALTH);
        return Double.isNaN(h) ? null : h;
    }

    private long slot(long millis) {
        return Math.floorDiv(millis, stepMillis);
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : Double.NaN;
    }

    private static <K, V> void evictOldest(Map<K, V> map, int max, java.util.function.ToLongFunction<V> lastData) {
        while (map.size() >= max) {
            map.entrySet().stream().min(Comparator.comparingLong(e -> lastData.applyAsLong(e.getValue())))
                    .ifPresent(e -> map.remove(e.getKey()));
        }
    }
}
