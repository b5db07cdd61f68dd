package io.weft.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.weft.Status;
import io.weft.rule.FaultRule;
import io.weft.rule.Match;
import io.weft.rule.RoutingRule;
import io.weft.rule.Rule;
import io.weft.rule.RuleError;
import io.weft.rule.RuleKind;
import io.weft.rule.RuleValidationException;
import io.weft.rule.SecurityRule;
import io.weft.rule.ThrottlingRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes rule JSON (DESIGN §6) and validates it: unknown fields, wrong types,
 * out-of-range numbers and unknown words are errors naming their field path. The one validator
 * used by instances, the console and the CLI. Thread-safe.
 */
public final class RuleCodec {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Map<RuleKind, Set<String>> TOP_LEVEL = Map.of(
            RuleKind.ROUTING, Set.of("routes", "fallback", "loadBalancer", "hashKey"),
            RuleKind.THROTTLING, Set.of("limits", "circuitBreaker"),
            RuleKind.FAULTS, Set.of("faults"),
            RuleKind.SECURITY, Set.of("defaultAction", "rules", "authentication", "connectionLimits"));

    private RuleCodec() {}

    /**
     * Parses and validates {@code json} as a rule of {@code kind}.
     *
     * @throws RuleValidationException listing every problem
     */
    public static Rule parse(RuleKind kind, String json) {
        List<RuleError> errors = new ArrayList<>();
        JsonNode tree;
        try {
            tree = JSON.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new RuleValidationException(kind, List.of(new RuleError("", "not valid JSON" + where + ": "
                    + e.getOriginalMessage())));
        }
        if (tree == null || tree.isMissingNode()) {
            throw new RuleValidationException(kind, List.of(new RuleError("", "empty document")));
        }
        JsonObject root = JsonObject.of(tree, "", errors, TOP_LEVEL.get(kind));
        if (root == null) {
            throw new RuleValidationException(kind, List.of(new RuleError("", "a rule must be a JSON object")));
        }
        Rule rule = switch (kind) {
            case ROUTING -> RuleParser.routing(root);
            case THROTTLING -> RuleParser.throttling(root);
            case FAULTS -> RuleParser.faults(root);
            case SECURITY -> RuleParser.security(root);
        };
        if (!errors.isEmpty()) {
            throw new RuleValidationException(kind, errors);
        }
        return rule;
    }

    /** Validation only: the errors, or an empty list when {@code json} is a valid rule of {@code kind}. */
    public static List<RuleError> validate(RuleKind kind, String json) {
        try {
            parse(kind, json);
            return List.of();
        } catch (RuleValidationException e) {
            return e.errors();
        }
    }

    /** The rule as canonical JSON (fields in contract order, absent values omitted). */
    public static String toJson(Rule rule) {
        ObjectNode root = JSON.createObjectNode();
        if (rule instanceof RoutingRule r) {
            ArrayNode routes = root.putArray("routes");
            for (RoutingRule.Route route : r.routes()) {
                ObjectNode o = routes.addObject();
                putIfPresent(o, "name", route.name());
                putMatch(o, route.match());
                ArrayNode ds = o.putArray("destinations");
                for (RoutingRule.Destination d : route.destinations()) {
                    ObjectNode dn = ds.addObject();
                    if (!d.subset().isEmpty()) {
                        ObjectNode subset = dn.putObject("subset");
                        d.subset().forEach(subset::put);
                    }
                    dn.put("weight", d.weight());
                }
                putIfPresent(o, "timeoutMs", route.timeoutMs());
                if (route.retries() != null) {
                    ObjectNode rt = o.putObject("retries");
                    rt.put("attempts", route.retries().attempts());
                    ArrayNode on = rt.putArray("on");
                    route.retries().on().stream().map(Status::name).sorted().forEach(on::add);
                }
            }
            root.put("fallback", word(r.fallback()));
            putIfPresent(root, "loadBalancer", r.loadBalancer());
            putIfPresent(root, "hashKey", r.hashKey());
        } else if (rule instanceof ThrottlingRule t) {
            ArrayNode limits = root.putArray("limits");
            for (ThrottlingRule.Limit l : t.limits()) {
                ObjectNode o = addEntry(limits, l.name(), l.side(), l.match());
                putIfPresent(o, "qps", l.qps());
                putIfPresent(o, "burst", l.burst());
                if (l.qps() != null) {
                    o.put("scope", word(l.scope()));
                }
                putIfPresent(o, "maxConcurrent", l.maxConcurrent());
            }
            if (t.circuitBreaker() != null) {
                ObjectNode cb = root.putObject("circuitBreaker");
                cb.put("failureRatePercent", t.circuitBreaker().failureRatePercent());
                cb.put("minimumCalls", t.circuitBreaker().minimumCalls());
                cb.put("windowSeconds", t.circuitBreaker().windowSeconds());
                cb.put("openSeconds", t.circuitBreaker().openSeconds());
            }
        } else if (rule instanceof FaultRule f) {
            ArrayNode faults = root.putArray("faults");
            for (FaultRule.Fault fault : f.faults()) {
                ObjectNode o = addEntry(faults, fault.name(), fault.side(), fault.match());
                if (fault.delay() != null) {
                    ObjectNode d = o.putObject("delay");
                    d.put("ms", fault.delay().ms());
                    d.put("percent", fault.delay().percent());
                }
                if (fault.abort() != null) {
                    ObjectNode a = o.putObject("abort");
                    a.put("status", fault.abort().status().name());
                    a.put("percent", fault.abort().percent());
                    putIfPresent(a, "message", fault.abort().message());
                }
            }
        } else if (rule instanceof SecurityRule s) {
            root.put("defaultAction", word(s.defaultAction()));
            ArrayNode rules = root.putArray("rules");
            for (SecurityRule.AccessRule r : s.rules()) {
                ObjectNode o = rules.addObject();
                o.put("action", word(r.action()));
                putMatch(o, r.match());
            }
            if (s.authentication() != null) {
                ObjectNode a = root.putObject("authentication");
                a.put("mode", word(s.authentication().mode()));
                if (!s.authentication().tokens().isEmpty()) {
                    ArrayNode tokens = a.putArray("tokens");
                    for (SecurityRule.TokenEntry t : s.authentication().tokens()) {
                        tokens.addObject().put("app", t.app()).put("sha256", t.sha256());
                    }
                }
            }
            if (s.connectionLimits() != null) {
                ObjectNode c = root.putObject("connectionLimits");
                if (s.connectionLimits().maxConnectionsPerIp() != null) {
                    c.put("maxConnectionsPerIp", s.connectionLimits().maxConnectionsPerIp());
                }
                if (s.connectionLimits().maxRequestsPerSecondPerIp() != null) {
                    c.put("maxRequestsPerSecondPerIp", s.connectionLimits().maxRequestsPerSecondPerIp());
                }
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String word(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** A new object in {@code array} with what every limit and fault starts with: name, side and match. */
    private static ObjectNode addEntry(ArrayNode array, String name, Enum<?> side, Match match) {
        ObjectNode o = array.addObject();
        putIfPresent(o, "name", name);
        o.put("side", word(side));
        putMatch(o, match);
        return o;
    }

    /** Puts a String, Integer or Double value; an unset (null) field is left out. */
    private static void putIfPresent(ObjectNode o, String field, Object value) {
        if (value instanceof String text) {
            o.put(field, text);
        } else if (value instanceof Integer number) {
            o.put(field, number);
        } else if (value instanceof Double number) {
            o.put(field, number);
        } else if (value != null) {
            throw new IllegalArgumentException(field + ": unexpected " + value.getClass().getName());
        }
    }

    private static void putMatch(ObjectNode parent, Match m) {
        if (m.matchesEverything()) {
            return;
        }
        ObjectNode o = parent.putObject("match");
        putList(o, "methods", m.methods());
        putList(o, "consumerApps", m.consumerApps());
        if (!m.metadata().isEmpty()) {
            ObjectNode md = o.putObject("metadata");
            m.metadata().forEach(md::put);
        }
        putList(o, "sourceCidrs", m.sourceCidrs());
        putList(o, "instances", m.instances());
    }

    private static void putList(ObjectNode o, String field, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode a = o.putArray(field);
            values.forEach(a::add);
        }
    }
}
