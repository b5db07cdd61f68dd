package io.weft.internal.client;

import io.weft.RpcException;
import io.weft.internal.Failures;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Broadcast: sends the call to every instance in rotation; completes with the last result when all
 * succeeded, or fails with the first failure (after every instance answered) naming how many
 * failed. Thread-safe.
 */
final class Broadcast extends FanOut {
    Broadcast(String service, EndpointGroup group) {
        super(service, group);
    }

    @Override
    int fanOut(OutgoingCall call) {
        return Integer.MAX_VALUE;
    }

    @Override
    CompletableFuture<Object> gather(OutgoingCall call, List<EndpointState> targets) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        AtomicInteger left = new AtomicInteger(targets.size());
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        AtomicReference<Object> last = new AtomicReference<>();
        for (EndpointState target : targets) {
            group.send(target, call).whenComplete((r, e) -> {
                if (e != null) {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, Failures.unwrap(e));
                } else {
                    last.set(r);
                }
                if (left.decrementAndGet() == 0) {
                    Throwable t = firstFailure.get();
                    if (t == null) {
                        result.complete(last.get());
                    } else if (t instanceof RpcException rpc) {
                        result.completeExceptionally(new RpcException(rpc.status(), "broadcast to " + targets.size()
                                + " instances of " + service + ": " + failed.get() + " failed, first: "
                                + rpc.description(), rpc.remoteExceptionClass().orElse(null), rpc));
                    } else {
                        result.completeExceptionally(t);
                    }
                }
            });
        }
        return result;
    }
}
