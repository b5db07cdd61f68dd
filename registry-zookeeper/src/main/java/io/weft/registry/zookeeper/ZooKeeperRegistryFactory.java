package io.weft.registry.zookeeper;

import io.weft.RegistryAddress;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.WeftConfig;
import io.weft.internal.registry.RegistryCredentials;
import io.weft.spi.Registry;
import io.weft.spi.RegistryFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.retry.BoundedExponentialBackoffRetry;

/**
 * The {@link RegistryFactory} for {@code zookeeper://h1:2181,h2:2181} addresses: a {@link Registry}
 * on Apache Curator, using the layout of DESIGN §5 under {@code weft.registry.namespace}.
 *
 * <p>Configuration keys (milliseconds):
 * <ul>
 *   <li>{@value #SESSION_TIMEOUT_MS} (default 10000): the ZooKeeper session timeout, i.e. how long
 *       this process's nodes outlive it when it dies without closing;</li>
 *   <li>{@value #CONNECT_TIMEOUT_MS} (default 5000): how long {@link #create} and
 *       {@link Registry#register} wait for a connection before failing with
 *       {@link Status#UNAVAILABLE}.</li>
 * </ul>
 *
 * <p>With {@code weft.registry.username}/{@code password} (DESIGN §7) the client authenticates with
 * ZooKeeper's {@code digest} scheme and every node it creates — the namespace root and folders
 * included — gets the ACL of {@link ZkAcls}: readable by anyone, writable only with these
 * credentials (docs/security.md).
 */
public final class ZooKeeperRegistryFactory implements RegistryFactory {
    /** ZooKeeper session timeout in milliseconds. */
    public static final String SESSION_TIMEOUT_MS = "weft.registry.session-timeout-ms";
    /** Connection timeout in milliseconds. */
    public static final String CONNECT_TIMEOUT_MS = "weft.registry.connect-timeout-ms";

    private static final int RETRY_BASE_SLEEP_MS = 100;
    private static final int RETRY_MAX_SLEEP_MS = 2000;
    private static final int RETRY_MAX_RETRIES = 3;

    @Override
    public String scheme() {
        return "zookeeper";
    }

    /**
     * Connects and waits for the first connection.
     *
     * @throws io.weft.WeftConfigException when a configuration value is malformed (names key and value)
     * @throws RpcException with {@link Status#UNAVAILABLE} when ZooKeeper cannot be reached within the
     *     connect timeout
     */
    @Override
    public Registry create(RegistryAddress address, WeftConfig config) {
        if (!scheme().equals(address.scheme())) {
            throw new IllegalArgumentException("not a zookeeper:// address: " + address);
        }
        Duration sessionTimeout = config.getMillis(SESSION_TIMEOUT_MS, 10_000, 1);
        Duration connectTimeout = config.getMillis(CONNECT_TIMEOUT_MS, 5_000, 1);
        String namespace = config.namespace();
        RegistryCredentials credentials = RegistryCredentials.from(config).orElse(null);
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder();
        if (credentials != null) {
            ACLProvider acls = ZkAcls.of(credentials);
            builder.authorization(ZkAcls.SCHEME, ZkAcls.authentication(credentials)).aclProvider(acls);
        }
        CuratorFramework client = builder
                .connectString(address.connectString())
                .sessionTimeoutMs(saturatedInt(sessionTimeout))
                .connectionTimeoutMs(saturatedInt(connectTimeout))
                .retryPolicy(new BoundedExponentialBackoffRetry(RETRY_BASE_SLEEP_MS, RETRY_MAX_SLEEP_MS,
                        RETRY_MAX_RETRIES))
                // The configured connect string is authoritative; do not let the ensemble rewrite it.
                .ensembleTracker(false)
                .build();
        boolean connected;
        try {
            client.start();
            connected = client.blockUntilConnected(saturatedInt(connectTimeout), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.close();
            throw new RpcException(Status.UNAVAILABLE, "interrupted while connecting to ZooKeeper at " + address, e);
        } catch (RuntimeException e) {
            client.close();
            throw new RpcException(Status.UNAVAILABLE, "cannot reach ZooKeeper at " + address + ": " + e, e);
        }
        if (!connected) {
            client.close();
            throw new RpcException(Status.UNAVAILABLE, "cannot reach ZooKeeper at " + address + " within "
                    + connectTimeout.toMillis() + " ms (" + CONNECT_TIMEOUT_MS + ")");
        }
        if (credentials != null) {
            try {
                ZkNamespace.secure(client, namespace);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                client.close();
                throw new RpcException(Status.UNAVAILABLE, "interrupted while preparing /" + namespace, e);
            } catch (Exception e) {
                client.close();
                throw new RpcException(Status.UNAVAILABLE, "cannot prepare /" + namespace + " at ZooKeeper "
                        + address + ": " + e, e);
            }
        }
        return new ZooKeeperRegistry(client, address, namespace, connectTimeout);
    }

    private static int saturatedInt(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }
}
