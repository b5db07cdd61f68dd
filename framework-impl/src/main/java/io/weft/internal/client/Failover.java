package io.weft.internal.client;

import io.weft.RpcException;
import io.weft.Status;
import io.weft.UnprocessedRequestException;
import io.weft.internal.Failures;
import io.weft.spi.CallListener;
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
    private final CallListener listener; // null: nobody listens

    Failover(String service, EndpointGroup group, RetryBudget budget, CallListener listener) {
        this.service = service;
        this.group = group;
        this.budget = budget;
        this.listener = listener;
    }

    @Override
    public CompletableFuture<Object> invoke(OutgoingCall call) {
        CompletableFuture<Object> result = attempt(call, 1, null, null, false);
        if (call.policy().strategy() != io.weft.ClusterStrategy.FAILSAFE) {
            return result;
        }
        return result.exceptionally(e -> {
            log.warn("failsafe: {}.{} failed, returning {}: {}", service, call.method.name(),
                    call.method.defaultValue, Failures.unwrap(e).toString());
            return call.method.defaultValue;
        });
    }

    /**
     * @param last the failure of the previous attempt (its message tells why, e.g. a TLS refusal), or null
     * @param reached an earlier attempt may have reached a provider
     */
    private CompletableFuture<Object> attempt(OutgoingCall call, int attempt, List<EndpointState> tried,
                                              Throwable last, boolean reached) {
        EndpointState target = group.pick(call, tried);
        if (target == null) {
            String message = "no instance of " + service + " is left to try"
                    + (tried == null ? "" : "; tried " + addresses(tried))
                    + (last == null ? "" : "; last: " + last.getMessage());
            // UNAVAILABLE either way; the subtype says that no provider saw the call
            return CompletableFuture.failedFuture(reached ? new RpcException(Status.UNAVAILABLE, message, last)
                    : new UnprocessedRequestException(message, last));
        }
        return group.send(target, call).exceptionallyCompose(e -> {
            Throwable t = Failures.unwrap(e);
            if (!call.policy().mayRetry(t, attempt) || call.deadline().isExpired() || call.isCancelled()) {
                return CompletableFuture.failedFuture(t);
            }
            if (!budget.tryRetry()) {
                log.debug("retry budget of {} exhausted; not retrying {}", service, t.toString());
                if (listener != null) {
                    listener.retry(service, CallListener.RetryOutcome.BUDGET_EXHAUSTED);
                }
                return CompletableFuture.failedFuture(t);
            }
            if (listener != null) {
                listener.retry(service, CallListener.RetryOutcome.SENT);
            }
            List<EndpointState> next = tried == null ? new ArrayList<>(2) : tried;
            next.add(target);
            return attempt(call, attempt + 1, next, t, reached || !(t instanceof UnprocessedRequestException));
        });
    }

    private static List<String> addresses(List<EndpointState> states) {
        return states.stream().map(s -> s.address).toList();
    }
}
