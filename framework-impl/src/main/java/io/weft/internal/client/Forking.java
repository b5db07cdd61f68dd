package io.weft.internal.client;

import io.weft.internal.Failures;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Forking: sends the call to {@code forks} distinct instances at once and completes with the first
 * success, or with the last failure when all failed. Once one copy succeeded the others are
 * cancelled (CANCEL sent: their providers drop them if still queued, and send no answer). Every copy
 * may still run on its provider, so use it for idempotent reads where tail latency matters.
 * Thread-safe.
 */
final class Forking extends FanOut {
    Forking(String service, EndpointGroup group) {
        super(service, group);
    }

    @Override
    int fanOut(OutgoingCall call) {
        return call.policy().forks();
    }

    @Override
    CompletableFuture<Object> gather(OutgoingCall call, List<EndpointState> targets) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        AtomicInteger left = new AtomicInteger(targets.size());
        for (EndpointState target : targets) {
            group.send(target, call).whenComplete((r, e) -> {
                if (e == null) {
                    if (result.complete(r)) {
                        call.cancel(); // the slower copies: nobody waits for them any more
                    }
                } else if (left.decrementAndGet() == 0) {
                    result.completeExceptionally(Failures.unwrap(e));
                }
            });
        }
        return result;
    }
}
