package io.weft.registry.zookeeper;

import io.weft.registry.support.AuditKeys;
import io.weft.registry.support.AuditLog;
import io.weft.registry.support.RegistryPaths;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/**
 * The audit log on ZooKeeper: one persistent node per entry under {@code /{ns}/audit} (a container
 * node). Reading lists the children, sorts their names (time first) and reads the newest. Thread-safe;
 * every call blocks on ZooKeeper.
 */
final class ZkAudit implements AuditLog {
    private final CuratorFramework client;
    private final ZkRules rules;
    private final String parent;
    private final AuditKeys keys;

    ZkAudit(CuratorFramework client, ZkRules rules, String namespace) {
        this.client = client;
        this.rules = rules;
        this.parent = RegistryPaths.audit(namespace);
        this.keys = new AuditKeys(namespace);
    }

    @Override
    public void append(String json) {
        String path = keys.next();
        rules.call("write", path, () -> client.create().creatingParentContainersIfNeeded()
                .forPath(path, json.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public List<String> newest(int limit) {
        return rules.call("read", parent, () -> {
            List<String> children;
            try {
                children = new ArrayList<>(client.getChildren().forPath(parent));
            } catch (KeeperException.NoNodeException e) {
                return List.of();
            }
            children.sort(Comparator.reverseOrder());
            List<String> out = new ArrayList<>();
            for (String child : children) {
                if (out.size() == limit) {
                    break;
                }
                try {
                    out.add(new String(client.getData().forPath(parent + "/" + child), StandardCharsets.UTF_8));
                } catch (KeeperException.NoNodeException e) {
                    // removed by an operator in between
                }
            }
            return List.copyOf(out);
        });
    }
}
