package io.weft.registry.zookeeper;

import io.weft.RegistryAddress;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.registry.support.RuleStore;
import io.weft.spi.RevisionConflictException;
import io.weft.spi.RuleValue;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Rule keys on ZooKeeper: persistent nodes whose revision is the node's data version plus one (a
 * new node has version 0, revision 1), so that revision 0 keeps meaning "absent". Writes are
 * version-checked {@code setData}, {@code create} (expecting absence) and {@code delete}; parents
 * are container nodes. Also maps ZooKeeper failures to {@link RpcException}s ({@link #call}) for
 * the audit log. Thread-safe (stateless apart from the client); every call blocks on
 * ZooKeeper.
 *
 * @param address the registry's address, for messages
 */
record ZkRules(CuratorFramework client, RegistryAddress address) implements RuleStore {

    /** The exposed revision of a node version. */
    static long revision(Stat stat) {
        return stat.getVersion() + 1L;
    }

    static RuleValue value(byte[] data, Stat stat) {
        return new RuleValue(new String(data == null ? new byte[0] : data, StandardCharsets.UTF_8), revision(stat));
    }

    @Override
    public Optional<RuleValue> get(String path) {
        return call("read", path, () -> {
            Stat stat = new Stat();
            try {
                return Optional.of(value(client.getData().storingStatIn(stat).forPath(path), stat));
            } catch (KeeperException.NoNodeException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public long put(String path, String json, long expectedRevision) {
        byte[] data = json.getBytes(StandardCharsets.UTF_8);
        return call("write", path, () -> {
            if (expectedRevision == 0) {
                try {
                    client.create().creatingParentContainersIfNeeded().forPath(path, data);
                    return 1L;
                } catch (KeeperException.NodeExistsException e) {
                    throw conflict(path, expectedRevision);
                }
            }
            if (expectedRevision > 0) {
                try {
                    return revision(client.setData().withVersion(version(expectedRevision)).forPath(path, data));
                } catch (KeeperException.BadVersionException | KeeperException.NoNodeException e) {
                    throw conflict(path, expectedRevision);
                }
            }
            while (true) { // unconditional: set, or create when absent
                try {
                    return revision(client.setData().forPath(path, data));
                } catch (KeeperException.NoNodeException e) {
                    try {
                        client.create().creatingParentContainersIfNeeded().forPath(path, data);
                        return 1L;
                    } catch (KeeperException.NodeExistsException raced) {
                        // created in between: set it
                    }
                }
            }
        });
    }

    @Override
    public boolean delete(String path, long expectedRevision) {
        return call("delete", path, () -> {
            try {
                if (expectedRevision == 0) {
                    if (client.checkExists().forPath(path) != null) {
                        throw conflict(path, expectedRevision);
                    }
                    return false;
                }
                if (expectedRevision > 0) {
                    client.delete().withVersion(version(expectedRevision)).forPath(path);
                } else {
                    client.delete().forPath(path);
                }
                return true;
            } catch (KeeperException.NoNodeException e) {
                if (expectedRevision > 0) {
                    throw new RevisionConflictException(path, expectedRevision, 0);
                }
                return false;
            } catch (KeeperException.BadVersionException e) {
                throw conflict(path, expectedRevision);
            }
        });
    }


    private static int version(long revision) {
        return (int) Math.min(Integer.MAX_VALUE, revision - 1);
    }

    private RevisionConflictException conflict(String path, long expected) throws Exception {
        Stat stat = client.checkExists().forPath(path);
        return new RevisionConflictException(path, expected, stat == null ? 0 : revision(stat));
    }

    <T> T call(String what, String path, ZkCall<T> call) {
        try {
            return call.run();
        } catch (RevisionConflictException | IllegalArgumentException e) {
            throw e;
        } catch (KeeperException.NoAuthException e) {
            throw denied(what, path, address, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcException(Status.CANCELLED, "interrupted: " + what + " " + path, e);
        } catch (Exception e) {
            throw new RpcException(Status.UNAVAILABLE, "cannot " + what + " " + path + " at ZooKeeper " + address
                    + ": " + e, e);
        }
    }

    /** {@code PERMISSION_DENIED} for a write the node's ACL does not allow with this registry's credentials. */
    static RpcException denied(String what, String path, RegistryAddress address, Exception e) {
        return new RpcException(Status.PERMISSION_DENIED, "ZooKeeper " + address + " refused to " + what + " " + path
                + ": not allowed by its ACL (set weft.registry.username and weft.registry.password to the"
                + " credentials the registry nodes were created with)", e);
    }

    /** A ZooKeeper operation that may throw. */
    @FunctionalInterface
    interface ZkCall<T> {
        T run() throws Exception;
    }
}
