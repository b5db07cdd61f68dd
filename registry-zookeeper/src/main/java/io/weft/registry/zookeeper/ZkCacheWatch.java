package io.weft.registry.zookeeper;

import io.weft.registry.support.SnapshotPublisher;
import io.weft.spi.Registry;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;

/**
 * What the two ZooKeeper watches share: a {@link CuratorCache} on one path, events applied under this
 * object's lock, the snapshot handed to a {@link SnapshotPublisher} after the initial load and after
 * every relevant event, and closing (the cache, then the registry forgets the watch).
 *
 * @param <T> the snapshot a listener gets
 */
abstract class ZkCacheWatch<T> implements Registry.Watch, CuratorCacheListener {
    final String path;
    final SnapshotPublisher<T> publisher; // guarded by this
    private final ZooKeeperRegistry registry;
    private final CuratorCache cache;
    private boolean initialized; // guarded by this
    private volatile boolean closed;

    /**
     * @param publisher makes the publisher, given the watch's path and its closed flag
     */
    ZkCacheWatch(ZooKeeperRegistry registry, String path, CuratorCache cache,
                 Function<BooleanSupplier, SnapshotPublisher<T>> publisher) {
        this.registry = registry;
        this.path = path;
        this.publisher = publisher.apply(() -> closed);
        this.cache = cache;
        cache.listenable().addListener(this);
    }

    /** Applies one event to the watch's state; {@code false} when it does not concern the watch. Under the lock. */
    abstract boolean apply(Type type, ChildData oldData, ChildData data);

    /** The current snapshot. Under the lock. */
    abstract T snapshot();

    final void start() {
        cache.start();
    }

    @Override
    public final synchronized void event(Type type, ChildData oldData, ChildData data) {
        if (closed || !apply(type, oldData, data)) {
            return;
        }
        if (initialized) {
            publisher.publish(snapshot());
        }
    }

    @Override
    public final synchronized void initialized() {
        initialized = true;
        publisher.publish(snapshot());
    }

    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        cache.close();
        registry.removed(this);
    }
}
