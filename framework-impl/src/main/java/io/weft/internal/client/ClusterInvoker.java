package io.weft.internal.client;

import io.weft.ClientCall;
import io.weft.ClientInvoker;
import io.weft.RpcException;
import io.weft.ServiceInstance;
import io.weft.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The end of the client chain: picks a provider from the directory's snapshot (weighted random),
 * sends on its connection, and tries another instance when the request provably never left
 * ({@link NotSentException}), within the call's deadline. With no provider yet it waits for one,
 * bounded by the deadline.
 */
final class ClusterInvoker implements ClientInvoker {
    private final String service;
    private final Directory directory;
    private final ConnectionPool pool;
    private final int maxAttempts;

    ClusterInvoker(String service, Directory directory, ConnectionPool pool, int maxAttempts) {
        this.service = service;
        this.directory = directory;
        this.pool = pool;
        this.maxAttempts = maxAttempts;
    }

    @Override
    public CompletionStage<Object> invoke(ClientCall clientCall) {
        if (!(clientCall instanceof OutgoingCall call)) {
            return CompletableFuture.failedFuture(new RpcException(Status.INTERNAL,
                    "a client filter passed on a ClientCall it did not receive"));
        }
        return attempt(call, 1, null);
    }

    private CompletableFuture<Object> attempt(OutgoingCall call, int attempt, List<String> excluded) {
        List<ServiceInstance> instances = directory.instances();
        if (instances.isEmpty()) {
            return awaitProviders(call, attempt, excluded);
        }
        ServiceInstance target = pick(instances, excluded);
        if (target == null) {
            return CompletableFuture.failedFuture(new RpcException(Status.UNAVAILABLE, "none of the "
                    + instances.size() + " providers of " + service + " could be reached: tried " + excluded));
        }
        ClientConnection connection = pool.usable(target.host(), target.port());
        CompletableFuture<Object> sent = connection != null
                ? send(connection, call)
                : pool.acquire(target.host(), target.port()).thenCompose(c -> send(c, call));
        if (attempt >= maxAttempts) {
            return sent;
        }
        return sent.exceptionallyCompose(e -> {
            Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (t instanceof NotSentException && !call.deadline().isExpired()) {
                List<String> next = excluded == null ? new ArrayList<>(2) : excluded;
                next.add(target.address());
                return attempt(call, attempt + 1, next);
            }
            return CompletableFuture.failedFuture(t);
        });
    }

    private static CompletableFuture<Object> send(ClientConnection connection, OutgoingCall call) {
        return connection.send(call.method, call.arguments(), call.metadataToSend(), call.deadline(), call.oneWay());
    }

    private CompletableFuture<Object> awaitProviders(OutgoingCall call, int attempt, List<String> excluded) {
        long remaining = call.deadline().remaining(TimeUnit.MILLISECONDS);
        if (remaining <= 0) {
            return CompletableFuture.failedFuture(noProvider());
        }
        return directory.whenAvailable().copy()
                .orTimeout(remaining, TimeUnit.MILLISECONDS)
                .handle((ok, e) -> e)
                .thenCompose(e -> {
                    if (e != null) {
                        Throwable t = e instanceof CompletionException ? e.getCause() : e;
                        return CompletableFuture.failedFuture(t instanceof TimeoutException ? noProvider() : t);
                    }
                    return attempt(call, attempt, excluded);
                });
    }

    private RpcException noProvider() {
        return new RpcException(Status.UNAVAILABLE, "no provider of " + service + " is available");
    }

    /** Weighted random pick among instances not excluded; null if none is left. */
    static ServiceInstance pick(List<ServiceInstance> instances, List<String> excluded) {
        int size = instances.size();
        if (size == 1 && excluded == null) {
            return instances.get(0);
        }
        long total = 0;
        int candidates = 0;
        for (ServiceInstance i : instances) {
            if (excluded == null || !excluded.contains(i.address())) {
                total += i.weight();
                candidates++;
            }
        }
        if (candidates == 0) {
            return null;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (total == 0) {
            int n = random.nextInt(candidates);
            for (ServiceInstance i : instances) {
                if ((excluded == null || !excluded.contains(i.address())) && n-- == 0) {
                    return i;
                }
            }
        }
        long r = random.nextLong(total);
        for (ServiceInstance i : instances) {
            if (excluded == null || !excluded.contains(i.address())) {
                r -= i.weight();
                if (r < 0) {
                    return i;
                }
            }
        }
        return instances.get(size - 1);
    }
}
