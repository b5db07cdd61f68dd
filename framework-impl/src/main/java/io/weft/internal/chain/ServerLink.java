package io.weft.internal.chain;

import io.weft.ServerCall;
import io.weft.ServerHandler;
import io.weft.ServerInterceptor;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/** One server interceptor in the chain: gives it a {@code next} that can be used once, and checks its result. */
final class ServerLink implements ServerHandler {
    private final ServerInterceptor filter;
    private final ServerHandler downstream;

    ServerLink(ServerInterceptor filter, ServerHandler downstream) {
        this.filter = filter;
        this.downstream = downstream;
    }

    @Override
    public CompletionStage<Object> handle(ServerCall call) {
        return ChainContract.requireResult(filter.intercept(call, new Next(this)), filter, call.service(),
                call.method().getName());
    }

    /** The {@code next} one filter gets for one call. */
    private static final class Next extends AtomicBoolean implements ServerHandler {
        private static final long serialVersionUID = 1L;
        private final transient ServerLink link;

        Next(ServerLink link) {
            this.link = link;
        }

        @Override
        public CompletionStage<Object> handle(ServerCall call) {
            ChainContract.claim(this, link.filter, call.service(), call.method().getName());
            return link.downstream.handle(call);
        }
    }
}
