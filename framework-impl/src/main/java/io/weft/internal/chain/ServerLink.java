package io.weft.internal.chain;

import io.weft.ServerCall;
import io.weft.ServerHandler;
import io.weft.ServerInterceptor;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The server interceptor at one position of the chain: gives it a {@code next} that works once per
 * call, and checks its result. For a {@link ChainCursor} call the {@code next} is shared and
 * nothing is allocated.
 */
final class ServerLink implements ServerHandler {
    private final ServerInterceptor filter;
    private final ServerHandler downstream;
    private final int position;
    private final ServerHandler cursorNext;

    ServerLink(ServerInterceptor filter, ServerHandler downstream, int position) {
        this.filter = filter;
        this.downstream = downstream;
        this.position = position;
        this.cursorNext = this::next;
    }

    @Override
    public CompletionStage<Object> handle(ServerCall call) {
        ServerHandler next = call instanceof ChainCursor ? cursorNext : new Once(this);
        return ChainContract.requireResult(filter.intercept(call, next), filter, call.service(),
                call.methodName());
    }

    private CompletionStage<Object> next(ServerCall call) {
        if (call instanceof ChainCursor cursor && !cursor.advanceChain(position)) {
            throw ChainContract.secondNext(filter, call.service(), call.methodName());
        }
        return downstream.handle(call);
    }

    /** The {@code next} one filter gets for one call that is not a cursor. */
    private static final class Once extends AtomicBoolean implements ServerHandler {
        private static final long serialVersionUID = 1L;
        private final transient ServerLink link;

        Once(ServerLink link) {
            this.link = link;
        }

        @Override
        public CompletionStage<Object> handle(ServerCall call) {
            if (!compareAndSet(false, true)) {
                throw ChainContract.secondNext(link.filter, call.service(), call.methodName());
            }
            return link.downstream.handle(call);
        }
    }
}
