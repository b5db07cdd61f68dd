package io.weft;

import java.util.concurrent.CompletionStage;

/**
 * Runs around each incoming call on the provider, on the business executor, before the service
 * implementation. Interceptors added first run outermost. Call {@code next} at most once, or
 * refuse the call with a stage failed by an {@link RpcException}.
 */
@FunctionalInterface
public interface ServerInterceptor {
    CompletionStage<Object> intercept(ServerCall call, ServerHandler next);
}
