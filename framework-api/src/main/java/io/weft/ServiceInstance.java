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

    public static final String PROTOCOL = "weft/1";

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

    /** An instance that is not a sidecar. */
    public ServiceInstance(String service, String instanceId, String application, String host, int port,
                           String protocol, List<String> serializations, String version, int weight,
                           Map<String, String> tags, List<String> methods, boolean tls, long startedAt,
                           InstanceStatus status, Map<String, Long> appliedRules) {
        this(service, instanceId, application, host, port, protocol, serializations, version, weight, tags,
                methods, tls, startedAt, status, appliedRules, false);
    }

    /** A copy marked as a sidecar instance or not. */
    public ServiceInstance withSidecar(boolean sidecar) {
        return new ServiceInstance(service, instanceId, application, host, port, protocol, serializations, version,
                weight, tags, methods, tls, startedAt, status, appliedRules, sidecar);
    }

    /** A provider of {@code service} at {@code host:port}, with defaults for everything else. */
    public static ServiceInstance provider(String service, String application, String host, int port) {
        return new ServiceInstance(service, host + ":" + port, application, host, port, PROTOCOL,
                List.of("hessian2"), "", 100, Map.of(), List.of(), false, System.currentTimeMillis(),
                null, Map.of());
    }

    /**
     * A consumer of {@code service} (no port, weight 0), started now, with defaults for everything else.
     *
     * @param instanceId unique among the consumers of {@code service}, e.g. {@code host:pid:n}
     */
    public static ServiceInstance consumer(String service, String instanceId, String application, String host) {
        return new ServiceInstance(service, instanceId, application, host, 0, PROTOCOL, List.of("hessian2"), "",
                0, Map.of(), List.of(), false, System.currentTimeMillis(), null, Map.of());
    }

    /** {@code host:port}. */
    public String address() {
        return host + ":" + port;
    }

    public ServiceInstance withStatus(InstanceStatus status) {
        return new ServiceInstance(service, instanceId, application, host, port, protocol, serializations, version,
                weight, tags, methods, tls, startedAt, status, appliedRules, sidecar);
    }

    public ServiceInstance withWeight(int weight) {
        return new ServiceInstance(service, instanceId, application, host, port, protocol, serializations, version,
                weight, tags, methods, tls, startedAt, status, appliedRules, sidecar);
    }

    public ServiceInstance withTags(Map<String, String> tags) {
        return new ServiceInstance(service, instanceId, application, host, port, protocol, serializations, version,
                weight, tags, methods, tls, startedAt, status, appliedRules, sidecar);
    }

    public ServiceInstance withMethods(List<String> methods) {
        return new ServiceInstance(service, instanceId, application, host, port, protocol, serializations, version,
                weight, tags, methods, tls, startedAt, status, appliedRules, sidecar);
    }

    public ServiceInstance withVersion(String version) {
        return new ServiceInstance(service, instanceId, application, host, port, protocol, serializations, version,
                weight, tags, methods, tls, startedAt, status, appliedRules, sidecar);
    }

    /** A copy that says whether the instance speaks TLS ({@code tls} in the instance JSON). */
    public ServiceInstance withTls(boolean tls) {
        return new ServiceInstance(service, instanceId, application, host, port, protocol, serializations, version,
                weight, tags, methods, tls, startedAt, status, appliedRules, sidecar);
    }

    /** A copy started at {@code startedAt} (epoch millis; 0 = unknown, no warm-up). */
    public ServiceInstance withStartedAt(long startedAt) {
        return new ServiceInstance(service, instanceId, application, host, port, protocol, serializations, version,
                weight, tags, methods, tls, startedAt, status, appliedRules, sidecar);
    }

    /** A copy listing {@code serializations} (names such as {@code hessian2}, {@code json}) as accepted. */
    public ServiceInstance withSerializations(List<String> serializations) {
        return new ServiceInstance(service, instanceId, application, host, port, protocol, serializations, version,
                weight, tags, methods, tls, startedAt, status, appliedRules, sidecar);
    }

    public ServiceInstance withAppliedRules(Map<String, Long> appliedRules) {
        return new ServiceInstance(service, instanceId, application, host, port, protocol, serializations, version,
                weight, tags, methods, tls, startedAt, status, appliedRules, sidecar);
    }
}
