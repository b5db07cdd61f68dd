package io.weft;

import java.util.concurrent.CompletionStage;

/** The rest of the server chain after an interceptor: the next interceptor, or the service itself. */
@FunctionalInterface
public interface ServerHandler {
    CompletionStage<Object> handle(ServerCall call);
}
