package io.weft.internal;

import io.weft.InstanceStatus;
import io.weft.ServiceInstance;
import io.weft.WeftConfig;
import io.weft.WeftKeys;
import io.weft.internal.server.ServerStats;
import io.weft.spi.Registry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.DoubleSupplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites {@code status} in this process's provider nodes (DESIGN §3, the heartbeat h_i the
 * control plane sees): health = 1 − (overloaded + failed-by-the-provider calls) / calls over the
 * last interval (1 when idle), calls per second, error ratio, the 99th percentile of the served calls'
 * durations ({@code p99Ms}) and the calls in flight when written ({@code inflight}).
 *
 * <p>Bounded so that many instances cannot flood the registry: every run is scheduled at the
 * interval ±20 % (random jitter, and a random first delay), so a fleet's writes spread out instead
 * of arriving in step; and one process writes at most {@code maxWritesPerSecond} nodes per second.
 * Nodes over that budget are skipped this round and written first next round with the then-current
 * status (merging the skipped write into the next). Runs on the given single-thread scheduler.
 */
final class StatusReporter {
    private static final Logger log = LoggerFactory.getLogger(StatusReporter.class);

    private final ScheduledExecutorService scheduler;
    private final Duration interval;
    private final int maxWritesPerSecond;
    private final Supplier<ServerStats> stats;
    private final List<Registry.Registration> registrations;
    private final UnaryOperator<ServiceInstance> decorate;
    private final DoubleSupplier indicator;
    private long lastCalls;
    private long lastFailures;
    private long lastUnhealthy;
    private long lastNanos = System.nanoTime();
    private long lastWriteNanos = System.nanoTime();
    private int cursor;
    private boolean started;

    StatusReporter(ScheduledExecutorService scheduler, Settings settings,
                   Supplier<ServerStats> stats, List<Registry.Registration> registrations,
                   UnaryOperator<ServiceInstance> decorate) {
        this(scheduler, settings, stats, registrations, decorate, null);
    }

    /** @param indicator caps the reported health (see {@code Weft.Builder.healthIndicator}); null: none */
    StatusReporter(ScheduledExecutorService scheduler, Settings settings,
                   Supplier<ServerStats> stats, List<Registry.Registration> registrations,
                   UnaryOperator<ServiceInstance> decorate, DoubleSupplier indicator) {
        this.indicator = indicator;
        this.scheduler = scheduler;
        this.decorate = decorate;
        this.interval = settings.interval();
        this.maxWritesPerSecond = settings.maxWritesPerSecond();
        this.stats = stats;
        this.registrations = registrations;
    }

    /** How often to write and the per-process write budget, read (and checked) from configuration. */
    record Settings(Duration interval, int maxWritesPerSecond) {
        static Settings from(WeftConfig config) {
            return new Settings(config.get(WeftKeys.STATUS_INTERVAL),
                    config.get(WeftKeys.STATUS_MAX_WRITES_PER_SECOND));
        }
    }

    /** Starts the schedule (once), with a random first delay within one interval. */
    synchronized void start() {
        if (!started) {
            started = true;
            schedule(ThreadLocalRandom.current().nextLong(interval.toMillis() / 2, interval.toMillis() + 1));
        }
    }

    private void schedule(long delayMillis) {
        try {
            scheduler.schedule(this::run, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    private void run() {
        try {
            write(status());
        } catch (RuntimeException e) {
            log.warn("cannot refresh instance status: {}", e.toString());
        }
        long ms = interval.toMillis();
        schedule(Math.max(1, ms + ThreadLocalRandom.current().nextLong(-ms / 5, ms / 5 + 1)));
    }

    private InstanceStatus status() {
        ServerStats s = stats.get();
        long now = System.nanoTime();
        long calls = s == null ? 0 : s.calls();
        long failures = s == null ? 0 : s.failures();
        long unhealthy = s == null ? 0 : s.unhealthy();
        double seconds = Math.max((now - lastNanos) / 1e9, 0.001);
        long dc = calls - lastCalls;
        long df = failures - lastFailures;
        long du = unhealthy - lastUnhealthy;
        lastCalls = calls;
        lastFailures = failures;
        lastUnhealthy = unhealthy;
        lastNanos = now;
        double health = health(dc, du);
        if (indicator != null) {
            double outside = indicator.getAsDouble();
            health = Math.min(health, Double.isNaN(outside) ? 0 : Math.max(0, Math.min(1, outside)));
        }
        return new InstanceStatus(health, System.currentTimeMillis(), Math.round(dc / seconds * 10) / 10.0,
                dc == 0 ? 0 : (double) df / dc, s == null ? 0 : s.latency().takeP99Millis(),
                s == null ? 0 : s.inFlight(), java.util.Map.of());
    }

    /** 1 − the share of calls the provider failed for its own reasons; 1 when there were none. */
    static double health(long calls, long unhealthy) {
        return calls <= 0 ? 1.0 : Math.max(0, 1 - (double) Math.min(unhealthy, calls) / calls);
    }

    private void write(InstanceStatus status) {
        int n = registrations.size();
        if (n == 0) {
            return;
        }
        long now = System.nanoTime();
        double secondsSinceLast = Math.max((now - lastWriteNanos) / 1e9, 0.001);
        lastWriteNanos = now;
        int budget = (int) Math.max(1, Math.min(n, Math.floor(maxWritesPerSecond * secondsSinceLast)));
        if (budget < n) {
            log.debug("status budget: writing {} of {} provider nodes this round", budget, n);
        }
        for (int k = 0; k < budget; k++) {
            Registry.Registration r = registrations.get(Math.floorMod(cursor, n));
            cursor++;
            r.update(decorate.apply(r.instance().withStatus(status)));
        }
    }
}
