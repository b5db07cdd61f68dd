package io.weft;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a service is offered: version, weight and tags go into the registry node.
 *
 * @param version the service version string (may be empty)
 * @param weight the instance's load-balancing weight, 0..10000 (default 100)
 * @param tags free-form labels such as {@code env=canary} used by routing subsets
 * @param sidecar the instance is a sidecar in front of an application in another language: its
 *     node says {@code "sidecar":true} (DESIGN §9) so that consoles can mark it
 */
public record ExportOptions(String version, int weight, Map<String, String> tags, boolean sidecar) {
    private static final ExportOptions DEFAULTS = new ExportOptions("", 100, Map.of());

    public ExportOptions {
        version = version == null ? "" : version;
        if (weight < 0 || weight > 10_000) {
            throw new IllegalArgumentException("weight must be 0..10000: " + weight);
        }
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** Options of an ordinary (not sidecar) instance. */
    public ExportOptions(String version, int weight, Map<String, String> tags) {
        this(version, weight, tags, false);
    }

    public static ExportOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ExportOptions}. */
    public static final class Builder {
        private String version = "";
        private int weight = 100;
        private final Map<String, String> tags = new LinkedHashMap<>();
        private boolean sidecar;

        private Builder() {}

        public Builder version(String version) {
            this.version = version;
            return this;
        }

        public Builder weight(int weight) {
            this.weight = weight;
            return this;
        }

        public Builder tag(String key, String value) {
            tags.put(key, value);
            return this;
        }

        /** Marks the instance as a sidecar ({@code "sidecar":true} in its node). */
        public Builder sidecar(boolean sidecar) {
            this.sidecar = sidecar;
            return this;
        }

        public ExportOptions build() {
            return new ExportOptions(version, weight, tags, sidecar);
        }
    }
}
