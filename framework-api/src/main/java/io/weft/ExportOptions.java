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

    /**
     * Checks the weight and normalizes the rest.
     *
     * @param version the version; null means empty
     * @param weight 0..10000
     * @param tags the labels; null means none
     * @param sidecar whether the instance is a sidecar
     * @throws IllegalArgumentException when {@code weight} is outside 0..10000
     */
    public ExportOptions {
        version = version == null ? "" : version;
        if (weight < 0 || weight > 10_000) {
            throw new IllegalArgumentException("weight must be 0..10000: " + weight);
        }
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /**
     * Options of an ordinary (not sidecar) instance.
     *
     * @param version the version; null means empty
     * @param weight 0..10000
     * @param tags the labels; null means none
     */
    public ExportOptions(String version, int weight, Map<String, String> tags) {
        this(version, weight, tags, false);
    }

    /**
     * The options of a plain export.
     *
     * @return no version, weight 100, no tags, not a sidecar
     */
    public static ExportOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A builder starting from the {@linkplain #defaults() defaults}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ExportOptions}; every setter is optional. Not thread-safe. */
    public static final class Builder {
        private String version = "";
        private int weight = 100;
        private final Map<String, String> tags = new LinkedHashMap<>();
        private boolean sidecar;

        private Builder() {}

        /**
         * The service version written into the node.
         *
         * @param version free text such as {@code 1.2.0}; null or empty for none
         * @return this builder
         */
        public Builder version(String version) {
            this.version = version;
            return this;
        }

        /**
         * The instance's load-balancing weight, relative to the other instances' (default 100).
         *
         * @param weight 0..10000; checked by {@link #build()}
         * @return this builder
         */
        public Builder weight(int weight) {
            this.weight = weight;
            return this;
        }

        /**
         * Adds a label that routing subsets select by, e.g. {@code tag("env", "canary")}. Repeat for several.
         *
         * @param key the tag's name
         * @param value its value; a later call with the same key replaces it
         * @return this builder
         */
        public Builder tag(String key, String value) {
            tags.put(key, value);
            return this;
        }

        /**
         * Marks the instance as a sidecar ({@code "sidecar":true} in its node).
         *
         * @param sidecar true for a sidecar instance
         * @return this builder
         */
        public Builder sidecar(boolean sidecar) {
            this.sidecar = sidecar;
            return this;
        }

        /**
         * The options collected so far.
         *
         * @return the options
         * @throws IllegalArgumentException when the weight is outside 0..10000
         */
        public ExportOptions build() {
            return new ExportOptions(version, weight, tags, sidecar);
        }
    }
}
