package io.weft.internal;

import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many providers of each exported service are registered now, watched in the registry; a
 * {@code scope: cluster} limit divides its qps by it (DESIGN §6). Thread-safe.
 */
final class ProviderCounts implements AutoCloseable {
    private final Registry registry;
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<Registry.Watch> watches = new CopyOnWriteArrayList<>();

    ProviderCounts(Registry registry) {
        this.registry = registry;
    }

    /** Starts counting the providers of {@code service} (once per service). */
    void track(String service) {
        counts.computeIfAbsent(service, s -> {
            AtomicInteger count = new AtomicInteger(1);
            watches.add(registry.watch(s, InstanceRole.PROVIDER, list -> count.set(Math.max(1, list.size()))));
            return count;
        });
    }

    /** The providers of {@code service} registered now; at least 1 (this one). */
    int live(String service) {
        AtomicInteger count = counts.get(service);
        return count == null ? 1 : count.get();
    }

    @Override
    public void close() {
        for (Registry.Watch w : watches) {
            w.close();
        }
    }
}
