package io.weft.console;

import io.javalin.http.Context;
import io.weft.ServiceInstance;
import io.weft.registry.support.ServiceHealth;
import io.weft.rule.Rule;
import io.weft.rule.RuleKind;
import io.weft.rule.RoutingRule;
import io.weft.rule.RuleValidationException;
import io.weft.rule.ThrottlingRule;
import io.weft.rules.RuleCodec;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/services/{service}/rules/{kind}/preview}: what the rule in the body would do now, on
 * the service's current providers ({@link RoutingPreview}, {@link ThrottlingPreview}). Read-only: it
 * reads the registry and writes nothing, so viewers may call it ({@link AccessControl}). An invalid
 * rule is answered 400 with the validator's field-path errors, as a save would be.
 */
final class RulePreviewApi {
    private final Registry registry;
    private final ServiceHealth health;

    RulePreviewApi(Registry registry, Duration staleAfter, Clock clock) {
        this.registry = registry;
        this.health = new ServiceHealth(staleAfter, clock);
    }

    void preview(Context ctx) {
        String service = ctx.pathParam("service");
        RuleKind kind = RulesApi.kind(ctx);
        if (kind != RuleKind.ROUTING && kind != RuleKind.THROTTLING) {
            throw new ApiError(400, "preview supports routing and throttling, not " + kind.key());
        }
        Rule rule;
        try {
            rule = RuleCodec.parse(kind, ctx.body());
        } catch (RuleValidationException e) {
            throw new ApiError(400, "invalid " + kind.key() + " rule", e.errors());
        }
        List<ServiceInstance> providers = registry.list(service, InstanceRole.PROVIDER);
        Map<String, InstanceStanding> standings = new LinkedHashMap<>();
        providers.forEach(p -> standings.put(p.instanceId(), InstanceStanding.of(p, health)));
        if (rule instanceof RoutingRule routing) {
            ctx.json(RoutingPreview.of(routing, providers, standings));
        } else {
            int consumers = registry.list(service, InstanceRole.CONSUMER).size();
            ctx.json(ThrottlingPreview.of((ThrottlingRule) rule, List.copyOf(standings.values()), consumers));
        }
    }
}
