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
 * the identity check of {@code Registration.update}, registry threads. Internal; thread-safe.
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

    /**
     * Checks that {@code updated} may replace {@code current} in a registration.
     *
     * @throws IllegalArgumentException when service or instance id differ (it would live at another key)
     * @throws IllegalStateException when the registration is closed
     */
    public static void checkUpdate(ServiceInstance current, ServiceInstance updated, boolean closed, String key) {
        if (!current.service().equals(updated.service()) || !current.instanceId().equals(updated.instanceId())) {
            throw new IllegalArgumentException("update must keep service and instanceId: registered "
                    + current.service() + "/" + current.instanceId() + ", got " + updated.service() + "/"
                    + updated.instanceId());
        }
        if (closed) {
            throw new IllegalStateException("registration is closed: " + key);
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
