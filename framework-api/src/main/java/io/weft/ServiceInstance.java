package io.weft;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * One provider (or consumer) of a service as stored in the registry: the instance JSON of the
 * registry layout. Immutable; change with the {@code withX} copies.
 *
 * @param service the interface's fully qualified name
 * @param instanceId {@code host:port} for providers; a unique id for consumers
 * @param application the {@code weft.application} of the process; empty when it has none
 * @param host the address consumers connect to (or, for a consumer, where it runs)
 * @param port the listening port; 0 for consumers
 * @param protocol the wire protocol, {@value #PROTOCOL}
 * @param serializations the serializations the instance accepts, e.g. {@code [hessian2, json]}
 * @param version the service version from {@link ExportOptions#version()}; empty when none
 * @param weight the load-balancing weight, 0..10000 for providers (default 100), 0 for consumers
 * @param tags labels that routing subsets select by, e.g. {@code env=canary}
 * @param methods the method names served; empty when not listed
 * @param tls whether the instance serves over TLS (consumers then connect with TLS)
 * @param startedAt when the instance started, in epoch milliseconds (drives warm-up); 0 = unknown
 * @param status the last heartbeat written by the instance, or {@code null} if none yet
 * @param appliedRules rule kind → registry revision in force on this instance
 * @param sidecar the instance is a sidecar serving an application in another language (DESIGN §9)
 */
public record ServiceInstance(
        String service,
        String instanceId,
        String application,
        String host,
        int port,
        String protocol,
        List<String> serializations,
        String version,
        int weight,
        Map<String, String> tags,
        List<String> methods,
        boolean tls,
        long startedAt,
        InstanceStatus status,
        Map<String, Long> appliedRules,
        boolean sidecar) {

    /** The protocol every Weft instance speaks, as written in {@code protocol}. */
    public static final String PROTOCOL = "weft/1";

    /**
     * Checks the required parts and fills in defaults for the missing ones.
     *
     * @param service required
     * @param instanceId required
     * @param application null means empty
     * @param host required
     * @param port 0..65535
     * @param protocol null means {@value #PROTOCOL}
     * @param serializations null means {@code [hessian2]}
     * @param version null means empty
     * @param weight not negative
     * @param tags null means none
     * @param methods null means none
     * @param tls whether the instance serves over TLS
     * @param startedAt epoch milliseconds, 0 = unknown
     * @param status the heartbeat, or null
     * @param appliedRules null means none
     * @param sidecar whether this is a sidecar instance
     * @throws NullPointerException when {@code service}, {@code instanceId} or {@code host} is null
     * @throws IllegalArgumentException when {@code port} or {@code weight} is out of range
     */
    public ServiceInstance {
        requireNonNull(service, "service");
        requireNonNull(instanceId, "instanceId");
        requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (weight < 0) {
            throw new IllegalArgumentException("weight must not be negative: " + weight);
        }
        protocol = protocol == null ? PROTOCOL : protocol;
        serializations = serializations == null ? List.of("hessian2") : List.copyOf(serializations);
        version = version == null ? "" : version;
        application = application == null ? "" : application;
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        methods = methods == null ? List.of() : List.copyOf(methods);
        appliedRules = appliedRules == null ? Map.of() : Map.copyOf(appliedRules);
    }

    /**
     * An instance that is not a sidecar.
     *
     * @param service required
     * @param instanceId required
     * @param application null means empty
     * @param host required
     * @param port 0..65535
     * @param protocol null means {@value #PROTOCOL}
     * @param serializations null means {@code [hessian2]}
     * @param version null means empty
     * @param weight not negative
     * @param tags null means none
     * @param methods null means none
     * @param tls whether the instance serves over TLS
     * @param startedAt epoch milliseconds, 0 = unknown
     * @param status the heartbeat, or null
     * @param appliedRules null means none
     */
    public ServiceInstance(String service, String instanceId, String application, String host, int port,
                           String protocol, List<String> serializations, String version, int weight,
                           Map<String, String> tags, List<String> methods, boolean tls, long startedAt,
                           InstanceStatus status, Map<String, Long> appliedRules) {
        this(service, instanceId, application, host, port, protocol, serializations, version, weight, tags,
                methods, tls, startedAt, status, appliedRules, false);
    }

    /**
     * A copy marked as a sidecar instance or not.
     *
     * @param sidecar true for a sidecar
     * @return the copy
     */
    public ServiceInstance withSidecar(boolean sidecar) {
        return new ServiceInstance(service, instanceId, application, host, port, protocol, serializations, version,
                weight, tags, methods, tls, startedAt, status, appliedRules, sidecar);
    }

    /**
     * A provider of {@code service} at {@code host:port}, started now, with defaults for everything
     * else (Hessian 2, weight 100, no tags, no status yet).
     *
     * @param service the interface's fully qualified name
     * @param application the providing application, or null
     * @param host the address consumers connect to
     * @param port the listening port
     * @return the instance, whose {@code instanceId} is {@code host:port}
     */
    public static ServiceInstance provider(String service, String application, String host, int port) {
        return new ServiceInstance(service, host + ":" + port, application, host, port, PROTOCOL,
                List.of("hessian2"), "", 100, Map.of(), List.of(), false, System.currentTimeMillis(),
                null, Map.of());
    }

    /**
     * A consumer of {@code service} (no port, weight 0), started now, with defaults for everything else.
     *
     * @param service the interface's fully qualified name
     * @param instanceId unique among the consumers of {@code service}, e.g. {@code host:pid:n}
     * @param application the calling application, or null
     * @param host where the consumer runs
     * @return the instance
     */
    public static ServiceInstance consumer(String service, String instanceId, String application, String host) {
        return new ServiceInstance(service, instanceId, application, host, 0, PROTOCOL, List.of("hessian2"), "",
                0, Map.of(), List.of(), false, System.currentTimeMillis(), null, Map.of());
    }

    /**
     * Where the instance listens.
     *
     * @return {@code host:port}
     */
    public String address() {
        return host + ":" + port;
    }

    /**
     * A copy with another heartbeat.
     *
     * @param status the new status, or null for none
     * @return the copy
     */
    public ServiceInstance withStatus(InstanceStatus status) {
        return new ServiceInstance(service, instanceId, application, host, port, protocol, serializations, version,
                weight, tags, methods, tls, startedAt, status, appliedRules, sidecar);
    }

    /**
     * A copy with another load-balancing weight.
     *
     * @param weight not negative
     * @return the copy
     */
    public ServiceInstance withWeight(int weight) {
        return new ServiceInstance(service, instanceId, application, host, port, protocol, serializations, version,
                weight, tags, methods, tls, startedAt, status, appliedRules, sidecar);
    }

    /**
     * A copy with other tags (replacing all of them).
     *
     * @param tags the labels; null means none
     * @return the copy
     */
    public ServiceInstance withTags(Map<String, String> tags) {
        return new ServiceInstance(service, instanceId, application, host, port, protocol, serializations, version,
                weight, tags, methods, tls, startedAt, status, appliedRules, sidecar);
    }

    /**
     * A copy listing other methods.
     *
     * @param methods the method names; null means none
     * @return the copy
     */
    public ServiceInstance withMethods(List<String> methods) {
        return new ServiceInstance(service, instanceId, application, host, port, protocol, serializations, version,
                weight, tags, methods, tls, startedAt, status, appliedRules, sidecar);
    }

    /**
     * A copy with another service version.
     *
     * @param version the version; null means empty
     * @return the copy
     */
    public ServiceInstance withVersion(String version) {
        return new ServiceInstance(service, instanceId, application, host, port, protocol, serializations, version,
                weight, tags, methods, tls, startedAt, status, appliedRules, sidecar);
    }

    /**
     * A copy that says whether the instance speaks TLS ({@code tls} in the instance JSON).
     *
     * @param tls true when the instance serves over TLS
     * @return the copy
     */
    public ServiceInstance withTls(boolean tls) {
        return new ServiceInstance(service, instanceId, application, host, port, protocol, serializations, version,
                weight, tags, methods, tls, startedAt, status, appliedRules, sidecar);
    }

    /**
     * A copy started at {@code startedAt}.
     *
     * @param startedAt epoch milliseconds; 0 = unknown, no warm-up
     * @return the copy
     */
    public ServiceInstance withStartedAt(long startedAt) {
        return new ServiceInstance(service, instanceId, application, host, port, protocol, serializations, version,
                weight, tags, methods, tls, startedAt, status, appliedRules, sidecar);
    }

    /**
     * A copy listing {@code serializations} as accepted.
     *
     * @param serializations names such as {@code hessian2}, {@code json}; null means {@code [hessian2]}
     * @return the copy
     */
    public ServiceInstance withSerializations(List<String> serializations) {
        return new ServiceInstance(service, instanceId, application, host, port, protocol, serializations, version,
                weight, tags, methods, tls, startedAt, status, appliedRules, sidecar);
    }

    /**
     * A copy reporting other rule revisions in force.
     *
     * @param appliedRules rule kind → registry revision; null means none
     * @return the copy
     */
    public ServiceInstance withAppliedRules(Map<String, Long> appliedRules) {
        return new ServiceInstance(service, instanceId, application, host, port, protocol, serializations, version,
                weight, tags, methods, tls, startedAt, status, appliedRules, sidecar);
    }
}
