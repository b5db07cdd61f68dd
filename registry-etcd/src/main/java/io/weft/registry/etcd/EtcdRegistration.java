package io.weft.registry.etcd;

import io.etcd.jetcd.options.PutOption;
import io.weft.ServiceInstance;
import io.weft.registry.support.AbstractRegistration;
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
final class EtcdRegistration extends AbstractRegistration {
    private static final Logger log = LoggerFactory.getLogger(EtcdRegistration.class);
    private static final long RETRY_MS = 500;

    private final EtcdRegistry registry;
    private CompletableFuture<?> chain = CompletableFuture.completedFuture(null); // guarded by this

    EtcdRegistration(EtcdRegistry registry, String key, ServiceInstance instance) {
        super(key, instance);
        this.registry = registry;
    }

    /** Queues the first put; with no lease yet a no-op: the first lease puts every registration. */
    @Override
    protected void start() {
        write();
    }

    @Override
    protected void rewrite() {
        write();
    }

    /** Queues a put of the latest value with the current lease; completes when it is done or failed. */
    synchronized CompletableFuture<?> write() {
        chain = chain.handle((ok, error) -> null).thenCompose(ignored -> put());
        return chain;
    }

    private CompletableFuture<?> put() {
        long lease = registry.lease().id();
        if (isClosed() || registry.isClosed() || lease == 0) {
            return CompletableFuture.completedFuture(null); // closed, or the next lease puts it again
        }
        return registry.kv().put(EtcdRegistry.bytes(key()), io.etcd.jetcd.ByteSequence.from(value()),
                        PutOption.builder().withLeaseId(lease).build())
                .orTimeout(registry.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, error) -> {
                    if (error == null) {
                        firstWriteDone();
                    } else {
                        failed(lease, error);
                    }
                    return null;
                });
    }

    private void failed(long lease, Throwable error) {
        if (isClosed() || registry.isClosed()) {
            return;
        }
        String message = String.valueOf(error.getMessage());
        // Final: retrying cannot help. register() reports it (a consumer may go on without its key).
        if (EtcdRegistry.isPermissionDenied(error) && refuseFirstWrite(registry.denied("put " + key(), error))) {
            return;
        }
        if (message.contains("lease not found")) {
            registry.lease().lost(lease, "etcd refused a put with it");
            return; // the new lease puts this key again
        }
        log.info("cannot put {} at etcd {} ({}); retrying", key(), registry.address(), message);
        EtcdRegistry.schedule(registry.registryThread(), this::write, RETRY_MS);
    }

    /** Deletes the key, waiting up to the registry's timeout. Idempotent. */
    @Override
    public void close() {
        if (isClosed()) {
            return;
        }
        CompletableFuture<?> deletion = closeWithoutWaiting();
        try {
            deletion.get(registry.closeBound().toMillis(), TimeUnit.MILLISECONDS); // etcd may be down
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("could not delete {} yet; it goes when the lease ends", key());
        }
    }

    /** Like {@link #close}, but only queues the deletion (after any write in flight). */
    synchronized CompletableFuture<?> closeWithoutWaiting() {
        markClosed();
        registry.removed(this);
        if (registry.isClosed()) {
            return CompletableFuture.completedFuture(null);
        }
        chain = chain.handle((ok, error) -> null).thenCompose(ignored -> registry.kv().delete(EtcdRegistry.bytes(key()))
                .orTimeout(registry.timeout().toMillis(), TimeUnit.MILLISECONDS));
        return chain;
    }
}
