package io.weft;

import java.util.concurrent.CompletionStage;

/**
 * Runs around each outgoing call on the consumer, before routing, the cluster strategy and the
 * transport. Filters added first run outermost.
 *
 * <p>What a filter may do with a call:
 * <ul>
 *   <li>add, change or remove entries of {@link ClientCall#metadata()} before calling {@code next};
 *   <li>pass on exactly the {@link ClientCall} it received (not a wrapper or copy: the chain's end
 *       fails such a call with {@code INTERNAL});
 *   <li>call {@code next} at most once, now or later from another thread, or instead complete the
 *       call itself (for example with a stage failed by an {@link RpcException} to refuse it);
 *   <li>transform the stage {@code next} returned (a different result or failure).
 * </ul>
 * It must not modify {@link ClientCall#arguments()}. The deadline, service and method are fixed.
 * A filter that returns {@code null} fails the call with an {@link IllegalStateException} naming
 * the filter's class; a second call of {@code next} for the same call sends nothing and throws
 * such an exception. A call that failed
 * before its request left the consumer fails with {@link UnprocessedRequestException}.
 *
 * <p>Threading: filters run on the caller's thread and must not block; the returned stage may
 * complete on any thread.
 */
@FunctionalInterface
public interface ClientFilter {
    /**
     * Handles {@code call}: usually adjusts it, then returns {@code next.invoke(call)}, possibly transformed.
     *
     * @param call the outgoing call; its metadata may be changed before {@code next} is called
     * @param next the rest of the chain; call it at most once, with {@code call}
     * @return the call's result (null for {@code void}), or a stage failed with an {@link RpcException};
     *     never null
     */
    CompletionStage<Object> filter(ClientCall call, ClientInvoker next);
}
