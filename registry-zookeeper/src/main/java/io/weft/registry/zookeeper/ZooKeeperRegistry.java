package io.weft.registry.zookeeper;

import io.weft.RegistryAddress;
import io.weft.RpcException;
import io.weft.ServiceInstance;
import io.weft.Status;
import io.weft.registry.support.AbstractRegistry;
import io.weft.registry.support.ForgedNodes;
import io.weft.registry.support.Registries;
import io.weft.registry.support.RegistryPaths;
import io.weft.spi.Registry;
import io.weft.spi.RuleValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Registry} on one Curator client (one ZooKeeper session at a time).
 *
 * <p>Threads: registrations are created, rewritten and restored on one registry thread
 * ({@code weft-zk-registry-N}); watch listeners are called on another ({@code weft-zk-watch-N}), so
 * a slow listener never delays a registration. After a reconnect (same or new session) every live
 * registration is re-asserted, which also restores the value last given to
 * {@link Registration#update}.
 */
final class ZooKeeperRegistry extends AbstractRegistry<ZkRegistration> {
    private static final Logger log = LoggerFactory.getLogger(ZooKeeperRegistry.class);
    private static final AtomicInteger IDS = new AtomicInteger();

    private final CuratorFramework client;
    private final ScheduledExecutorService registrationThread;
    private final ExecutorService listenerThread;
    private final ConnectionStateListener connectionListener = this::connectionStateChanged;
    /** Connected at least once: from then on an outage fails registrations as before (no waiting start). */
    private volatile boolean everConnected;

    ZooKeeperRegistry(CuratorFramework client, RegistryAddress address, String namespace, Duration connectTimeout) {
        this(client, address, namespace, connectTimeout, new ZkRules(client, address));
    }

    private ZooKeeperRegistry(CuratorFramework client, RegistryAddress address, String namespace,
                              Duration connectTimeout, ZkRules rules) {
        super("ZooKeeper", address, namespace, connectTimeout, rules, new ZkAudit(client, rules, namespace));
        this.client = client;
        int id = IDS.incrementAndGet();
        this.registrationThread = Executors.newSingleThreadScheduledExecutor(Registries.daemonThreads("weft-zk-registry-" + id));
        this.listenerThread = Executors.newSingleThreadExecutor(Registries.daemonThreads("weft-zk-watch-" + id));
        client.getConnectionStateListenable().addListener(connectionListener);
        everConnected = client.getZookeeperClient().isConnected();
    }

    @Override
    protected ZkRegistration newRegistration(String path, ServiceInstance instance) {
        return new ZkRegistration(this, path, instance);
    }

    @Override
    protected boolean startAndAwait(ZkRegistration registration, Duration timeout) {
        return registration.startAndAwait(timeout);
    }

    @Override
    protected boolean reachable() {
        return everConnected || client.getZookeeperClient().isConnected();
    }

    @Override
    protected boolean connectedNow() {
        return client.getZookeeperClient().isConnected();
    }

    @Override
    protected void startLater(ZkRegistration registration) {
        registration.start(); // re-asserted on every (re)connect
    }

    @Override
    protected void abandonUnfinished(ZkRegistration registration) {
        registration.closeWithoutWaiting();
    }

    @Override
    protected List<ServiceInstance> listInstances(String parent) {
        List<ServiceInstance> out = new ArrayList<>();
        try {
            List<String> children;
            try {
                children = client.getChildren().forPath(parent);
            } catch (KeeperException.NoNodeException e) {
                return List.of();
            }
            for (String child : children) {
                String path = parent + "/" + child;
                byte[] data;
                Stat stat = new Stat();
                try {
                    data = client.getData().storingStatIn(stat).forPath(path);
                } catch (KeeperException.NoNodeException e) {
                    continue; // went away between the two reads
                }
                if (stat.getEphemeralOwner() == 0) {
                    ForgedNodes.ignored(path);
                    continue;
                }
                ServiceInstance instance = Registries.decodeOrWarn(path, data);
                if (instance != null) {
                    out.add(instance);
                }
            }
        } catch (Exception e) {
            throw failure("list " + parent, e);
        }
        return Registries.snapshot(out);
    }

    @Override
    protected Watch watchInstances(String parent, Consumer<List<ServiceInstance>> listener) {
        ZkWatch watch = tracked(new ZkWatch(this, parent, listener));
        watch.start();
        return watch;
    }

    @Override
    protected Watch watchRuleKey(String path, Consumer<Optional<RuleValue>> listener) {
        ZkRuleWatch watch = tracked(new ZkRuleWatch(this, path, listener));
        watch.start();
        return watch;
    }

    @Override
    public List<String> services() {
        checkOpen();
        String parent = RegistryPaths.services(namespace());
        try {
            List<String> names = new ArrayList<>(client.getChildren().forPath(parent));
            names.sort(null);
            return List.copyOf(names);
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        } catch (Exception e) {
            throw failure("list " + parent, e);
        }
    }

    /** {@code CANCELLED} when interrupted, else {@code UNAVAILABLE}; the message names what failed. */
    private RpcException failure(String what, Exception e) {
        if (e instanceof KeeperException.NoAuthException) {
            return ZkRules.denied(what, "", address(), e);
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new RpcException(Status.CANCELLED, "interrupted: " + what, e);
        }
        return new RpcException(Status.UNAVAILABLE, "cannot " + what + " at ZooKeeper " + address() + ": " + e, e);
    }

    @Override
    public void close() {
        if (!markClosed()) {
            return;
        }
        client.getConnectionStateListenable().removeListener(connectionListener);
        closeWatches();
        // Closing the session deletes every ephemeral node of this registry at once, so registrations are
        // only marked closed here rather than deleted one by one.
        registrations().forEach(ZkRegistration::abandon);
        clearRegistrations();
        registrationThread.shutdownNow();
        listenerThread.shutdown();
        client.close();
        log.debug("closed ZooKeeper registry at {}", address());
    }

    private void connectionStateChanged(CuratorFramework ignored, ConnectionState state) {
        if (state == ConnectionState.CONNECTED) {
            log.debug("ZooKeeper {} connection: {}", address(), state);
        } else {
            log.info("ZooKeeper {} connection: {}", address(), state);
        }
        if (state == ConnectionState.SUSPENDED || state == ConnectionState.LOST || state == ConnectionState.RECONNECTED) {
            for (Watch w : watches()) {
                if (w instanceof ZkWatch instances) {
                    instances.resyncing(); // providers re-create their nodes: hold shrunken lists meanwhile
                }
            }
        }
        if (state == ConnectionState.RECONNECTED || state == ConnectionState.CONNECTED) {
            everConnected = true;
            registrations().forEach(ZkRegistration::reassert);
        }
    }

    void removed(ZkRegistration registration) {
        removed(registration.key(), registration);
    }

    CuratorFramework curator() {
        return client;
    }

    ScheduledExecutorService registrationThread() {
        return registrationThread;
    }

    ExecutorService listenerThread() {
        return listenerThread;
    }

    Duration connectTimeout() {
        return timeout();
    }


}
