package io.weft.registry.support;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instance keys that are not bound to a session or lease: Weft never writes such a key (its instance
 * nodes are ephemeral on ZooKeeper and leased on etcd), so one can only come from someone writing
 * the registry by hand — an operator's mistake or a forged provider pointing consumers at another
 * host. Readers leave them out and warn once per key. Thread-safe.
 */
public final class ForgedNodes {
    private static final Logger log = LoggerFactory.getLogger(ForgedNodes.class);
    private static final int MAX_REMEMBERED = 10_000;
    private static final Set<String> warned = ConcurrentHashMap.newKeySet();

    private ForgedNodes() {
    }

    /** Logs, once per key, that the persistent instance key {@code key} is ignored. */
    public static void ignored(String key) {
        if (warned.size() < MAX_REMEMBERED && warned.add(key)) {
            log.warn("ignoring registry key {}: an instance key that is not ephemeral (ZooKeeper) or leased (etcd)"
                    + " was not written by Weft; consumers do not call it (see docs/security.md)", key);
        }
    }
}
