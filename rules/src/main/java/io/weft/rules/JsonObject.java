package io.weft.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.weft.rule.RuleError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One JSON object of a rule being read, with its field path. Every getter checks type and range
 * and records a {@link RuleError} naming the path instead of throwing, so that one pass reports
 * every problem. Fields not declared as allowed are reported as unknown.
 */
final class JsonObject {
    private final JsonNode node;
    private final String path;
    private final List<RuleError> errors;

    private JsonObject(JsonNode node, String path, List<RuleError> errors) {
        this.node = node;
        this.path = path;
        this.errors = errors;
    }

    /** The object at {@code path}, or null (with an error) if {@code node} is not an object. */
    static JsonObject of(JsonNode node, String path, List<RuleError> errors, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            errors.add(new RuleError(path, "must be an object"));
            return null;
        }
        JsonObject o = new JsonObject(node, path, errors);
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                errors.add(new RuleError(o.at(name), "unknown field"));
            }
        }
        return o;
    }

    String at(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    void error(String field, String message) {
        errors.add(new RuleError(at(field), message));
    }

    List<RuleError> errors() {
        return errors;
    }

    private JsonNode present(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    /** The value of {@code field}, or null (recording "is required" when it must be there). */
    private JsonNode value(String field, boolean required) {
        JsonNode v = present(field);
        if (v == null && required) {
            error(field, "is required");
        }
        return v;
    }

    boolean has(String field) {
        return present(field) != null;
    }

    /**
     * The value of {@code field} when {@code ok} accepts it; otherwise null, recording {@code wrongType}
     * (or "is required" when it must be there and is not).
     */
    private JsonNode value(String field, boolean required, Predicate<JsonNode> ok, String wrongType) {
        JsonNode v = value(field, required);
        if (v != null && !ok.test(v)) {
            error(field, wrongType);
            return null;
        }
        return v;
    }

    String string(String field, boolean required) {
        String s = stringValue(field, required);
        if (s != null && s.isBlank()) {
            error(field, "must not be empty");
            return null;
        }
        return s;
    }

    Integer integer(String field, boolean required, long min, long max) {
        JsonNode v = value(field, required, j -> j.isIntegralNumber() && j.canConvertToLong(),
                "must be an integer " + min + ".." + max);
        if (v == null) {
            return null;
        }
        long n = v.asLong();
        if (n < min || n > max) {
            error(field, "must be " + min + ".." + max);
            return null;
        }
        return (int) n;
    }

    Double number(String field, boolean required, double min, double max, boolean minExclusive) {
        JsonNode v = value(field, required, JsonNode::isNumber, "must be a number");
        if (v == null) {
            return null;
        }
        double d = v.asDouble();
        if (Double.isNaN(d) || (minExclusive ? d <= min : d < min) || d > max) {
            error(field, "must be " + (minExclusive ? "greater than " + fmt(min) + " and at most " + fmt(max)
                    : fmt(min) + ".." + fmt(max)));
            return null;
        }
        return d;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** A lower-case word from {@code words} mapped to an enum constant of the same name, upper-cased. */
    <E extends Enum<E>> E word(String field, boolean required, Class<E> type) {
        String s = stringValue(field, required);
        if (s == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(s)) {
                return e;
            }
        }
        error(field, "unknown value '" + s + "'; expected one of " + words(type));
        return null;
    }

    /** One of {@code choices} exactly. */
    String choice(String field, boolean required, List<String> choices) {
        String s = stringValue(field, required);
        if (s != null && !choices.contains(s)) {
            error(field, "unknown value '" + s + "'; expected one of " + String.join(", ", choices));
            return null;
        }
        return s;
    }

    private String stringValue(String field, boolean required) {
        JsonNode v = value(field, required, JsonNode::isTextual, "must be a string");
        return v == null ? null : v.asText();
    }

    static <E extends Enum<E>> String words(Class<E> type) {
        List<String> w = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            w.add(e.name().toLowerCase(Locale.ROOT));
        }
        return String.join(", ", w);
    }

    /** A list of non-empty strings, each checked by {@code check} (returns an error message or null). */
    List<String> strings(String field, Function<String, String> check) {
        JsonNode v = present(field);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            error(field, "must be an array of strings");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            String p = at(field) + "[" + i + "]";
            if (!e.isTextual() || e.asText().isBlank()) {
                errors.add(new RuleError(p, "must be a non-empty string"));
                continue;
            }
            String problem = check == null ? null : check.apply(e.asText());
            if (problem != null) {
                errors.add(new RuleError(p, problem));
                continue;
            }
            out.add(e.asText());
        }
        return out;
    }

    /** An object whose values are all strings. */
    Map<String, String> stringMap(String field, boolean required) {
        JsonNode v = value(field, required, JsonNode::isObject, "must be an object of strings");
        if (v == null) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        v.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                errors.add(new RuleError(at(field) + "." + e.getKey(), "must be a string"));
            } else {
                out.put(e.getKey(), e.getValue().asText());
            }
        });
        return out;
    }

    /** The nested object, or null when absent (or invalid, with an error). */
    JsonObject object(String field, boolean required, Set<String> allowed) {
        JsonNode v = value(field, required);
        if (v == null) {
            return null;
        }
        return of(v, at(field), errors, allowed);
    }

    /** The objects of an array field; empty when absent or invalid (with an error). */
    List<JsonObject> objects(String field, boolean required, boolean nonEmpty, Set<String> allowed) {
        JsonNode v = value(field, required, JsonNode::isArray, "must be an array");
        if (v == null) {
            return List.of();
        }
        if (nonEmpty && v.isEmpty()) {
            error(field, "must not be empty");
        }
        List<JsonObject> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonObject o = of(v.get(i), at(field) + "[" + i + "]", errors, allowed);
            if (o != null) {
                out.add(o);
            }
        }
        return out;
    }
}
