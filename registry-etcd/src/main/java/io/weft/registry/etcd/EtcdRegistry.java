package io.weft.registry.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.options.GetOption;
import io.weft.RegistryAddress;
import io.weft.RpcException;
import io.weft.ServiceInstance;
import io.weft.registry.support.AbstractRegistry;
import io.weft.registry.support.ForgedNodes;
import io.weft.registry.support.Registries;
import io.weft.registry.support.RegistryPaths;
import io.weft.registry.support.SnapshotPublisher;
import io.weft.spi.Registry;
import io.weft.spi.RuleValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
final class EtcdRegistry extends AbstractRegistry<EtcdRegistration> {
    private static final Logger log = LoggerFactory.getLogger(EtcdRegistry.class);
    private static final AtomicInteger IDS = new AtomicInteger();
    /** The longest closing waits for each etcd call — deleting a key, revoking the lease (etcd may be down). */
    static final Duration CLOSE_BOUND = Duration.ofSeconds(1);

    private final EtcdCalls calls;
    private final Client client;
    private final ScheduledExecutorService registryThread;
    private final ScheduledExecutorService watchThread;
    private final EtcdLease lease;

    EtcdRegistry(Client client, RegistryAddress address, String namespace, Duration timeout, long ttlSeconds) {
        this(new EtcdCalls(client, address, timeout), namespace, ttlSeconds);
    }

    private EtcdRegistry(EtcdCalls calls, String namespace, long ttlSeconds) {
        super("etcd", calls.address(), namespace, calls.timeout(), new EtcdRules(calls),
                new EtcdAudit(calls, namespace));
        this.calls = calls;
        this.client = calls.client();
        int id = IDS.incrementAndGet();
        this.registryThread = Executors.newSingleThreadScheduledExecutor(Registries.daemonThreads("weft-etcd-registry-" + id));
        this.watchThread = Executors.newSingleThreadScheduledExecutor(Registries.daemonThreads("weft-etcd-watch-" + id));
        this.lease = new EtcdLease(this, ttlSeconds);
    }

    /** Grants the first lease; fails when etcd does not answer within the timeout. */
    void start() {
        lease.start();
    }

    /** Grants the first lease in the background (etcd is not reachable yet); see {@link #reachable}. */
    void startInBackground() {
        lease.startInBackground();
    }

    /**
     * True once a lease was granted. Before that (a process started before its etcd), registrations
     * are put when the first lease comes and callers hear that the registry is not reachable yet;
     * after it, an outage fails registrations as before.
     */
    @Override
    protected boolean reachable() {
        return lease.everGranted();
    }

    @Override
    protected void startLater(EtcdRegistration registration) {
        registration.start(); // no lease yet: a no-op; the first lease puts every registration
    }

    @Override
    protected EtcdRegistration newRegistration(String key, ServiceInstance instance) {
        return new EtcdRegistration(this, key, instance);
    }

    @Override
    protected boolean startAndAwait(EtcdRegistration registration, Duration timeout) {
        return registration.startAndAwait(timeout);
    }

    @Override
    protected void abandonUnfinished(EtcdRegistration registration) {
        registration.closeWithoutWaiting();
    }

    @Override
    protected List<ServiceInstance> listInstances(String parent) {
        String prefix = parent + "/";
        List<KeyValue> kvs = await(kv().get(bytes(prefix), GetOption.builder().isPrefix(true).build()),
                "list " + prefix).getKvs();
        List<ServiceInstance> out = new ArrayList<>(kvs.size());
        for (KeyValue kv : kvs) {
            ServiceInstance instance = decodeInstance(prefix, kv);
            if (instance != null) {
                out.add(instance);
            }
        }
        return Registries.snapshot(out);
    }

    @Override
    protected Watch watchInstances(String parent, Consumer<List<ServiceInstance>> listener) {
        String prefix = parent + "/";
        return started(new EtcdWatch<>(this, prefix, true, kv -> decodeInstance(prefix, kv),
                Registries::snapshot, listener, SnapshotPublisher::dropsAnAddress));
    }

    @Override
    protected Watch watchRuleKey(String key, Consumer<Optional<RuleValue>> listener) {
        return started(new EtcdWatch<>(this, key, false, EtcdRules::value, values -> values.stream().findFirst(),
                listener));
    }

    @Override
    public List<String> services() {
        checkOpen();
        String prefix = RegistryPaths.services(namespace()) + "/";
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
        if (!markClosed()) {
            return;
        }
        closeWatches();
        registrations().forEach(EtcdRegistration::abandon);
        clearRegistrations();
        // bounded: with etcd down a revoke would wait its full timeout; the lease expires anyway
        lease.revoke(closeBound());
        shutDown();
        log.debug("closed etcd registry at {}", address());
    }

    /**
     * Stops everything without revoking the lease or deleting keys, as a crashing process would: the
     * keys stay until the lease expires. For tests of that case.
     */
    void closeAbruptly() {
        if (markClosed()) {
            registrations().forEach(EtcdRegistration::abandon);
            lease.abandon();
            shutDown();
        }
    }

    /** How long closing waits for one etcd call: the timeout, at most {@link #CLOSE_BOUND}. */
    Duration closeBound() {
        return timeout().compareTo(CLOSE_BOUND) < 0 ? timeout() : CLOSE_BOUND;
    }

    private void shutDown() {
        registryThread.shutdownNow();
        watchThread.shutdownNow();
        client.close();
    }

    /** Puts every live registration again with the current lease; completes when all are written. */
    CompletableFuture<Void> rewriteAll() {
        return CompletableFuture.allOf(registrations().stream().map(EtcdRegistration::write)
                .toArray(CompletableFuture[]::new));
    }

    int registrationCount() {
        return registrations().size();
    }

    /** Makes every watch resume from {@code revision} (for tests: an old, compacted revision). */
    void rewindWatches(long revision) {
        watches().forEach(w -> ((EtcdWatch<?, ?>) w).rewind(revision));
    }

    private <W extends EtcdWatch<?, ?>> W started(W watch) {
        tracked(watch).start();
        return watch;
    }

    private static ServiceInstance decodeInstance(String prefix, KeyValue kv) {
        String key = string(kv.getKey());
        if (key.length() <= prefix.length() || key.indexOf('/', prefix.length()) >= 0) {
            return null; // not a direct child: not an instance key
        }
        if (kv.getLease() == 0) {
            ForgedNodes.ignored(key); // Weft's instance keys are leased: this one was written by hand or forged
            return null;
        }
        return Registries.decodeOrWarn(key, kv.getValue().getBytes());
    }

    /** See {@link EtcdCalls#await}. */
    <T> T await(CompletableFuture<T> future, String what) {
        return calls.await(future, what);
    }

    /** See {@link EtcdCalls#denied}. */
    RpcException denied(String what, Throwable cause) {
        return calls.denied(what, cause);
    }

    /** Whether {@code error} (or a cause) is etcd refusing the request by authentication or RBAC. */
    static boolean isPermissionDenied(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof EtcdException e && (e.getErrorCode() == ErrorCode.PERMISSION_DENIED
                    || e.getErrorCode() == ErrorCode.UNAUTHENTICATED)) {
                return true;
            }
            String message = String.valueOf(t.getMessage());
            if (message.contains("permission denied") || message.contains("user name is empty")
                    || message.contains("authentication failed") || message.contains("invalid auth token")) {
                return true;
            }
        }
        return false;
    }

    static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    static String string(ByteSequence b) {
        return b.toString(StandardCharsets.UTF_8);
    }

    void removed(EtcdRegistration registration) {
        removed(registration.key(), registration);
    }

    Client client() {
        return client;
    }

    KV kv() {
        return calls.kv();
    }

    EtcdLease lease() {
        return lease;
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

}
