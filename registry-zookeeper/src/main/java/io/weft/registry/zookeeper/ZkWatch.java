package io.weft.registry.zookeeper;

import io.weft.ServiceInstance;
import io.weft.registry.support.ForgedNodes;
import io.weft.registry.support.Registries;
import io.weft.registry.support.SnapshotPublisher;
import io.weft.spi.Registry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;

/**
 * Watches one instances path ({@code …/providers} or {@code …/consumers}) through a
 * {@link CuratorCache}, which keeps a persistent recursive ZooKeeper watch: it works before the path
 * exists and is re-established and re-read by Curator after a reconnect or a new session.
 *
 * <p>Each node is decoded once per change (a bad value is logged once and left out). A persistent
 * node is left out too: instance nodes are ephemeral, so it can only be forged. After the
 * initial load and after every change that alters the list, the listener gets a sorted, immutable
 * snapshot on the registry's listener thread — one call at a time; an exception it throws is logged
 * and the watch goes on. A list that shrinks is handed over only once the watch has settled (see
 * {@link SnapshotPublisher}): a replaced node or a resync after a lost session is one update.
 */
final class ZkWatch implements Registry.Watch, CuratorCacheListener {
    private final ZooKeeperRegistry registry;
    private final String path;
    private final CuratorCache cache;
    private final Map<String, ServiceInstance> instances = new HashMap<>(); // guarded by this
    private boolean initialized; // guarded by this
    private final SnapshotPublisher<List<ServiceInstance>> publisher; // guarded by this
    private volatile boolean closed;

    ZkWatch(ZooKeeperRegistry registry, String path, Consumer<List<ServiceInstance>> listener) {
        this.registry = registry;
        this.path = path;
        this.publisher = SnapshotPublisher.settling(path, listener, registry.listenerThread(), () -> closed);
        this.cache = CuratorCache.build(registry.curator(), path);
        cache.listenable().addListener(this);
    }

    void start() {
        cache.start();
    }

    @Override
    public synchronized void event(Type type, ChildData oldData, ChildData data) {
        ChildData node = type == Type.NODE_DELETED ? oldData : data;
        if (closed || node == null || !isChild(node.getPath())) {
            return;
        }
        if (type == Type.NODE_DELETED) {
            instances.remove(node.getPath());
        } else if (node.getStat() != null && node.getStat().getEphemeralOwner() == 0) {
            ForgedNodes.ignored(node.getPath()); // not a live instance's node: never handed to consumers
            instances.remove(node.getPath());
        } else {
            ServiceInstance instance = Registries.decodeOrWarn(node.getPath(), node.getData());
            if (instance == null) {
                instances.remove(node.getPath());
            } else {
                instances.put(node.getPath(), instance);
            }
        }
        if (initialized) {
            publish();
        }
    }

    @Override
    public synchronized void initialized() {
        initialized = true;
        publish();
    }

    /** The session was lost or suspended: the cache will be read again; hold shrunken lists meanwhile. */
    void resyncing() {
        publisher.resyncing();
    }

    private void publish() {
        publisher.publish(Registries.snapshot(instances.values()));
    }

    private boolean isChild(String nodePath) {
        return nodePath.length() > path.length() + 1
                && nodePath.startsWith(path)
                && nodePath.charAt(path.length()) == '/'
                && nodePath.indexOf('/', path.length() + 1) < 0;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        cache.close();
        registry.removed(this);
    }

    @Override
    public String toString() {
        return "ZkWatch[" + path + "]";
    }
}
