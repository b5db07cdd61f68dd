package io.weft.internal.chain;

import io.weft.ClientFilter;
import io.weft.ClientInvoker;
import io.weft.ServerHandler;
import io.weft.ServerInterceptor;
import java.util.List;

/**
 * Builds the filter chain of either side, with one contract for both (OkHttp's
 * {@code RealInterceptorChain}): a filter that returns {@code null}, or calls {@code next} a second
 * time for the same call, fails that call with an {@link IllegalStateException} naming the
 * filter's class. First listed runs outermost. With no filters the chain is the terminal itself;
 * for the framework's own calls ({@link ChainCursor}) the checks allocate nothing either.
 */
public final class FilterChains {
    private FilterChains() {}

    /** The client chain: {@code filters} around {@code terminal} (the cluster and transport). */
    public static ClientInvoker client(List<ClientFilter> filters, ClientInvoker terminal) {
        ClientInvoker next = terminal;
        for (int i = filters.size() - 1; i >= 0; i--) {
            next = new ClientLink(filters.get(i), next, i);
        }
        return next;
    }

    /** The server chain: {@code interceptors} around {@code terminal} (the service method). */
    public static ServerHandler server(List<ServerInterceptor> interceptors, ServerHandler terminal) {
        ServerHandler next = terminal;
        for (int i = interceptors.size() - 1; i >= 0; i--) {
            next = new ServerLink(interceptors.get(i), next, i);
        }
        return next;
    }
}
