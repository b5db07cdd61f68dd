package io.weft;

import java.util.concurrent.CompletionStage;

/** The rest of the server chain after an interceptor: the next interceptor, or the service itself. */
@FunctionalInterface
public interface ServerHandler {
    /**
     * Runs the rest of the chain for {@code call}.
     *
     * @param call the call the interceptor received, passed on as it is (not a wrapper or copy)
     * @return the result of the service (null for {@code void}), or a stage failed with an
     *     {@link RpcException} whose status and message the consumer receives
     */
    CompletionStage<Object> handle(ServerCall call);
}
