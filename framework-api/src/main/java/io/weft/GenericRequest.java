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

    /** A call that is not idempotent. */
    public GenericRequest(String method, String argumentsJson, List<String> parameterTypes,
                          Map<String, String> metadata, Duration timeout) {
        this(method, argumentsJson, parameterTypes, metadata, timeout, false);
    }

    /** A call of {@code method} with {@code argumentsJson} and nothing else set. */
    public static GenericRequest of(String method, String argumentsJson) {
        return new GenericRequest(method, argumentsJson, List.of(), Map.of(), null);
    }

    public static Builder builder(String method) {
        return new Builder(method);
    }

    /** Collects the optional parts of a {@link GenericRequest}. */
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

        public Builder arguments(String argumentsJson) {
            this.argumentsJson = argumentsJson;
            return this;
        }

        public Builder parameterTypes(List<String> parameterTypes) {
            this.parameterTypes = parameterTypes;
            return this;
        }

        public Builder metadata(String key, String value) {
            metadata.put(key, value);
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Marks the call as safe to send again (see {@link GenericRequest#idempotent()}). */
        public Builder idempotent(boolean idempotent) {
            this.idempotent = idempotent;
            return this;
        }

        public GenericRequest build() {
            return new GenericRequest(method, argumentsJson, parameterTypes, metadata, timeout, idempotent);
        }
    }
}
