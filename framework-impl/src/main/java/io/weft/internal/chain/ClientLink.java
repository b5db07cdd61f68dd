package io.weft.internal.chain;

import io.weft.ClientCall;
import io.weft.ClientFilter;
import io.weft.ClientInvoker;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/** One client filter in the chain: gives it a {@code next} that can be used once, and checks its result. */
final class ClientLink implements ClientInvoker {
    private final ClientFilter filter;
    private final ClientInvoker downstream;

    ClientLink(ClientFilter filter, ClientInvoker downstream) {
        this.filter = filter;
        this.downstream = downstream;
    }

    @Override
    public CompletionStage<Object> invoke(ClientCall call) {
        return ChainContract.requireResult(filter.filter(call, new Next(this)), filter, call.service(),
                call.method().getName());
    }

    /** The {@code next} one filter gets for one call. */
    private static final class Next extends AtomicBoolean implements ClientInvoker {
        private static final long serialVersionUID = 1L;
        private final transient ClientLink link;

        Next(ClientLink link) {
            this.link = link;
        }

        @Override
        public CompletionStage<Object> invoke(ClientCall call) {
            ChainContract.claim(this, link.filter, call.service(), call.method().getName());
            return link.downstream.invoke(call);
        }
    }
}
