package io.weft.internal.client;

import io.weft.ClientCall;
import io.weft.ClientInvoker;
import io.weft.ClusterStrategy;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.UnprocessedRequestException;
import io.weft.internal.Failures;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The end of the client chain: hands each call to its method's cluster strategy, which picks
 * instances from the {@link EndpointGroup}'s snapshot and sends. With no provider yet it waits for
 * one, bounded by the call's deadline. Counts every call for the {@link RetryBudget}.
 */
final class ClusterInvoker implements ClientInvoker {
    private final String service;
    private final Directory directory;
    private final RetryBudget budget;
    private final Router router;
    private final Map<ClusterStrategy, Strategy> strategies = new EnumMap<>(ClusterStrategy.class);

    ClusterInvoker(String service, Directory directory, EndpointGroup group, RetryBudget budget, Router router) {
        this(service, directory, group, budget, router, null);
    }

    /** @param listener told of retries sent and refused by the budget; null: nobody listens */
    ClusterInvoker(String service, Directory directory, EndpointGroup group, RetryBudget budget, Router router,
                   io.weft.spi.CallListener listener) {
        this.service = service;
        this.router = router;
        this.directory = directory;
        this.budget = budget;
        Failover failover = new Failover(service, group, budget, listener);
        strategies.put(ClusterStrategy.FAILOVER, failover);
        strategies.put(ClusterStrategy.FAILFAST, failover);
        strategies.put(ClusterStrategy.FAILSAFE, failover);
        strategies.put(ClusterStrategy.FORKING, new Forking(service, group));
        strategies.put(ClusterStrategy.BROADCAST, new Broadcast(service, group));
    }

    @Override
    public CompletionStage<Object> invoke(ClientCall clientCall) {
        if (!(clientCall instanceof OutgoingCall call)) {
            return CompletableFuture.failedFuture(new RpcException(Status.INTERNAL,
                    "a client filter passed on a ClientCall it did not receive"));
        }
        budget.onCall();
        return dispatch(call);
    }

    private CompletableFuture<Object> dispatch(OutgoingCall call) {
        if (call.isCancelled()) {
            return CompletableFuture.failedFuture(call.cancelledError());
        }
        if (directory.instances().isEmpty()) {
            return awaitProviders(call);
        }
        try {
            call.route(router.route(call, directory.instances()));
        } catch (RpcException e) {
            return CompletableFuture.failedFuture(e);
        }
        return strategies.get(call.policy().strategy()).invoke(call);
    }

    private CompletableFuture<Object> awaitProviders(OutgoingCall call) {
        String unavailable = directory.unavailableReason();
        if (unavailable != null) {
            return CompletableFuture.failedFuture(new RpcException(Status.UNAVAILABLE, unavailable));
        }
        long remaining = call.deadline().remaining(TimeUnit.MILLISECONDS);
        if (remaining <= 0) {
            return CompletableFuture.failedFuture(noProvider());
        }
        return directory.whenAvailable().copy()
                .orTimeout(remaining, TimeUnit.MILLISECONDS)
                .handle((ok, e) -> e)
                .thenCompose(e -> {
                    if (e != null) {
                        Throwable t = Failures.unwrap(e);
                        return CompletableFuture.failedFuture(t instanceof TimeoutException ? noProvider() : t);
                    }
                    return dispatch(call);
                });
    }

    private RpcException noProvider() {
        return new UnprocessedRequestException("no provider of " + service + " is available");
    }
}
