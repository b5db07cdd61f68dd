package io.weft.registry.zookeeper;

import io.weft.registry.support.RegistryPaths;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the namespace root and its three folders ({@code services}, {@code rules}, {@code audit})
 * persistent nodes carrying the registry's ACL, for a registry with credentials. They must not be
 * container nodes: ZooKeeper deletes an empty container, and anyone could then create the namespace
 * again under the open root {@code /} with an ACL of their own. A folder that already exists and
 * lets anyone write (made by a Weft without credentials) is reported: it stays open until an
 * operator fixes it (docs/security.md).
 */
final class ZkNamespace {
    private static final Logger log = LoggerFactory.getLogger(ZkNamespace.class);

    private ZkNamespace() {
    }

    static void secure(CuratorFramework client, String namespace) throws Exception {
        for (String path : List.of("/" + namespace, RegistryPaths.services(namespace), RegistryPaths.rules(namespace),
                RegistryPaths.audit(namespace))) {
            try {
                client.create().forPath(path, new byte[0]); // the client's ACLProvider gives the ACL
            } catch (KeeperException.NodeExistsException e) {
                if (ZkAcls.openToAnyone(client.getACL().forPath(path))) {
                    log.warn("registry node {} lets anyone write it (created without weft.registry.username);"
                            + " anyone can add or replace nodes below it until its ACL is fixed — see docs/security.md",
                            path);
                }
            } catch (KeeperException.NoAuthException e) {
                log.warn("registry node {} cannot be created with these credentials: {}", path, e.getMessage());
            }
        }
    }
}
