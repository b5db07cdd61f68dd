package io.weft.rules;

import io.weft.Status;
import io.weft.rule.FaultRule;
import io.weft.rule.Match;
import io.weft.rule.RoutingRule;
import io.weft.rule.SecurityRule;
import io.weft.rule.Side;
import io.weft.rule.ThrottlingRule;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns validated JSON objects into rule records; collects every problem with its path. */
final class RuleParser {
    static final List<String> LOAD_BALANCERS = List.of("random", "round_robin", "least_active", "consistent_hash",
            "p2c");
    private static final Pattern HASH_KEY = Pattern.compile("metadata:.+|arg:\\d+");
    private static final Pattern HOST_PORT = Pattern.compile("[^\\s:/]+:\\d{1,5}|\\[[0-9a-fA-F:.]+]:\\d{1,5}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private static final Set<String> MATCH = Set.of("methods", "consumerApps", "metadata", "sourceCidrs", "instances");

    private RuleParser() {}

    private static final List<String> PROVIDER_ONLY = List.of("sourceCidrs", "instances");
    private static final String CONSUMER_SIDE = "not supported on consumer-side rules (a consumer evaluates the match"
            + " before it picks an instance; use side provider)";
    private static final String ROUTING_SIDE = "not supported on routing rules (consumers route before they pick"
            + " an instance)";

    /** A match evaluated by providers (security, provider-side limits and faults): every field. */
    static Match match(JsonObject parent, String field) {
        return match(parent, field, null);
    }

    /**
     * A match of a rule the given side evaluates. Consumers evaluate theirs before an instance is
     * picked, so {@code sourceCidrs} (their own address) and {@code instances} cannot hold there:
     * rather than silently match every call, such a rule is refused with {@code unsupported}.
     *
     * @param unsupported the error for those two fields, or null when a provider evaluates the match
     */
    static Match match(JsonObject parent, String field, String unsupported) {
        JsonObject m = parent.object(field, false, MATCH);
        if (m == null) {
            return Match.ANY;
        }
        if (unsupported != null) {
            for (String providerOnly : PROVIDER_ONLY) {
                if (m.has(providerOnly)) {
                    m.error(providerOnly, unsupported);
                }
            }
        }
        return new Match(m.strings("methods", null), m.strings("consumerApps", null), m.stringMap("metadata", false),
                m.strings("sourceCidrs", Cidr::problem),
                m.strings("instances", s -> HOST_PORT.matcher(s).matches() ? null
                        : "'" + s + "' is not host:port"));
    }

    static RoutingRule routing(JsonObject root) {
        List<RoutingRule.Route> routes = new ArrayList<>();
        for (JsonObject r : root.objects("routes", true, true,
                Set.of("name", "match", "destinations", "timeoutMs", "retries"))) {
            List<RoutingRule.Destination> destinations = new ArrayList<>();
            long total = 0;
            List<JsonObject> ds = r.objects("destinations", true, true, Set.of("subset", "weight"));
            for (JsonObject d : ds) {
                Integer weight = d.integer("weight", true, 0, 100);
                Map<String, String> subset = d.stringMap("subset", false);
                if (weight != null) {
                    total += weight;
                    destinations.add(new RoutingRule.Destination(subset, weight));
                }
            }
            if (!ds.isEmpty() && destinations.size() == ds.size() && total == 0) {
                r.error("destinations", "weights must not all be 0");
            }
            RoutingRule.Retries retries = null;
            JsonObject rt = r.object("retries", false, Set.of("attempts", "on"));
            if (rt != null) {
                Integer attempts = rt.integer("attempts", true, 0, 10);
                Set<Status> on = new LinkedHashSet<>();
                for (String s : rt.strings("on", RuleParser::statusProblem)) {
                    on.add(Status.valueOf(s));
                }
                if (!rt.has("on")) {
                    on.add(Status.UNAVAILABLE);
                }
                retries = attempts == null ? null : new RoutingRule.Retries(attempts, on);
            }
            routes.add(new RoutingRule.Route(r.string("name", false), match(r, "match", ROUTING_SIDE), destinations,
                    r.integer("timeoutMs", false, 1, 3_600_000), retries));
        }
        RoutingRule.Fallback fallback = root.word("fallback", false, RoutingRule.Fallback.class);
        String lb = root.choice("loadBalancer", false, LOAD_BALANCERS);
        String hashKey = root.string("hashKey", false);
        if (hashKey != null && !HASH_KEY.matcher(hashKey).matches()) {
            root.error("hashKey", "must be metadata:NAME or arg:INDEX");
        }
        return new RoutingRule(routes, fallback, lb, hashKey);
    }

    static ThrottlingRule throttling(JsonObject root) {
        List<ThrottlingRule.Limit> limits = new ArrayList<>();
        for (JsonObject l : root.objects("limits", false, false,
                Set.of("name", "side", "match", "qps", "burst", "scope", "maxConcurrent"))) {
            Side side = l.word("side", true, Side.class);
            Double qps = l.number("qps", false, 0, 1e9, true);
            Integer burst = l.integer("burst", false, 0, 1_000_000_000);
            ThrottlingRule.Scope scope = l.word("scope", false, ThrottlingRule.Scope.class);
            Integer maxConcurrent = l.integer("maxConcurrent", false, 1, 1_000_000);
            if (!l.has("qps") && !l.has("maxConcurrent")) {
                l.error("qps", "a limit needs qps or maxConcurrent");
            }
            if (l.has("burst") && !l.has("qps")) {
                l.error("burst", "only applies together with qps");
            }
            if (scope == ThrottlingRule.Scope.CLUSTER && side == Side.CONSUMER) {
                l.error("scope", "cluster scope applies to provider-side limits only");
            }
            limits.add(new ThrottlingRule.Limit(l.string("name", false), side, match(l, "match", consumerOnly(side)), qps,
                    burst, scope,
                    maxConcurrent));
        }
        ThrottlingRule.CircuitBreaker breaker = null;
        JsonObject cb = root.object("circuitBreaker", false,
                Set.of("failureRatePercent", "minimumCalls", "windowSeconds", "openSeconds"));
        if (cb != null) {
            Integer rate = cb.integer("failureRatePercent", true, 1, 100);
            Integer min = cb.integer("minimumCalls", false, 1, 1_000_000);
            Integer window = cb.integer("windowSeconds", false, 1, 3600);
            Integer open = cb.integer("openSeconds", false, 1, 3600);
            if (rate != null) {
                breaker = new ThrottlingRule.CircuitBreaker(rate, min == null ? 20 : min, window == null ? 10 : window,
                        open == null ? 5 : open);
            }
        }
        if (!root.has("limits") && !root.has("circuitBreaker")) {
            root.error("limits", "a throttling rule needs limits or a circuitBreaker");
        }
        return new ThrottlingRule(limits, breaker);
    }

    static FaultRule faults(JsonObject root) {
        List<FaultRule.Fault> faults = new ArrayList<>();
        for (JsonObject f : root.objects("faults", true, true, Set.of("name", "side", "match", "delay", "abort"))) {
            Side side = f.word("side", true, Side.class);
            FaultRule.Delay delay = null;
            JsonObject d = f.object("delay", false, Set.of("ms", "percent"));
            if (d != null) {
                Integer ms = d.integer("ms", true, 0, 600_000);
                Double percent = d.number("percent", true, 0, 100, false);
                if (ms != null && percent != null) {
                    delay = new FaultRule.Delay(ms, percent);
                }
            }
            FaultRule.Abort abort = null;
            JsonObject a = f.object("abort", false, Set.of("status", "percent", "message"));
            if (a != null) {
                String status = a.string("status", true);
                if (status != null) {
                    String problem = statusProblem(status);
                    if (problem == null && status.equals("OK")) {
                        problem = "an abort cannot have status OK";
                    }
                    if (problem != null) {
                        a.error("status", problem);
                        status = null;
                    }
                }
                Double percent = a.number("percent", true, 0, 100, false);
                String message = a.string("message", false);
                if (status != null && percent != null) {
                    abort = new FaultRule.Abort(Status.valueOf(status), percent, message);
                }
            }
            if (!f.has("delay") && !f.has("abort")) {
                f.error("delay", "a fault needs a delay or an abort");
            }
            faults.add(new FaultRule.Fault(f.string("name", false), side, match(f, "match", consumerOnly(side)), delay,
                    abort));
        }
        return new FaultRule(faults);
    }

    static SecurityRule security(JsonObject root) {
        SecurityRule.Action defaultAction = root.word("defaultAction", false, SecurityRule.Action.class);
        List<SecurityRule.AccessRule> rules = new ArrayList<>();
        for (JsonObject r : root.objects("rules", false, false, Set.of("action", "match"))) {
            SecurityRule.Action action = r.word("action", true, SecurityRule.Action.class);
            rules.add(new SecurityRule.AccessRule(action, match(r, "match")));
        }
        SecurityRule.Authentication authentication = null;
        JsonObject auth = root.object("authentication", false, Set.of("mode", "tokens"));
        if (auth != null) {
            SecurityRule.AuthMode mode = auth.word("mode", true, SecurityRule.AuthMode.class);
            List<SecurityRule.TokenEntry> tokens = new ArrayList<>();
            for (JsonObject t : auth.objects("tokens", mode == SecurityRule.AuthMode.TOKEN,
                    mode == SecurityRule.AuthMode.TOKEN, Set.of("app", "sha256"))) {
                String app = t.string("app", true);
                String sha = t.string("sha256", true);
                if (sha != null && !SHA256.matcher(sha).matches()) {
                    t.error("sha256", "must be 64 lower-case hex digits (SHA-256 of the token)");
                    sha = null;
                }
                if (app != null && sha != null) {
                    tokens.add(new SecurityRule.TokenEntry(app, sha));
                }
            }
            authentication = new SecurityRule.Authentication(mode == null ? SecurityRule.AuthMode.NONE : mode, tokens);
        }
        SecurityRule.ConnectionLimits limits = null;
        JsonObject cl = root.object("connectionLimits", false,
                Set.of("maxConnectionsPerIp", "maxRequestsPerSecondPerIp"));
        if (cl != null) {
            limits = new SecurityRule.ConnectionLimits(cl.integer("maxConnectionsPerIp", false, 1, 1_000_000),
                    cl.integer("maxRequestsPerSecondPerIp", false, 1, 1_000_000_000));
        }
        return new SecurityRule(defaultAction, rules, authentication, limits);
    }

    private static String consumerOnly(Side side) {
        return side == Side.CONSUMER ? CONSUMER_SIDE : null;
    }

    private static String statusProblem(String s) {
        for (Status st : EnumSet.allOf(Status.class)) {
            if (st.name().equals(s)) {
                return null;
            }
        }
        return "unknown status '" + s + "'";
    }
}
