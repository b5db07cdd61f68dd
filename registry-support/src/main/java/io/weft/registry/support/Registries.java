package io.weft.registry.support;

import io.weft.ServiceInstance;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Small pieces every registry implementation needs the same way: snapshot order, tolerant decoding,
 * registry threads ({@link AbstractRegistration} holds what registrations share). Internal; thread-safe.
 */
public final class Registries {
    private static final Logger log = LoggerFactory.getLogger(Registries.class);

    /** The order of instance snapshots given to watch listeners and returned by {@code list}. */
    public static final Comparator<ServiceInstance> BY_INSTANCE_ID = Comparator.comparing(ServiceInstance::instanceId);

    private Registries() {
    }

    /** {@code instances} sorted by instance id, as an immutable list. */
    public static List<ServiceInstance> snapshot(Collection<ServiceInstance> instances) {
        List<ServiceInstance> sorted = new ArrayList<>(instances);
        sorted.sort(BY_INSTANCE_ID);
        return List.copyOf(sorted);
    }

    /** Decodes an instance node's value; a bad value is logged once per call, naming the key, and gives {@code null}. */
    public static ServiceInstance decodeOrWarn(String key, byte[] data) {
        try {
            return InstanceJson.decode(data);
        } catch (IllegalArgumentException e) {
            log.warn("skipping registry key {}: {}", key, e.getMessage());
            return null;
        }
    }

    /** Daemon threads named {@code name}. */
    public static ThreadFactory daemonThreads(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
