package io.weft.registry.etcd;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.weft.RegistryAddress;
import io.weft.RpcException;
import io.weft.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Blocking calls to one etcd client: each waits at most the registry's timeout and fails with an
 * {@link RpcException} that names what failed — {@code UNAVAILABLE} on timeout or failure,
 * {@code PERMISSION_DENIED} when etcd's authentication or RBAC refused it, {@code CANCELLED} when
 * interrupted. Made before the registry, so that its rule store and audit log can use it.
 * Thread-safe.
 *
 * @param timeout how long each call waits
 */
record EtcdCalls(Client client, RegistryAddress address, Duration timeout) {
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
            if (EtcdRegistry.isPermissionDenied(e.getCause())) {
                throw denied(what, e.getCause());
            }
            throw new RpcException(Status.UNAVAILABLE, "cannot " + what + " at etcd " + address + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcException(Status.CANCELLED, "interrupted: " + what, e);
        }
    }

    /** {@code PERMISSION_DENIED} naming what etcd's RBAC refused this registry's user. */
    RpcException denied(String what, Throwable cause) {
        return new RpcException(Status.PERMISSION_DENIED, "etcd " + address + " refused to " + what + ": "
                + cause.getMessage() + " (the etcd user of weft.registry.username needs a role with that"
                + " permission; see docs/security.md)", cause);
    }

    KV kv() {
        return client.getKVClient();
    }
}
