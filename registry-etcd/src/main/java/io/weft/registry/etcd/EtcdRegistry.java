package io.weft.registry.etcd;

import static java.util.Objects.requireNonNull;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import io.weft.RegistryAddress;
import io.weft.RpcException;
import io.weft.ServiceInstance;
import io.weft.Status;
import io.weft.internal.registry.InstanceJson;
import io.weft.internal.registry.RegistryPaths;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import io.weft.spi.RuleValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Registry} on one jetcd client and one lease.
 *
 * <p>Threads: the lease is granted, watched over and renewed on one registry thread
 * ({@code weft-etcd-registry-N}); each registration's writes are chained one after another on
 * jetcd's threads, so they reach etcd in order; watches apply events and call their listeners on
 * another thread ({@code weft-etcd-watch-N}), one call at a time. Blocking calls wait at most the
 * connect timeout and then fail with {@code UNAVAILABLE}.
 */
final class EtcdRegistry implements Registry {
    private static final Logger log = LoggerFactory.getLogger(EtcdRegistry.class);
    private static final AtomicInteger IDS = new AtomicInteger();
    static final Comparator<ServiceInstance> BY_INSTANCE_ID = Comparator.comparing(ServiceInstance::instanceId);

    private final Client client;
    private final RegistryAddress address;
    private final String namespace;
    private final Duration timeout;
    private final ScheduledExecutorService registryThread;
    private final ScheduledExecutorService watchThread;
    private final EtcdLease lease;
    private final EtcdRules rules;
    private final EtcdAudit audit;
    private final Map<String, EtcdRegistration> registrations = new ConcurrentHashMap<>();
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    EtcdRegistry(Client client, RegistryAddress address, String namespace, Duration timeout, long ttlSeconds) {
        this.client = client;
        this.address = address;
        this.namespace = namespace;
        this.timeout = timeout;
        int id = IDS.incrementAndGet();
        this.registryThread = Executors.newSingleThreadScheduledExecutor(daemon("weft-etcd-registry-" + id));
        this.watchThread = Executors.newSingleThreadScheduledExecutor(daemon("weft-etcd-watch-" + id));
        this.lease = new EtcdLease(this, ttlSeconds);
        this.rules = new EtcdRules(this);
        this.audit = new EtcdAudit(this, namespace);
    }

    /** Grants the first lease; fails when etcd does not answer within the timeout. */
    void start() {
        lease.start();
    }

    @Override
    public Registration register(InstanceRole role, ServiceInstance instance) {
        requireNonNull(role, "role");
        requireNonNull(instance, "instance");
        checkOpen();
        String key = RegistryPaths.instance(namespace, instance.service(), role, instance.instanceId());
        EtcdRegistration registration = new EtcdRegistration(this, key, instance);
        if (registrations.putIfAbsent(key, registration) != null) {
            throw new IllegalStateException("already registered by this registry: " + key);
        }
        registration.write();
        if (!registration.awaitFirstWrite(timeout)) {
            registration.closeWithoutWaiting();
            throw new RpcException(Status.UNAVAILABLE, "cannot register " + key + " at etcd " + address
                    + " within " + timeout.toMillis() + " ms");
        }
        return registration;
    }

    @Override
    public List<ServiceInstance> list(String service, InstanceRole role) {
        requireNonNull(role, "role");
        checkOpen();
        String prefix = RegistryPaths.instances(namespace, service, role) + "/";
        List<KeyValue> kvs = await(kv().get(bytes(prefix), GetOption.builder().isPrefix(true).build()),
                "list " + prefix).getKvs();
        List<ServiceInstance> out = new ArrayList<>(kvs.size());
        for (KeyValue kv : kvs) {
            ServiceInstance instance = decodeInstance(prefix, kv);
            if (instance != null) {
                out.add(instance);
            }
        }
        return sorted(out);
    }

    @Override
    public Watch watch(String service, InstanceRole role, Consumer<List<ServiceInstance>> listener) {
        requireNonNull(role, "role");
        requireNonNull(listener, "listener");
        checkOpen();
        String prefix = RegistryPaths.instances(namespace, service, role) + "/";
        return started(new EtcdWatch<>(this, prefix, true, kv -> decodeInstance(prefix, kv),
                EtcdRegistry::sorted, listener));
    }

    @Override
    public Optional<RuleValue> getRule(String service, String kind) {
        checkOpen();
        return rules.get(RegistryPaths.rule(namespace, service, kind));
    }

    @Override
    public Watch watchRule(String service, String kind, Consumer<Optional<RuleValue>> listener) {
        requireNonNull(listener, "listener");
        checkOpen();
        String key = RegistryPaths.rule(namespace, service, kind);
        return started(new EtcdWatch<>(this, key, false, EtcdRules::value,
                values -> values.stream().findFirst(), listener));
    }

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
        String prefix = RegistryPaths.services(namespace) + "/";
        List<KeyValue> kvs = await(kv().get(bytes(prefix), GetOption.builder().isPrefix(true).withKeysOnly(true)
                .build()), "list " + prefix).getKvs();
        Set<String> names = new TreeSet<>();
        for (KeyValue kv : kvs) {
            String rest = string(kv.getKey()).substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                names.add(rest.substring(0, slash));
            }
        }
        return List.copyOf(names);
    }

    /** Revokes the lease (every registration's key goes at once), stops the watches, closes the client. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List.copyOf(watches).forEach(Watch::close);
        registrations.values().forEach(EtcdRegistration::abandon);
        registrations.clear();
        lease.revoke(timeout);
        shutDown();
        log.debug("closed etcd registry at {}", address);
    }

    /**
     * Stops everything without revoking the lease or deleting keys, as a crashing process would: the
     * keys stay until the lease expires. For tests of that case.
     */
    void closeAbruptly() {
        if (closed.compareAndSet(false, true)) {
            registrations.values().forEach(EtcdRegistration::abandon);
            lease.abandon();
            shutDown();
        }
    }

    private void shutDown() {
        registryThread.shutdownNow();
        watchThread.shutdownNow();
        client.close();
    }

    /** Puts every live registration again with the current lease; completes when all are written. */
    CompletableFuture<Void> rewriteAll() {
        return CompletableFuture.allOf(registrations.values().stream().map(EtcdRegistration::write)
                .toArray(CompletableFuture[]::new));
    }

    /** Makes every watch resume from {@code revision} (for tests: an old, compacted revision). */
    void rewindWatches(long revision) {
        watches.forEach(w -> ((EtcdWatch<?, ?>) w).rewind(revision));
    }

    private <W extends EtcdWatch<?, ?>> W started(W watch) {
        watches.add(watch);
        watch.start();
        return watch;
    }

    private static ServiceInstance decodeInstance(String prefix, KeyValue kv) {
        String key = string(kv.getKey());
        if (key.length() <= prefix.length() || key.indexOf('/', prefix.length()) >= 0) {
            return null; // not a direct child: not an instance key
        }
        try {
            return InstanceJson.decode(kv.getValue().getBytes());
        } catch (IllegalArgumentException e) {
            log.warn("skipping registry key {}: {}", key, e.getMessage());
            return null;
        }
    }

    private static List<ServiceInstance> sorted(Collection<ServiceInstance> instances) {
        List<ServiceInstance> out = new ArrayList<>(instances);
        out.sort(BY_INSTANCE_ID);
        return List.copyOf(out);
    }

    /**
     * Waits for an etcd answer up to the timeout.
     *
     * @throws RpcException {@code UNAVAILABLE} naming {@code what} on timeout or failure
     */
    <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new RpcException(Status.UNAVAILABLE, "cannot " + what + " at etcd " + address + " within "
                    + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw new RpcException(Status.UNAVAILABLE, "cannot " + what + " at etcd " + address + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcException(Status.CANCELLED, "interrupted: " + what, e);
        }
    }

    static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    static String string(ByteSequence b) {
        return b.toString(StandardCharsets.UTF_8);
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("registry is closed");
        }
    }

    void removed(EtcdRegistration registration) {
        registrations.remove(registration.key(), registration);
    }

    void removed(Watch watch) {
        watches.remove(watch);
    }

    Client client() {
        return client;
    }

    KV kv() {
        return client.getKVClient();
    }

    EtcdLease lease() {
        return lease;
    }

    RegistryAddress address() {
        return address;
    }

    Duration timeout() {
        return timeout;
    }

    boolean isClosed() {
        return closed.get();
    }

    ScheduledExecutorService registryThread() {
        return registryThread;
    }

    ScheduledExecutorService watchThread() {
        return watchThread;
    }

    /** Runs {@code task} on {@code executor}, or drops it when the registry has shut the executor down. */
    static Executor quietly(ScheduledExecutorService executor) {
        return task -> {
            try {
                executor.execute(task);
            } catch (RejectedExecutionException e) {
                // registry closed
            }
        };
    }

    /** Schedules {@code task}, or drops it when the registry has shut the executor down. */
    static void schedule(ScheduledExecutorService executor, Runnable task, long delayMs) {
        try {
            executor.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // registry closed
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
