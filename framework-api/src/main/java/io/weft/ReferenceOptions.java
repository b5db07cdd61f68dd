package io.weft;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a service is called. Unset (null) values fall back to the configuration
 * ({@code weft.client.*}).
 *
 * @param timeout default deadline for each call, or {@code null} for {@code weft.client.timeout-ms}
 * @param methodTimeouts per-method deadlines by method name, overriding {@code timeout}
 * @param directAddresses {@code host:port} providers to call without the registry; empty means discover
 * @param loadBalancer load balancer name ({@code p2c}, {@code random}, {@code round_robin},
 *     {@code least_active}, {@code consistent_hash} or a plug-in's), or {@code null} for
 *     {@code weft.client.load-balancer}
 * @param cluster cluster strategy, or {@code null} for {@code weft.client.cluster}
 * @param methodClusters per-method strategies by method name, overriding {@code cluster}
 * @param forks instances a {@link ClusterStrategy#FORKING} call goes to, or {@code null} for 2
 * @param retries extra attempts after a retryable failure, or {@code null} for {@code weft.client.retries}
 * @param retryOn statuses that make a failover retry (idempotent methods only); empty means {@code UNAVAILABLE}
 * @param check whether {@code reference()} fails when no provider is reachable, or {@code null} for
 *     {@code weft.client.check}
 * @param hashKey what {@code consistent_hash} hashes: {@code metadata:NAME} or {@code argument}
 *     (the first argument, the default when {@code null})
 * @param serializations the serializations this reference may use, most preferred first
 *     ({@code hessian2}, {@code json}); each call uses the first one the chosen provider's node lists
 *     (DESIGN §4, §5), and providers listing none of them are not called. Empty means
 *     {@code hessian2, json}: Hessian with every Weft provider, JSON with providers that only speak
 *     JSON (e.g. a sidecar)
 */
public record ReferenceOptions(Duration timeout, Map<String, Duration> methodTimeouts, List<String> directAddresses,
                               String loadBalancer, ClusterStrategy cluster, Map<String, ClusterStrategy> methodClusters,
                               Integer forks, Integer retries, Set<Status> retryOn, Boolean check, String hashKey,
                               List<String> serializations) {
    private static final ReferenceOptions DEFAULTS = new ReferenceOptions(null, Map.of(), List.of());

    /**
     * Checks every part and copies the collections.
     *
     * @param timeout positive, or null
     * @param methodTimeouts method name → positive timeout; null means none
     * @param directAddresses {@code host:port}s; null means none (discover)
     * @param loadBalancer lower-case letters, digits and {@code _}, or null
     * @param cluster the strategy, or null
     * @param methodClusters method name → strategy; null means none
     * @param forks 1..16, or null
     * @param retries 0..10, or null
     * @param retryOn statuses other than {@code OK}; null means empty
     * @param check true, false or null
     * @param hashKey {@code argument} or {@code metadata:NAME}, or null
     * @param serializations distinct names of lower-case letters, digits, {@code -} and {@code _};
     *     null means empty
     * @throws IllegalArgumentException naming the part that is out of range or malformed
     */
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
        if (loadBalancer != null && !loadBalancer.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("load balancer name must be lower-case letters, digits and '_': '"
                    + loadBalancer + "'");
        }
        methodClusters = methodClusters == null ? Map.of() : Map.copyOf(methodClusters);
        if (forks != null && (forks < 1 || forks > 16)) {
            throw new IllegalArgumentException("forks must be between 1 and 16: " + forks);
        }
        if (retries != null && (retries < 0 || retries > 10)) {
            throw new IllegalArgumentException("retries must be between 0 and 10: " + retries);
        }
        retryOn = retryOn == null || retryOn.isEmpty() ? Set.of() : Set.copyOf(retryOn);
        if (retryOn.contains(Status.OK)) {
            throw new IllegalArgumentException("retryOn must not contain OK");
        }
        if (hashKey != null && !hashKey.equals("argument")
                && !(hashKey.startsWith("metadata:") && hashKey.length() > "metadata:".length())) {
            throw new IllegalArgumentException("hashKey must be 'argument' or 'metadata:NAME': '" + hashKey + "'");
        }
        serializations = serializations == null ? List.of() : List.copyOf(serializations);
        if (serializations.stream().distinct().count() != serializations.size()) {
            throw new IllegalArgumentException("serializations must not repeat a name: " + serializations);
        }
        for (String name : serializations) {
            if (!name.matches("[a-z0-9_-]+")) {
                throw new IllegalArgumentException("serialization name must be lower-case letters, digits, '-' and '_': '"
                        + name + "'");
            }
        }
    }

    /**
     * All settings but the serialization preference (which stays the default).
     *
     * @param timeout positive, or null
     * @param methodTimeouts method name → positive timeout; null means none
     * @param directAddresses {@code host:port}s; null means none (discover)
     * @param loadBalancer lower-case letters, digits and {@code _}, or null
     * @param cluster the strategy, or null
     * @param methodClusters method name → strategy; null means none
     * @param forks 1..16, or null
     * @param retries 0..10, or null
     * @param retryOn statuses other than {@code OK}; null means empty
     * @param check true, false or null
     * @param hashKey {@code argument} or {@code metadata:NAME}, or null
     */
    public ReferenceOptions(Duration timeout, Map<String, Duration> methodTimeouts, List<String> directAddresses,
                            String loadBalancer, ClusterStrategy cluster, Map<String, ClusterStrategy> methodClusters,
                            Integer forks, Integer retries, Set<Status> retryOn, Boolean check, String hashKey) {
        this(timeout, methodTimeouts, directAddresses, loadBalancer, cluster, methodClusters, forks, retries, retryOn,
                check, hashKey, List.of());
    }

    /**
     * Only deadlines and direct addresses; everything else from the configuration.
     *
     * @param timeout positive, or null for {@code weft.client.timeout-ms}
     * @param methodTimeouts method name → positive timeout; null means none
     * @param directAddresses {@code host:port}s; null or empty means discover
     */
    public ReferenceOptions(Duration timeout, Map<String, Duration> methodTimeouts, List<String> directAddresses) {
        this(timeout, methodTimeouts, directAddresses, null, null, Map.of(), null, null, Set.of(), null, null, List.of());
    }

    /**
     * Nothing set: every setting comes from {@code weft.client.*}, providers from the registry.
     *
     * @return the shared default options
     */
    public static ReferenceOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A builder with nothing set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The deadline of calls of {@code method}: its override, else {@link #timeout()}, if either is set.
     *
     * @param method a method name
     * @return the timeout, or empty when {@code weft.client.timeout-ms} applies
     */
    public Optional<Duration> timeoutFor(String method) {
        Duration d = methodTimeouts.get(method);
        return Optional.ofNullable(d != null ? d : timeout);
    }

    /**
     * The strategy for {@code method}: its override, else {@link #cluster()}, if either is set.
     *
     * @param method a method name
     * @return the strategy, or empty when {@code weft.client.cluster} applies
     */
    public Optional<ClusterStrategy> clusterFor(String method) {
        ClusterStrategy s = methodClusters.get(method);
        return Optional.ofNullable(s != null ? s : cluster);
    }

    /** Builds {@link ReferenceOptions}; every setter is optional. Not thread-safe. */
    public static final class Builder {
        private Duration timeout;
        private final Map<String, Duration> methodTimeouts = new HashMap<>();
        private final List<String> directAddresses = new ArrayList<>();
        private String loadBalancer;
        private ClusterStrategy cluster;
        private final Map<String, ClusterStrategy> methodClusters = new HashMap<>();
        private Integer forks;
        private Integer retries;
        private final Set<Status> retryOn = EnumSet.noneOf(Status.class);
        private Boolean check;
        private String hashKey;
        private List<String> serializations = List.of();

        private Builder() {}

        /**
         * The deadline of each call, counted from when it starts.
         *
         * @param timeout positive (checked by {@link #build()}); null for {@code weft.client.timeout-ms}
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * The deadline of each call of one method (all overloads of that name), overriding {@link #timeout}.
         *
         * @param method the method name
         * @param timeout positive (checked by {@link #build()})
         * @return this builder
         */
        public Builder methodTimeout(String method, Duration timeout) {
            methodTimeouts.put(method, timeout);
            return this;
        }

        /**
         * Calls go straight to {@code host:port}, bypassing the registry. Repeat for several.
         *
         * @param hostPort a provider's address, e.g. {@code 127.0.0.1:20880}
         * @return this builder
         */
        public Builder directAddress(String hostPort) {
            directAddresses.add(hostPort);
            return this;
        }

        /**
         * The load balancer by name, e.g. {@code round_robin}; a routing rule's {@code loadBalancer}
         * overrides it.
         *
         * @param name a built-in or plug-in balancer's name; null for {@code weft.client.load-balancer}
         * @return this builder
         */
        public Builder loadBalancer(String name) {
            this.loadBalancer = name;
            return this;
        }

        /**
         * The cluster strategy for every method without its own.
         *
         * @param strategy the strategy; null for {@code weft.client.cluster}
         * @return this builder
         */
        public Builder cluster(ClusterStrategy strategy) {
            this.cluster = strategy;
            return this;
        }

        /**
         * The cluster strategy for one method (all overloads of that name).
         *
         * @param method the method name
         * @param strategy the strategy for it
         * @return this builder
         */
        public Builder cluster(String method, ClusterStrategy strategy) {
            methodClusters.put(method, strategy);
            return this;
        }

        /**
         * How many instances a {@link ClusterStrategy#FORKING forking} call goes to (default 2).
         *
         * @param forks 1..16 (checked by {@link #build()})
         * @return this builder
         */
        public Builder forks(int forks) {
            this.forks = forks;
            return this;
        }

        /**
         * Extra attempts after a retryable failure, for {@link ClusterStrategy#FAILOVER failover}.
         *
         * @param retries 0..10 (checked by {@link #build()}); 0 never retries
         * @return this builder
         */
        public Builder retries(int retries) {
            this.retries = retries;
            return this;
        }

        /**
         * Statuses that make failover retry an idempotent call (replaces the default {@code UNAVAILABLE}).
         *
         * @param statuses e.g. {@code Set.of(Status.UNAVAILABLE, Status.RESOURCE_EXHAUSTED)}; not {@code OK}
         * @return this builder
         */
        public Builder retryOn(Set<Status> statuses) {
            retryOn.clear();
            retryOn.addAll(statuses);
            return this;
        }

        /**
         * Whether making the reference checks that a provider is there.
         *
         * @param check true: {@code reference()} fails with {@code UNAVAILABLE} unless a provider is
         *     reachable in time; false: it returns at once and calls fail until one appears
         * @return this builder
         */
        public Builder check(boolean check) {
            this.check = check;
            return this;
        }

        /**
         * What {@code consistent_hash} hashes, so that calls with the same key go to the same instance.
         *
         * @param hashKey {@code metadata:NAME} (that metadata entry) or {@code argument} (the first
         *     argument, the default)
         * @return this builder
         */
        public Builder hashKey(String hashKey) {
            this.hashKey = hashKey;
            return this;
        }

        /**
         * The serializations to use, most preferred first: e.g. {@code serializations("json")} makes a
         * typed reference call in JSON (DESIGN §4, serialization 2); the default is
         * {@code hessian2, json}.
         *
         * @param preference serialization names, most preferred first; none for the default
         * @return this builder
         */
        public Builder serializations(String... preference) {
            this.serializations = List.of(preference);
            return this;
        }

        /**
         * The options collected so far.
         *
         * @return the options
         * @throws IllegalArgumentException naming the setting that is out of range or malformed
         */
        public ReferenceOptions build() {
            return new ReferenceOptions(timeout, methodTimeouts, directAddresses, loadBalancer, cluster,
                    methodClusters, forks, retries, retryOn, check, hashKey, serializations);
        }
    }
}
