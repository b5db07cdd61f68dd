package io.weft.console;

import io.weft.InstanceStatus;
import io.weft.ServiceInstance;
import io.weft.registry.support.ServiceHealth;
import io.weft.rule.Rule;
import io.weft.rule.RuleKind;
import io.weft.rules.RuleCodec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Providers with status heartbeats, as the preview's unit tests need them, on a fixed clock. */
final class PreviewFixtures {
    static final MutableClock CLOCK = new MutableClock();
    static final ServiceHealth HEALTH = new ServiceHealth(Duration.ofSeconds(15), CLOCK);

    private PreviewFixtures() {
    }

    /** A provider on {@code port} tagged {@code version}, with a fresh status of that health, rate and in-flight count. */
    static ServiceInstance provider(int port, String version, int weight, double health, double qps, int inflight) {
        return ServiceInstance.provider("io.weft.demo.Greeter", "greeter", "127.0.0.1", port)
                .withTags(Map.of("version", version)).withWeight(weight)
                .withStatus(new InstanceStatus(health, CLOCK.millis() - 1000, qps, 0, 0, inflight, Map.of()));
    }

    static ServiceInstance withoutStatus(int port, String version) {
        return ServiceInstance.provider("io.weft.demo.Greeter", "greeter", "127.0.0.1", port)
                .withTags(Map.of("version", version));
    }

    static Map<String, InstanceStanding> standings(List<ServiceInstance> providers) {
        Map<String, InstanceStanding> out = new LinkedHashMap<>();
        providers.forEach(p -> out.put(p.instanceId(), InstanceStanding.of(p, HEALTH)));
        return out;
    }

    static <R extends Rule> R rule(RuleKind kind, String json) {
        @SuppressWarnings("unchecked")
        R rule = (R) RuleCodec.parse(kind, json);
        return rule;
    }
}
