package io.weft.internal.client;

import io.weft.RpcException;
import io.weft.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failover (and failfast, failsafe, which are failover with fewer retries): one instance at a
 * time; after a failure that {@link CallPolicy#mayRetry} allows, another instance not yet tried,
 * as long as the deadline has time left and the {@link RetryBudget} has room. Failsafe turns a
 * final failure into the method's default value. Thread-safe; runs on the caller's thread and on
 * the threads completing attempts, never blocking.
 */
final class Failover implements Strategy {
    private static final Logger log = LoggerFactory.getLogger(Failover.class);

    private final String service;
    private final EndpointGroup group;
    private final RetryBudget budget;

    Failover(String service, EndpointGroup group, RetryBudget budget) {
        this.service = service;
        this.group = group;
        this.budget = budget;
    }

    @Override
    public CompletableFuture<Object> invoke(OutgoingCall call) {
        CompletableFuture<Object> result = attempt(call, 1, null, null);
        if (call.policy().strategy() != io.weft.ClusterStrategy.FAILSAFE) {
            return result;
        }
        return result.exceptionally(e -> {
            log.warn("failsafe: {}.{} failed, returning {}: {}", service, call.method.name(),
                    call.method.defaultValue, Strategy.unwrap(e).toString());
            return call.method.defaultValue;
        });
    }

    /** @param last the failure of the previous attempt (its message tells why, e.g. a TLS refusal), or null */
    private CompletableFuture<Object> attempt(OutgoingCall call, int attempt, List<EndpointState> tried,
                                              Throwable last) {
        EndpointState target = group.pick(call, tried);
        if (target == null) {
            return CompletableFuture.failedFuture(new RpcException(Status.UNAVAILABLE, "no instance of " + service
                    + " is left to try" + (tried == null ? "" : "; tried " + addresses(tried))
                    + (last == null ? "" : "; last: " + last.getMessage()), last));
        }
        return group.send(target, call).exceptionallyCompose(e -> {
            Throwable t = Strategy.unwrap(e);
            if (!call.policy().mayRetry(t, attempt) || call.deadline().isExpired() || call.isCancelled()) {
                return CompletableFuture.failedFuture(t);
            }
            if (!budget.tryRetry()) {
                log.debug("retry budget of {} exhausted; not retrying {}", service, t.toString());
                return CompletableFuture.failedFuture(t);
            }
            List<EndpointState> next = tried == null ? new ArrayList<>(2) : tried;
            next.add(target);
            return attempt(call, attempt + 1, next, t);
        });
    }

    private static List<String> addresses(List<EndpointState> states) {
        return states.stream().map(s -> s.address).toList();
    }
}
