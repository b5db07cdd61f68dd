package io.weft.console;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;

/**
 * A plain ZooKeeper client for tests that need what no Weft code writes: nodes with bad names or values,
 * and ACLs that make a write fail for real.
 */
final class RawZooKeeper implements AutoCloseable {
    private final ZooKeeper zk;

    RawZooKeeper(String connectString) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        zk = new ZooKeeper(connectString, 10_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        if (!connected.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no ZooKeeper connection to " + connectString);
        }
    }

    /** Creates (or overwrites) the persistent node {@code path} with {@code value}, and its parents. */
    void write(String path, String value) throws Exception {
        ensureParents(path);
        byte[] data = value.getBytes(StandardCharsets.UTF_8);
        try {
            zk.create(path, data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        } catch (KeeperException.NodeExistsException e) {
            zk.setData(path, data, -1);
        }
    }

    /**
     * Creates the ephemeral node {@code path} (an instance node, as readers only take ephemeral ones) with
     * {@code value}, and persistent parents; it goes when this client closes or {@link #deleteRecursively}.
     */
    void writeEphemeral(String path, String value) throws Exception {
        ensureParents(path);
        zk.create(path, value.getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
    }

    /**
     * Creates {@code path} if absent, then lets anyone read it (and change its ACL back) but nobody create,
     * change or delete under it.
     */
    void makeReadOnly(String path) throws Exception {
        ensureParents(path + "/x");
        setAcl(path, new ArrayList<>(List.of(new ACL(ZooDefs.Perms.READ | ZooDefs.Perms.ADMIN,
                ZooDefs.Ids.ANYONE_ID_UNSAFE)))); // ZooKeeper asks the list for nulls: no List.of
    }

    void makeWritable(String path) throws Exception {
        setAcl(path, ZooDefs.Ids.OPEN_ACL_UNSAFE);
    }

    private void setAcl(String path, List<ACL> acl) throws Exception {
        zk.setACL(path, acl, -1);
    }

    void deleteRecursively(String path) throws Exception {
        try {
            for (String child : zk.getChildren(path, false)) {
                deleteRecursively(path + "/" + child);
            }
            zk.delete(path, -1);
        } catch (KeeperException.NoNodeException e) {
            // already gone
        }
    }

    private void ensureParents(String path) throws Exception {
        int slash = path.indexOf('/', 1);
        while (slash > 0) {
            try {
                zk.create(path.substring(0, slash), new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            } catch (KeeperException.NodeExistsException e) {
                // there already
            }
            slash = path.indexOf('/', slash + 1);
        }
    }

    @Override
    public void close() throws InterruptedException {
        zk.close();
    }
}
