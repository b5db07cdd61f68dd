package io.weft.registry.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.weft.InstanceStatus;
import io.weft.ServiceInstance;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * The instance JSON of the registry layout (DESIGN §5, a contract), as stored in a provider's or
 * consumer's registry node. Internal; shared by the registry implementations.
 *
 * <p>{@link #encode} writes the fields in the documented order, map entries sorted by key, and
 * leaves {@code status} out when it is {@code null}. {@link #decode} ignores unknown fields (forward
 * compatibility), fills defaults for missing optional fields and rejects malformed input with an
 * {@link IllegalArgumentException} that names the problem. Both are thread-safe and allocation-light:
 * one shared, immutable Jackson setup, no per-call reflection.
 */
public final class InstanceJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private InstanceJson() {
    }

    /** The instance JSON of {@code instance}, UTF-8. */
    public static byte[] encode(ServiceInstance instance) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("service", instance.service());
            g.writeStringField("instanceId", instance.instanceId());
            g.writeStringField("application", instance.application());
            g.writeStringField("host", instance.host());
            g.writeNumberField("port", instance.port());
            g.writeStringField("protocol", instance.protocol());
            writeStrings(g, "serializations", instance.serializations());
            g.writeStringField("version", instance.version());
            g.writeNumberField("weight", instance.weight());
            g.writeObjectFieldStart("tags");
            for (Map.Entry<String, String> e : new TreeMap<>(instance.tags()).entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            writeStrings(g, "methods", instance.methods());
            g.writeBooleanField("tls", instance.tls());
            if (instance.sidecar()) {
                g.writeBooleanField("sidecar", true); // only sidecars carry it (DESIGN §9)
            }
            g.writeNumberField("startedAt", instance.startedAt());
            InstanceStatus status = instance.status();
            if (status != null) {
                g.writeObjectFieldStart("status");
                g.writeNumberField("health", status.health());
                g.writeNumberField("updatedAt", status.updatedAt());
                g.writeNumberField("qps", status.qps());
                g.writeNumberField("errorRate", status.errorRate());
                g.writeNumberField("p99Ms", status.p99Ms());
                g.writeNumberField("inflight", status.inflight());
                if (!status.ruleErrors().isEmpty()) {
                    g.writeObjectFieldStart("ruleErrors");
                    for (Map.Entry<String, String> e : new TreeMap<>(status.ruleErrors()).entrySet()) {
                        g.writeStringField(e.getKey(), e.getValue());
                    }
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeObjectFieldStart("appliedRules");
            for (Map.Entry<String, Long> e : new TreeMap<>(instance.appliedRules()).entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode instance " + instance.instanceId(), e); // in-memory: never
        }
        return out.toByteArray();
    }

    private static void writeStrings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /**
     * Reads instance JSON.
     *
     * @throws IllegalArgumentException when {@code json} is not a JSON object, a required field
     *     ({@code service}, {@code host}, {@code port}) is missing, or a field has the wrong type or
     *     an out-of-range value; the message names the field
     */
    public static ServiceInstance decode(byte[] json) {
        if (json == null || json.length == 0) {
            throw new IllegalArgumentException("malformed instance JSON: empty value");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed instance JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed instance JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("malformed instance JSON: expected an object, got "
                    + (root == null ? "nothing" : describe(root)));
        }
        String service = requiredText(root, "service");
        String host = requiredText(root, "host");
        if (root.get("port") == null || root.get("port").isNull()) {
            throw new IllegalArgumentException("invalid instance JSON: missing required field 'port'");
        }
        int port = intField(root, "port", 0, 0, 65535);
        String instanceId = optionalText(root, "instanceId");
        String application = optionalText(root, "application");
        String protocol = optionalText(root, "protocol");
        List<String> serializations = strings(root, "serializations");
        String version = optionalText(root, "version");
        int weight = intField(root, "weight", 100, 0, Integer.MAX_VALUE);
        Map<String, String> tags = stringMap(root, "tags");
        List<String> methods = strings(root, "methods");
        boolean tls = booleanField(root, "tls");
        boolean sidecar = booleanField(root, "sidecar");
        long startedAt = longField("startedAt", root.get("startedAt"));
        InstanceStatus status = status(root.get("status"));
        Map<String, Long> appliedRules = longMap(root, "appliedRules");
        return new ServiceInstance(service, instanceId == null ? host + ":" + port : instanceId, application, host,
                port, protocol, serializations, version, weight, tags, methods, tls, startedAt, status, appliedRules,
                sidecar);
    }

    private static InstanceStatus status(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw wrongType("status", "an object", node);
        }
        double health = doubleField("status.health", node.get("health"), 0);
        if (!(health >= 0 && health <= 1)) {
            throw new IllegalArgumentException("invalid instance JSON: field 'status.health' must be in [0,1], got "
                    + health);
        }
        return new InstanceStatus(health, longField("status.updatedAt", node.get("updatedAt")),
                doubleField("status.qps", node.get("qps"), 0), doubleField("status.errorRate", node.get("errorRate"), 0),
                doubleField("status.p99Ms", node.get("p99Ms"), 0), inflight(node.get("inflight")),
                stringMap(node, "ruleErrors"));
    }

    /** {@code status.inflight}; absent (a node written before it existed) is 0. */
    private static int inflight(JsonNode n) {
        if (n == null || n.isNull()) {
            return 0;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < 0) {
            throw wrongType("status.inflight", "a non-negative integer", n);
        }
        return n.intValue();
    }

    private static String requiredText(JsonNode root, String field) {
        String v = optionalText(root, field);
        if (v == null) {
            throw new IllegalArgumentException("invalid instance JSON: missing required field '" + field + "'");
        }
        if (v.isEmpty()) {
            throw new IllegalArgumentException("invalid instance JSON: field '" + field + "' must not be empty");
        }
        return v;
    }

    private static String optionalText(JsonNode root, String field) {
        JsonNode n = field(root, field, JsonNode::isTextual, "a string");
        return n == null ? null : n.textValue();
    }

    private static int intField(JsonNode root, String field, int defaultValue, int min, int max) {
        JsonNode n = field(root, field, j -> j.isIntegralNumber() && j.canConvertToInt(), "an integer");
        if (n == null) {
            return defaultValue;
        }
        int v = n.intValue();
        if (v < min || v > max) {
            throw new IllegalArgumentException("invalid instance JSON: field '" + field + "' must be between "
                    + min + " and " + max + ", got " + v);
        }
        return v;
    }

    private static long longField(String field, JsonNode n) {
        if (n == null || n.isNull()) {
            return 0L;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw wrongType(field, "an integer", n);
        }
        return n.longValue();
    }

    private static double doubleField(String field, JsonNode n, double defaultValue) {
        if (n == null || n.isNull()) {
            return defaultValue;
        }
        if (!n.isNumber()) {
            throw wrongType(field, "a number", n);
        }
        return n.doubleValue();
    }

    private static boolean booleanField(JsonNode root, String field) {
        JsonNode n = field(root, field, JsonNode::isBoolean, "true or false");
        return n != null && n.booleanValue();
    }

    private static List<String> strings(JsonNode root, String field) {
        JsonNode n = field(root, field, JsonNode::isArray, "an array of strings");
        if (n == null) {
            return null;
        }
        List<String> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            out.add(text(field + "[" + i + "]", n.get(i)));
        }
        return out;
    }

    private static Map<String, String> stringMap(JsonNode root, String field) {
        Map<String, String> out = map(root, field, "an object of strings", InstanceJson::text);
        return out == null ? null : Collections.unmodifiableMap(out);
    }

    private static Map<String, Long> longMap(JsonNode root, String field) {
        return map(root, field, "an object of integers", InstanceJson::longField);
    }

    /** {@code root}'s object {@code field} with each member read by {@code value} (given its path); null when absent. */
    private static <V> Map<String, V> map(JsonNode root, String field, String expected,
                                          BiFunction<String, JsonNode, V> value) {
        JsonNode n = field(root, field, JsonNode::isObject, expected);
        if (n == null) {
            return null;
        }
        Map<String, V> out = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            out.put(e.getKey(), value.apply(field + "." + e.getKey(), e.getValue()));
        }
        return out;
    }

    /** The string at {@code path}; fails naming the path when it is not one. */
    private static String text(String path, JsonNode n) {
        if (!n.isTextual()) {
            throw wrongType(path, "a string", n);
        }
        return n.textValue();
    }

    /** {@code root}'s {@code field}, null when absent or null; fails naming {@code expected} when {@code ok} refuses it. */
    private static JsonNode field(JsonNode root, String field, Predicate<JsonNode> ok, String expected) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!ok.test(n)) {
            throw wrongType(field, expected, n);
        }
        return n;
    }

    private static IllegalArgumentException wrongType(String field, String expected, JsonNode actual) {
        return new IllegalArgumentException("invalid instance JSON: field '" + field + "' must be " + expected
                + ", got " + describe(actual));
    }

    private static String describe(JsonNode n) {
        JsonNodeType type = n.getNodeType();
        String text = n.toString();
        if (text.length() > 40) {
            text = text.substring(0, 40) + "...";
        }
        return type.name().toLowerCase(Locale.ROOT) + " " + text;
    }
}
