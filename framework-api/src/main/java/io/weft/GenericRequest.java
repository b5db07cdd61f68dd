package io.weft;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One generic call: the method, its JSON arguments and the optional parts of a request.
 *
 * @param method the method name ({@code :method})
 * @param argumentsJson the arguments as one JSON array; {@code "[]"} when there are none
 * @param parameterTypes the Java type names of the parameters ({@code :params}), needed only to pick
 *     one of several overloads with the same number of parameters; empty means "choose by count"
 * @param metadata user metadata (attachments) sent with the call; keys must not start with {@code ':'}
 * @param timeout the deadline of this call, or {@code null} for the reference's
 * @param idempotent the call may be sent again: a failover resends it to another instance after a
 *     retryable failure (as for an {@code @Idempotent} method); false means only a routing rule's
 *     retries resend it
 */
public record GenericRequest(String method, String argumentsJson, List<String> parameterTypes,
                             Map<String, String> metadata, Duration timeout, boolean idempotent) {

    /**
     * Checks and normalizes the parts.
     *
     * @param method the method name; must not be blank
     * @param argumentsJson the JSON argument array; null or blank means {@code "[]"}
     * @param parameterTypes Java type names; null means empty
     * @param metadata attachments; null means none; no key may start with {@code ':'}
     * @param timeout positive, or null for the reference's
     * @param idempotent whether the call may be sent again
     * @throws NullPointerException when {@code method} is null
     * @throws IllegalArgumentException when {@code method} is blank, a metadata key is reserved or
     *     {@code timeout} is not positive
     */
    public GenericRequest {
        Objects.requireNonNull(method, "method");
        if (method.isBlank()) {
            throw new IllegalArgumentException("method must not be blank");
        }
        argumentsJson = argumentsJson == null || argumentsJson.isBlank() ? "[]" : argumentsJson;
        parameterTypes = parameterTypes == null ? List.of() : List.copyOf(parameterTypes);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        metadata.keySet().forEach(key -> {
            if (key.startsWith(":")) {
                throw new IllegalArgumentException("metadata key '" + key + "' is reserved (starts with ':')");
            }
        });
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /**
     * A call that is not idempotent.
     *
     * @param method the method name; must not be blank
     * @param argumentsJson the JSON argument array; null or blank means {@code "[]"}
     * @param parameterTypes Java type names; null means empty
     * @param metadata attachments; null means none
     * @param timeout positive, or null for the reference's
     */
    public GenericRequest(String method, String argumentsJson, List<String> parameterTypes,
                          Map<String, String> metadata, Duration timeout) {
        this(method, argumentsJson, parameterTypes, metadata, timeout, false);
    }

    /**
     * A call of {@code method} with {@code argumentsJson} and nothing else set.
     *
     * @param method the method name; must not be blank
     * @param argumentsJson the JSON argument array, e.g. {@code ["Ada"]}; null or blank for none
     * @return the request: not idempotent, the reference's timeout, no metadata
     */
    public static GenericRequest of(String method, String argumentsJson) {
        return new GenericRequest(method, argumentsJson, List.of(), Map.of(), null);
    }

    /**
     * A builder for a call of {@code method}, for the optional parts.
     *
     * @param method the method name; checked by {@link Builder#build()}
     * @return a new builder
     */
    public static Builder builder(String method) {
        return new Builder(method);
    }

    /** Collects the optional parts of a {@link GenericRequest}; every setter is optional. Not thread-safe. */
    public static final class Builder {
        private final String method;
        private String argumentsJson = "[]";
        private List<String> parameterTypes = List.of();
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private Duration timeout;
        private boolean idempotent;

        private Builder(String method) {
            this.method = method;
        }

        /**
         * The arguments.
         *
         * @param argumentsJson one JSON array, e.g. {@code ["Ada", 3]}; null or blank for none
         * @return this builder
         */
        public Builder arguments(String argumentsJson) {
            this.argumentsJson = argumentsJson;
            return this;
        }

        /**
         * The parameter types, to pick one of several overloads with the same number of parameters.
         *
         * @param parameterTypes Java type names as in {@code :params}, e.g. {@code java.lang.String}
         * @return this builder
         */
        public Builder parameterTypes(List<String> parameterTypes) {
            this.parameterTypes = parameterTypes;
            return this;
        }

        /**
         * Adds an attachment sent with the call. Repeat for several.
         *
         * @param key the key; must not start with {@code ':'} (checked by {@link #build()})
         * @param value the value; a later call with the same key replaces it
         * @return this builder
         */
        public Builder metadata(String key, String value) {
            metadata.put(key, value);
            return this;
        }

        /**
         * The deadline of this call, instead of the reference's.
         *
         * @param timeout positive (checked by {@link #build()}); null for the reference's
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * Marks the call as safe to send again (see {@link GenericRequest#idempotent()}).
         *
         * @param idempotent true when running the call twice does no harm
         * @return this builder
         */
        public Builder idempotent(boolean idempotent) {
            this.idempotent = idempotent;
            return this;
        }

        /**
         * The request collected so far.
         *
         * @return the request
         * @throws IllegalArgumentException when the method is blank, a metadata key is reserved or the
         *     timeout is not positive
         */
        public GenericRequest build() {
            return new GenericRequest(method, argumentsJson, parameterTypes, metadata, timeout, idempotent);
        }
    }
}
