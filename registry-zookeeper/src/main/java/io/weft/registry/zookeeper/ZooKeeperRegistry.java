package io.weft.registry.zookeeper;

import static java.util.Objects.requireNonNull;

import io.weft.RegistryAddress;
import io.weft.RpcException;
import io.weft.ServiceInstance;
import io.weft.Status;
import io.weft.internal.registry.InstanceJson;
import io.weft.internal.registry.RegistryPaths;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import io.weft.spi.RuleValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.KeeperException;
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
final class ZooKeeperRegistry implements Registry {
    private static final Logger log = LoggerFactory.getLogger(ZooKeeperRegistry.class);
    private static final AtomicInteger IDS = new AtomicInteger();

    /** Orders snapshots given to watch listeners. */
    static final Comparator<ServiceInstance> BY_INSTANCE_ID = Comparator.comparing(ServiceInstance::instanceId);

    private final CuratorFramework client;
    private final RegistryAddress address;
    private final String namespace;
    private final Duration connectTimeout;
    private final ScheduledExecutorService registrationThread;
    private final ExecutorService listenerThread;
    private final Map<String, ZkRegistration> registrations = new ConcurrentHashMap<>();
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final ZkRules rules;
    private final ZkAudit audit;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ConnectionStateListener connectionListener = this::connectionStateChanged;

    ZooKeeperRegistry(CuratorFramework client, RegistryAddress address, String namespace, Duration connectTimeout) {
        this.client = client;
        this.address = address;
        this.namespace = namespace;
        this.connectTimeout = connectTimeout;
        int id = IDS.incrementAndGet();
        this.registrationThread = Executors.newSingleThreadScheduledExecutor(daemon("weft-zk-registry-" + id));
        this.listenerThread = Executors.newSingleThreadExecutor(daemon("weft-zk-watch-" + id));
        this.rules = new ZkRules(client, address);
        this.audit = new ZkAudit(client, rules, namespace);
        client.getConnectionStateListenable().addListener(connectionListener);
    }

    @Override
    public Registration register(InstanceRole role, ServiceInstance instance) {
        requireNonNull(role, "role");
        requireNonNull(instance, "instance");
        checkOpen();
        String path = RegistryPaths.instance(namespace, instance.service(), role, instance.instanceId());
        ZkRegistration registration = new ZkRegistration(this, path, instance);
        if (registrations.putIfAbsent(path, registration) != null) {
            throw new IllegalStateException("already registered by this registry: " + path);
        }
        registration.start();
        if (!registration.awaitFirstCreate(connectTimeout)) {
            registration.closeWithoutWaiting();
            throw new RpcException(Status.UNAVAILABLE, "cannot register " + path + " at ZooKeeper " + address
                    + " within " + connectTimeout.toMillis() + " ms");
        }
        return registration;
    }

    @Override
    public List<ServiceInstance> list(String service, InstanceRole role) {
        requireNonNull(role, "role");
        checkOpen();
        String parent = RegistryPaths.instances(namespace, service, role);
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
                try {
                    data = client.getData().forPath(path);
                } catch (KeeperException.NoNodeException e) {
                    continue; // went away between the two reads
                }
                ServiceInstance instance = decodeOrWarn(path, data);
                if (instance != null) {
                    out.add(instance);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcException(Status.CANCELLED, "interrupted while listing " + parent, e);
        } catch (Exception e) {
            throw new RpcException(Status.UNAVAILABLE, "cannot list " + parent + " at ZooKeeper " + address + ": "
                    + e, e);
        }
        out.sort(BY_INSTANCE_ID);
        return List.copyOf(out);
    }

    @Override
    public Watch watch(String service, InstanceRole role, Consumer<List<ServiceInstance>> listener) {
        requireNonNull(role, "role");
        requireNonNull(listener, "listener");
        checkOpen();
        ZkWatch watch = new ZkWatch(this, RegistryPaths.instances(namespace, service, role), listener);
        watches.add(watch);
        watch.start();
        return watch;
    }

    /** {@inheritDoc} The revision is the node's data version plus one (see {@link RuleValue}). */
    @Override
    public Optional<RuleValue> getRule(String service, String kind) {
        checkOpen();
        return rules.get(RegistryPaths.rule(namespace, service, kind));
    }

    @Override
    public Watch watchRule(String service, String kind, Consumer<Optional<RuleValue>> listener) {
        requireNonNull(listener, "listener");
        checkOpen();
        ZkRuleWatch watch = new ZkRuleWatch(this, RegistryPaths.rule(namespace, service, kind), listener);
        watches.add(watch);
        watch.start();
        return watch;
    }

    /** {@inheritDoc} Checked against the node's data version ({@code expectedRevision - 1}). */
    @Override
    public long putRule(String service, String kind, String json, long expectedRevision) {
        checkOpen();
        return rules.put(RegistryPaths.rule(namespace, service, kind), json, expectedRevision);
    }

    @Override
    public boolean deleteRule(String service, String kind, long expectedRevision) {
        checkOpen();
        return rules.delete(RegistryPaths.rule(namespace, service, kind), expectedRevision);
    }

    @Override
    public void appendAudit(String json) {
        checkOpen();
        audit.append(json);
    }

    @Override
    public List<String> audit(int limit) {
        checkOpen();
        return audit.newest(limit);
    }

    @Override
    public List<String> services() {
        checkOpen();
        String parent = RegistryPaths.services(namespace);
        try {
            List<String> names = new ArrayList<>(client.getChildren().forPath(parent));
            names.sort(null);
            return List.copyOf(names);
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcException(Status.CANCELLED, "interrupted while listing " + parent, e);
        } catch (Exception e) {
            throw new RpcException(Status.UNAVAILABLE, "cannot list " + parent + " at ZooKeeper " + address + ": "
                    + e, e);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        client.getConnectionStateListenable().removeListener(connectionListener);
        List.copyOf(watches).forEach(Watch::close);
        // Closing the session deletes every ephemeral node of this registry at once, so registrations are
        // only marked closed here rather than deleted one by one.
        registrations.values().forEach(ZkRegistration::abandon);
        registrations.clear();
        registrationThread.shutdownNow();
        listenerThread.shutdown();
        client.close();
        log.debug("closed ZooKeeper registry at {}", address);
    }

    /** Decodes a node's value; a bad value is logged once per call with its path and skipped. */
    static ServiceInstance decodeOrWarn(String path, byte[] data) {
        try {
            return InstanceJson.decode(data);
        } catch (IllegalArgumentException e) {
            log.warn("skipping registry node {}: {}", path, e.getMessage());
            return null;
        }
    }

    private void connectionStateChanged(CuratorFramework ignored, ConnectionState state) {
        if (state == ConnectionState.CONNECTED) {
            log.debug("ZooKeeper {} connection: {}", address, state);
        } else {
            log.info("ZooKeeper {} connection: {}", address, state);
        }
        if (state == ConnectionState.RECONNECTED || state == ConnectionState.CONNECTED) {
            registrations.values().forEach(ZkRegistration::reassert);
        }
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("registry is closed");
        }
    }

    void removed(ZkRegistration registration) {
        registrations.remove(registration.path(), registration);
    }

    void removed(Watch watch) {
        watches.remove(watch);
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
        return connectTimeout;
    }

    boolean isClosed() {
        return closed.get();
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
