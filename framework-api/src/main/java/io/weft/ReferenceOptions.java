package io.weft;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a service is called.
 *
 * @param timeout default deadline for each call, or {@code null} for {@code weft.client.timeout-ms}
 * @param methodTimeouts per-method deadlines by method name, overriding {@code timeout}
 * @param directAddresses {@code host:port} providers to call without the registry; empty means discover
 */
public record ReferenceOptions(Duration timeout, Map<String, Duration> methodTimeouts, List<String> directAddresses) {
    private static final ReferenceOptions DEFAULTS = new ReferenceOptions(null, Map.of(), List.of());

    public ReferenceOptions {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        methodTimeouts = methodTimeouts == null ? Map.of() : Map.copyOf(methodTimeouts);
        methodTimeouts.forEach((m, t) -> {
            if (t.isNegative() || t.isZero()) {
                throw new IllegalArgumentException("timeout for method " + m + " must be positive: " + t);
            }
        });
        directAddresses = directAddresses == null ? List.of() : List.copyOf(directAddresses);
    }

    public static ReferenceOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<Duration> timeoutFor(String method) {
        Duration d = methodTimeouts.get(method);
        return Optional.ofNullable(d != null ? d : timeout);
    }

    /** Builds {@link ReferenceOptions}. */
    public static final class Builder {
        private Duration timeout;
        private final Map<String, Duration> methodTimeouts = new HashMap<>();
        private final List<String> directAddresses = new ArrayList<>();

        private Builder() {}

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder methodTimeout(String method, Duration timeout) {
            methodTimeouts.put(method, timeout);
            return this;
        }

        /** Calls go straight to {@code host:port}, bypassing the registry. Repeat for several. */
        public Builder directAddress(String hostPort) {
            directAddresses.add(hostPort);
            return this;
        }

        public ReferenceOptions build() {
            return new ReferenceOptions(timeout, methodTimeouts, directAddresses);
        }
    }
}
