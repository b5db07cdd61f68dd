package io.weft.registry.etcd;

import static java.util.Objects.requireNonNull;

import io.etcd.jetcd.options.PutOption;
import io.weft.ServiceInstance;
import io.weft.registry.support.InstanceJson;
import io.weft.registry.support.Registries;
import io.weft.spi.Registry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance key bound to its registry's lease. Writes (put with the current lease, delete) are
 * chained one after the other, so they reach etcd in the order they were asked for, and each put
 * sends the latest value. A failed put is retried after a pause; after a lease loss the lease puts
 * every registration again. Thread-safe.
 */
final class EtcdRegistration implements Registry.Registration {
    private static final Logger log = LoggerFactory.getLogger(EtcdRegistration.class);
    private static final long RETRY_MS = 500;

    private final EtcdRegistry registry;
    private final String key;
    private final CompletableFuture<Void> firstWrite = new CompletableFuture<>();

    private volatile ServiceInstance instance;
    private volatile byte[] value;
    private volatile boolean closed;
    private CompletableFuture<?> chain = CompletableFuture.completedFuture(null); // guarded by this

    EtcdRegistration(EtcdRegistry registry, String key, ServiceInstance instance) {
        this.registry = registry;
        this.key = key;
        this.instance = instance;
        this.value = InstanceJson.encode(instance);
    }

    String key() {
        return key;
    }

    @Override
    public ServiceInstance instance() {
        return instance;
    }

    /** @throws io.weft.RpcException {@code PERMISSION_DENIED} when etcd's RBAC refused the key */
    boolean awaitFirstWrite(Duration timeout) {
        try {
            firstWrite.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof io.weft.RpcException refused) {
                throw refused;
            }
            return false;
        } catch (TimeoutException e) {
            return false;
        }
    }

    /**
     * Rewrites the key's value asynchronously; the latest value is also what is put again after a
     * lease loss.
     *
     * @throws IllegalArgumentException when {@code instance} would live at another key
     * @throws IllegalStateException when the registration is closed
     */
    @Override
    public void update(ServiceInstance instance) {
        requireNonNull(instance, "instance");
        Registries.checkUpdate(this.instance, instance, closed, key);
        this.value = InstanceJson.encode(instance);
        this.instance = instance;
        write();
    }

    /** Queues a put of the latest value with the current lease; completes when it is done or failed. */
    synchronized CompletableFuture<?> write() {
        chain = chain.handle((ok, error) -> null).thenCompose(ignored -> put());
        return chain;
    }

    private CompletableFuture<?> put() {
        long lease = registry.lease().id();
        if (closed || registry.isClosed() || lease == 0) {
            return CompletableFuture.completedFuture(null); // closed, or the next lease puts it again
        }
        return registry.kv().put(EtcdRegistry.bytes(key), io.etcd.jetcd.ByteSequence.from(value),
                        PutOption.builder().withLeaseId(lease).build())
                .orTimeout(registry.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, error) -> {
                    if (error == null) {
                        firstWrite.complete(null);
                    } else {
                        failed(lease, error);
                    }
                    return null;
                });
    }

    private void failed(long lease, Throwable error) {
        if (closed || registry.isClosed()) {
            return;
        }
        String message = String.valueOf(error.getMessage());
        if (EtcdRegistry.isPermissionDenied(error) && !firstWrite.isDone()) {
            // Final: retrying cannot help. register() reports it (a consumer may go on without its key).
            firstWrite.completeExceptionally(registry.denied("put " + key, error));
            return;
        }
        if (message.contains("lease not found")) {
            registry.lease().lost(lease, "etcd refused a put with it");
            return; // the new lease puts this key again
        }
        log.info("cannot put {} at etcd {} ({}); retrying", key, registry.address(), message);
        EtcdRegistry.schedule(registry.registryThread(), this::write, RETRY_MS);
    }

    /** Deletes the key, waiting up to the registry's timeout. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        CompletableFuture<?> deletion = closeWithoutWaiting();
        try {
            deletion.get(registry.closeBound().toMillis(), TimeUnit.MILLISECONDS); // etcd may be down
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("could not delete {} yet; it goes when the lease ends", key);
        }
    }

    /** Like {@link #close}, but only queues the deletion (after any write in flight). */
    synchronized CompletableFuture<?> closeWithoutWaiting() {
        closed = true;
        registry.removed(this);
        if (registry.isClosed()) {
            return CompletableFuture.completedFuture(null);
        }
        chain = chain.handle((ok, error) -> null).thenCompose(ignored -> registry.kv().delete(EtcdRegistry.bytes(key))
                .orTimeout(registry.timeout().toMillis(), TimeUnit.MILLISECONDS));
        return chain;
    }

    /** The registry is revoking its lease, which deletes the key; nothing more to do. */
    void abandon() {
        closed = true;
    }

    @Override
    public String toString() {
        return "EtcdRegistration[" + key + "]";
    }
}
