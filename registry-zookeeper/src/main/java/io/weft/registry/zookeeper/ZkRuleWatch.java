package io.weft.registry.zookeeper;

import io.weft.registry.support.SnapshotPublisher;
import io.weft.spi.RuleValue;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;

/**
 * Watches one rule node through a single-node {@link CuratorCache} (a persistent watch that works
 * before the node exists and that Curator re-reads after reconnects and new sessions). The listener
 * gets the value after the initial load and after every change that alters value or revision, on
 * the registry's listener thread; an exception it throws is logged and the watch goes on.
 */
final class ZkRuleWatch extends ZkCacheWatch<Optional<RuleValue>> {
    private Optional<RuleValue> current = Optional.empty(); // guarded by this

    ZkRuleWatch(ZooKeeperRegistry registry, String path, Consumer<Optional<RuleValue>> listener) {
        super(registry, path, CuratorCache.build(registry.curator(), path, CuratorCache.Options.SINGLE_NODE_CACHE),
                closed -> new SnapshotPublisher<>(path, listener, registry.listenerThread(), closed));
    }

    @Override
    boolean apply(Type type, ChildData oldData, ChildData data) {
        current = type == Type.NODE_DELETED || data == null || !path.equals(data.getPath())
                ? Optional.empty() : Optional.of(ZkRules.value(data.getData(), data.getStat()));
        return true;
    }

    @Override
    Optional<RuleValue> snapshot() {
        return current;
    }
}
