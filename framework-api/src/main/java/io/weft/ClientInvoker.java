package io.weft;

import java.util.concurrent.CompletionStage;

/** The rest of the client chain after a filter: the next filter, or the cluster and transport. */
@FunctionalInterface
public interface ClientInvoker {
    /** Sends {@code call} on; the stage completes with the result or fails with an {@link RpcException}. */
    CompletionStage<Object> invoke(ClientCall call);
}
