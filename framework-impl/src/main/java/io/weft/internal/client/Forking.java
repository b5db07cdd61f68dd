package io.weft.internal.client;

import io.weft.RpcException;
import io.weft.Status;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Forking: sends the call to {@code forks} distinct instances at once and completes with the first
 * success, or with the last failure when all failed. The slower copies still run to completion on
 * their providers, so use it for idempotent reads where tail latency matters. Thread-safe.
 */
final class Forking implements Strategy {
    private final String service;
    private final EndpointGroup group;

    Forking(String service, EndpointGroup group) {
        this.service = service;
        this.group = group;
    }

    @Override
    public CompletableFuture<Object> invoke(OutgoingCall call) {
        List<EndpointState> targets = group.pickMany(call, call.policy().forks());
        if (targets.isEmpty()) {
            return CompletableFuture.failedFuture(new RpcException(Status.UNAVAILABLE,
                    "no instance of " + service + " is available"));
        }
        CompletableFuture<Object> result = new CompletableFuture<>();
        AtomicInteger left = new AtomicInteger(targets.size());
        for (EndpointState target : targets) {
            group.send(target, call).whenComplete((r, e) -> {
                if (e == null) {
                    result.complete(r);
                } else if (left.decrementAndGet() == 0) {
                    result.completeExceptionally(Strategy.unwrap(e));
                }
            });
        }
        return result;
    }
}
