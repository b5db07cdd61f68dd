package io.weft.internal.chain;

import io.weft.ClientCall;
import io.weft.ClientFilter;
import io.weft.ClientInvoker;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The client filter at one position of the chain: gives it a {@code next} that works once per
 * call, and checks its result. For a {@link ChainCursor} call the {@code next} is shared and
 * nothing is allocated.
 */
final class ClientLink implements ClientInvoker {
    private final ClientFilter filter;
    private final ClientInvoker downstream;
    private final int position;
    private final ClientInvoker cursorNext;

    ClientLink(ClientFilter filter, ClientInvoker downstream, int position) {
        this.filter = filter;
        this.downstream = downstream;
        this.position = position;
        this.cursorNext = this::next;
    }

    @Override
    public CompletionStage<Object> invoke(ClientCall call) {
        ClientInvoker next = call instanceof ChainCursor ? cursorNext : new Once(this);
        return ChainContract.requireResult(filter.filter(call, next), filter, call.service(),
                call.methodName());
    }

    private CompletionStage<Object> next(ClientCall call) {
        if (call instanceof ChainCursor cursor && !cursor.advanceChain(position)) {
            throw ChainContract.secondNext(filter, call.service(), call.methodName());
        }
        return downstream.invoke(call);
    }

    /** The {@code next} one filter gets for one call that is not a cursor. */
    private static final class Once extends AtomicBoolean implements ClientInvoker {
        private static final long serialVersionUID = 1L;
        private final transient ClientLink link;

        Once(ClientLink link) {
            this.link = link;
        }

        @Override
        public CompletionStage<Object> invoke(ClientCall call) {
            if (!compareAndSet(false, true)) {
                throw ChainContract.secondNext(link.filter, call.service(), call.methodName());
            }
            return link.downstream.invoke(call);
        }
    }
}
