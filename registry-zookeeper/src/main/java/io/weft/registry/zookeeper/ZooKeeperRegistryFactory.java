package io.weft.registry.zookeeper;

import io.weft.RegistryAddress;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.WeftConfig;
import io.weft.registry.support.RegistryCredentials;
import io.weft.registry.support.RegistryStartup;
import io.weft.spi.Registry;
import io.weft.spi.RegistryFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.retry.BoundedExponentialBackoffRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RegistryFactory} for {@code zookeeper://h1:2181,h2:2181} addresses: a {@link Registry}
 * on Apache Curator, using the layout of DESIGN §5 under {@code weft.registry.namespace}.
 *
 * <p>Configuration keys (milliseconds):
 * <ul>
 *   <li>{@value #SESSION_TIMEOUT_MS} (default 10000): the ZooKeeper session timeout, i.e. how long
 *       this process's nodes outlive it when it dies without closing;</li>
 *   <li>{@value #CONNECT_TIMEOUT_MS} (default 5000): how long {@link #create} and
 *       {@link Registry#register} wait for a connection;</li>
 *   <li>{@value #CHECK} (default false): whether start-up fails with {@link Status#UNAVAILABLE}
 *       when ZooKeeper cannot be reached within the connect timeout. Without it, when no endpoint
 *       accepts a TCP connection (a refusal answers at once; an address that drops packets is given
 *       1 s), the registry is returned at once without waiting for the connect timeout, says once
 *       that it is waiting, and connects in the background: registrations are written and watches
 *       deliver once ZooKeeper appears. When something listens, start-up waits for the session as
 *       with check.</li>
 * </ul>
 * A host in the address that does not resolve is reported as "unknown host" in one line; when no
 * host resolves, start-up fails with that message.
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
    public static final String CONNECT_TIMEOUT_MS = RegistryStartup.CONNECT_TIMEOUT_MS;
    /** Fail start-up when the registry is unreachable (default: wait for it in the background). */
    public static final String CHECK = RegistryStartup.CHECK;
    private static final Logger log = LoggerFactory.getLogger(ZooKeeperRegistryFactory.class);

    private static final int RETRY_BASE_SLEEP_MS = 100;
    private static final int RETRY_MAX_SLEEP_MS = 2000;
    private static final int RETRY_MAX_RETRIES = 3;

    @Override
    public String scheme() {
        return "zookeeper";
    }

    /**
     * Connects and waits for the first connection, unless nothing listens at the address and
     * {@value #CHECK} is false (then it returns at once and connects in the background).
     *
     * @throws io.weft.WeftConfigException when a configuration value is malformed (names key and value)
     * @throws RpcException with {@link Status#UNAVAILABLE} when no host of the address resolves, or with
     *     {@value #CHECK} when ZooKeeper cannot be reached within the connect timeout
     */
    @Override
    public Registry create(RegistryAddress address, WeftConfig config) {
        if (!scheme().equals(address.scheme())) {
            throw new IllegalArgumentException("not a zookeeper:// address: " + address);
        }
        Duration sessionTimeout = config.getMillis(SESSION_TIMEOUT_MS, 10_000, 1);
        String namespace = config.namespace();
        RegistryStartup startup = RegistryStartup.read(address, config);
        Duration connectTimeout = startup.connectTimeout();
        RegistryCredentials credentials = startup.credentials();
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
            // Without check, a registry where nothing listens is not waited for: start now, connect later.
            connected = !startup.startsInBackground(address)
                    && client.blockUntilConnected(saturatedInt(connectTimeout), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | RuntimeException e) {
            throw closed(client, e, "connecting to ZooKeeper at " + address, "cannot reach ZooKeeper at " + address);
        }
        if (!connected && startup.check()) {
            client.close();
            throw startup.unreachable("ZooKeeper", address, null);
        }
        if (!connected) {
            startup.warnWaiting(address, log);
        }
        if (credentials != null) {
            try {
                ZkNamespace.secure(client, namespace);
            } catch (Exception e) {
                throw closed(client, e, "preparing /" + namespace,
                        "cannot prepare /" + namespace + " at ZooKeeper " + address);
            }
        }
        return new ZooKeeperRegistry(client, address, namespace, connectTimeout);
    }

    /**
     * Closes {@code client} after {@code e} and returns the {@link Status#UNAVAILABLE} failure to throw:
     * "interrupted while {@code doing}" (keeping the thread's interrupt flag), or {@code failed} and the cause.
     */
    private static RpcException closed(CuratorFramework client, Exception e, String doing, String failed) {
        client.close();
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new RpcException(Status.UNAVAILABLE, "interrupted while " + doing, e);
        }
        return new RpcException(Status.UNAVAILABLE, failed + ": " + e, e);
    }

    private static int saturatedInt(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }
}
