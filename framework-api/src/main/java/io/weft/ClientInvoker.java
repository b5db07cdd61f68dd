package io.weft;

import java.util.concurrent.CompletionStage;

/** The rest of the client chain after a filter: the next filter, or the cluster and transport. */
@FunctionalInterface
public interface ClientInvoker {
    /**
     * Sends {@code call} on. Call it at most once per call.
     *
     * @param call the call the filter received, passed on as it is (not a wrapper or copy)
     * @return a stage that completes with the result (null for {@code void} and one-way methods) or
     *     fails with an {@link RpcException}
     */
    CompletionStage<Object> invoke(ClientCall call);
}
