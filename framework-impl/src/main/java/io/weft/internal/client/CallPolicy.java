package io.weft.internal.client;

import io.weft.ClusterStrategy;
import io.weft.Status;
import io.weft.UnprocessedRequestException;
import java.util.Set;

/**
 * How the cluster treats calls of one method, fixed when the stub is made.
 *
 * @param strategy the cluster strategy
 * @param idempotent the method (or its interface) is {@code @Idempotent}: failover may resend it
 * @param retries extra attempts after a failure with a status in {@code retryOn}
 * @param retryOn statuses worth another instance
 * @param notSentAttempts instances tried in all for a request that never left
 * @param forks instances a forking call goes to
 */
record CallPolicy(ClusterStrategy strategy, boolean idempotent, int retries, Set<Status> retryOn,
                  int notSentAttempts, int forks) {
    static final CallPolicy DEFAULT = new CallPolicy(ClusterStrategy.FAILOVER, false, 2, Set.of(Status.UNAVAILABLE),
            3, 2);

    CallPolicy {
        retryOn = Set.copyOf(retryOn);
    }

    /**
     * Whether attempt number {@code attempt} (1-based) that failed with {@code error} may be
     * followed by another; the retry budget and the deadline are checked by the caller.
     */
    boolean mayRetry(Throwable error, int attempt) {
        if (strategy == ClusterStrategy.FAILFAST) {
            return false;
        }
        if (error instanceof UnprocessedRequestException) {
            return attempt < Math.max(notSentAttempts, 1 + retries);
        }
        return strategy == ClusterStrategy.FAILOVER
                && idempotent
                && error instanceof io.weft.RpcException rpc
                && retryOn.contains(rpc.status())
                && attempt < 1 + retries;
    }
}
