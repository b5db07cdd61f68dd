package io.weft.registry.zookeeper;

import io.weft.registry.support.SnapshotPublisher;
import io.weft.spi.Registry;
import io.weft.spi.RuleValue;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;

/**
 * Watches one rule node through a single-node {@link CuratorCache} (a persistent watch that works
 * before the node exists and that Curator re-reads after reconnects and new sessions). The listener
 * gets the value after the initial load and after every change that alters value or revision, on
 * the registry's listener thread; an exception it throws is logged and the watch goes on.
 */
final class ZkRuleWatch implements Registry.Watch, CuratorCacheListener {
    private final ZooKeeperRegistry registry;
    private final String path;
    private final CuratorCache cache;
    private Optional<RuleValue> current = Optional.empty(); // guarded by this
    private final SnapshotPublisher<Optional<RuleValue>> publisher; // guarded by this
    private boolean initialized; // guarded by this
    private volatile boolean closed;

    ZkRuleWatch(ZooKeeperRegistry registry, String path, Consumer<Optional<RuleValue>> listener) {
        this.registry = registry;
        this.path = path;
        this.publisher = new SnapshotPublisher<>(path, listener, registry.listenerThread(), () -> closed);
        this.cache = CuratorCache.build(registry.curator(), path, CuratorCache.Options.SINGLE_NODE_CACHE);
        cache.listenable().addListener(this);
    }

    void start() {
        cache.start();
    }

    @Override
    public synchronized void event(Type type, ChildData oldData, ChildData data) {
        if (closed) {
            return;
        }
        current = type == Type.NODE_DELETED || data == null || !path.equals(data.getPath())
                ? Optional.empty() : Optional.of(ZkRules.value(data.getData(), data.getStat()));
        if (initialized) {
            publish();
        }
    }

    @Override
    public synchronized void initialized() {
        initialized = true;
        publish();
    }

    private void publish() {
        publisher.publish(current);
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
}
