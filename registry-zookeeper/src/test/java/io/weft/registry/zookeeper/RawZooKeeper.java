package io.weft.registry.zookeeper;

import java.nio.charset.StandardCharsets;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;

/** Plain Curator clients of a test ZooKeeper, to read, write or attack nodes bypassing the registry. */
public final class RawZooKeeper {
    private RawZooKeeper() {
    }

    /**
     * A started, connected client of {@code address} ({@code zookeeper://host:port} or {@code host:port}),
     * authenticated with {@code digest} ({@code user:password}), or anonymous when it is null. Close it.
     */
    public static CuratorFramework connect(String address, String digest) throws InterruptedException {
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
                .connectString(address.replaceFirst("^zookeeper://", "")).retryPolicy(new RetryOneTime(100));
        if (digest != null) {
            builder.authorization("digest", digest.getBytes(StandardCharsets.UTF_8));
        }
        CuratorFramework client = builder.build();
        client.start();
        client.blockUntilConnected();
        return client;
    }
}
