package io.weft.console;

import io.weft.InstanceStatus;
import io.weft.ServiceInstance;
import io.weft.registry.support.ServiceHealth;
import io.weft.rule.RuleKind;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import io.weft.spi.RuleValue;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the console shows, read from the registry on each call (DESIGN §3): per service the provider
 * and consumer counts and the average health h̄ over its providers, where a missing or stale status
 * counts as 0 and h̄ &lt; δ marks the service degraded; per instance its health and, for each rule kind,
 * whether the revision it applied is the registry's ("in sync"), older ("behind") or was refused
 * ("invalid rule"). Thread-safe; every method blocks on the registry.
 */
final class MeshView {
    /** δ of DESIGN §3. */
    static final double DEGRADED_BELOW = ServiceHealth.DEGRADED_BELOW;

    private final Registry registry;
    private final ServiceHealth health;

    MeshView(Registry registry, Duration staleAfter, Clock clock) {
        this.registry = registry;
        this.health = new ServiceHealth(staleAfter, clock);
    }

    /**
     * One row of the services page; {@code health} is {@code null} when there are no providers;
     * {@code invalid} says why the entry cannot be read (e.g. a name with a space), else {@code null}.
     */
    record ServiceSummary(String name, int providers, int consumers, Double health, boolean degraded,
                          String invalid) {}

    /** The service page; {@code methods}: every method a provider lists, sorted. */
    record ServiceDetail(String name, Double health, boolean degraded, List<InstanceView> providers,
                         List<InstanceView> consumers, Map<String, RuleView> rules, List<String> methods) {}

    /** A rule key's current value ({@code null} fields: no rule) and {@link RuleWarnings} about it. */
    record RuleView(Long revision, String json, List<String> warnings) {}

    /** One kind's state on one instance: {@code in sync}, {@code behind} or {@code invalid rule}. */
    record SyncView(Long applied, String state, String error) {}

    /**
     * One provider or consumer. {@code invalid} names the fields of its status that were not finite
     * numbers (shown as 0), else {@code null}.
     */
    record InstanceView(String instanceId, String application, String host, int port, String version, int weight,
                        Map<String, String> tags, double health, boolean stale, double qps, double errorRate,
                        Long statusUpdatedAt, Map<String, SyncView> rules, String invalid, boolean sidecar) {}

    /**
     * Every service under {@code /{ns}/services}, sorted by name. A name the registry layout does not
     * allow (whitespace, control characters) is listed with {@code invalid} set, so one bad entry
     * cannot hide every other service.
     */
    List<ServiceSummary> services() {
        List<ServiceSummary> out = new ArrayList<>();
        for (String name : registry.services()) {
            List<ServiceInstance> providers;
            int consumers;
            try {
                providers = registry.list(name, InstanceRole.PROVIDER);
                consumers = registry.list(name, InstanceRole.CONSUMER).size();
            } catch (IllegalArgumentException e) {
                out.add(new ServiceSummary(name, 0, 0, null, false, "invalid service entry: " + e.getMessage()));
                continue;
            }
            Double average = health.average(providers);
            out.add(new ServiceSummary(name, providers.size(), consumers, average, isDegraded(average), null));
        }
        return out;
    }

    /** One service; empty lists (not an error) when nothing is registered under {@code service}. */
    ServiceDetail service(String service) {
        Map<String, RuleView> rules = new LinkedHashMap<>();
        Map<String, Long> current = new LinkedHashMap<>();
        for (RuleKind kind : RuleKind.values()) {
            Optional<RuleValue> value = registry.getRule(service, kind.key());
            rules.put(kind.key(), value.map(v -> new RuleView(v.revision(), v.json(), RuleWarnings.of(kind, v.json())))
                    .orElse(new RuleView(null, null, List.of())));
            current.put(kind.key(), value.map(RuleValue::revision).orElse(0L));
        }
        List<ServiceInstance> providers = registry.list(service, InstanceRole.PROVIDER);
        List<ServiceInstance> consumers = registry.list(service, InstanceRole.CONSUMER);
        Double average = health.average(providers);
        return new ServiceDetail(service, average, isDegraded(average), views(providers, current),
                views(consumers, current), rules,
                providers.stream().flatMap(p -> p.methods().stream()).distinct().sorted().toList());
    }

    private List<InstanceView> views(List<ServiceInstance> instances, Map<String, Long> current) {
        return instances.stream().map(i -> view(i, current)).toList();
    }

    private InstanceView view(ServiceInstance i, Map<String, Long> current) {
        InstanceStatus status = i.status();
        Map<String, String> ruleErrors = status == null ? Map.of() : status.ruleErrors();
        Map<String, SyncView> sync = new LinkedHashMap<>();
        current.forEach((kind, revision) -> sync.put(kind,
                sync(i.appliedRules().get(kind), revision, ruleErrors.get(kind))));
        double qps = status == null ? 0 : status.qps();
        double errorRate = status == null ? 0 : status.errorRate();
        List<String> bad = new ArrayList<>(2);
        if (!Double.isFinite(qps)) {
            bad.add("status.qps is " + qps);
            qps = 0;
        }
        if (!Double.isFinite(errorRate)) {
            bad.add("status.errorRate is " + errorRate);
            errorRate = 0;
        }
        String invalid = bad.isEmpty() ? null : "not a finite number: " + String.join(", ", bad) + " (shown as 0)";
        return new InstanceView(i.instanceId(), i.application(), i.host(), i.port(), i.version(), i.weight(), i.tags(),
                health.health(i), health.isStale(status), qps, errorRate, status == null ? null : status.updatedAt(), sync, invalid,
                i.sidecar());
    }

    static SyncView sync(Long applied, long current, String error) {
        if (error != null) {
            return new SyncView(applied, "invalid rule", error);
        }
        long appliedOrAbsent = applied == null ? 0 : applied;
        return new SyncView(applied, appliedOrAbsent == current ? "in sync" : "behind", null);
    }

    static boolean isDegraded(Double health) {
        return ServiceHealth.isDegraded(health);
    }
}
