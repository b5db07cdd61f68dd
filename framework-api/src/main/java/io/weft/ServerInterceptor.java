package io.weft;

import java.util.concurrent.CompletionStage;

/**
 * Runs around each incoming call on the provider, before the service implementation.
 * Interceptors added first run outermost.
 *
 * <p>What an interceptor may do with a call:
 * <ul>
 *   <li>read everything the {@link ServerCall} offers; its metadata is read-only and its
 *       arguments must not be modified;
 *   <li>pass on exactly the {@link ServerCall} it received (not a wrapper or copy: the chain's end
 *       fails such a call with {@code INTERNAL});
 *   <li>call {@code next} at most once, now or later, or instead refuse the call with a stage
 *       failed by an {@link RpcException} (its status and message reach the consumer);
 *   <li>transform the stage {@code next} returned (a different result or failure).
 * </ul>
 * An interceptor that returns {@code null} fails the call with an {@link IllegalStateException}
 * naming the interceptor's class (the consumer sees {@code UNKNOWN} with that message); a second
 * call of {@code next} for the same call does not run the service again and throws such an
 * exception.
 *
 * <p>Threading: interceptors run on the business executor, or on the event loop that read the
 * request when {@code weft.server.dispatch=direct}; they must not block there.
 */
@FunctionalInterface
public interface ServerInterceptor {
    /**
     * Handles {@code call}: usually checks it, then returns {@code next.handle(call)}, possibly transformed.
     *
     * @param call the incoming call
     * @param next the rest of the chain; call it at most once, with {@code call}
     * @return the service's result (null for {@code void}), or a stage failed with an
     *     {@link RpcException} whose status and message the consumer receives; never null
     */
    CompletionStage<Object> intercept(ServerCall call, ServerHandler next);
}
