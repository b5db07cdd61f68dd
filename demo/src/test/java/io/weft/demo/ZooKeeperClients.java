package io.weft.demo;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/** A plain ZooKeeper client for the demo's tests, to read what the embedded server holds without Weft's code. */
public final class ZooKeeperClients {
    private ZooKeeperClients() {
    }

    /** A client of {@code connectString} with a live session; fails after 10 s without one. */
    public static ZooKeeper connect(String connectString) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper client = new ZooKeeper(connectString, 10_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        if (!connected.await(10, TimeUnit.SECONDS)) {
            client.close();
            throw new IllegalStateException("no ZooKeeper session at " + connectString + " within 10 s");
        }
        return client;
    }
}
