package io.weft.opentelemetry;

import io.weft.CallContext;
import io.weft.RpcException;
import io.weft.Status;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.MDC;

/** The implementations of {@link Front} and {@link Back}. */
final class Hops {
    private Hops() {}

    static String here() {
        return CallContext.current().trace().map(t -> t.traceId() + " " + t.spanIdHex()).orElse("none");
    }

    static final class BackImpl implements Back {
        @Override
        public String where() {
            return here();
        }

        @Override
        public CompletableFuture<String> whereAsync() {
            String mine = here();
            // answers a little later, so that the caller's callbacks run when the answer arrives, not inline
            return CompletableFuture.supplyAsync(() -> mine,
                    CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));
        }

        @Override
        public String fail() {
            throw new RpcException(Status.INVALID_ARGUMENT, "no such thing");
        }
    }

    static final class FrontImpl implements Front {
        private final Back back;

        FrontImpl(Back back) {
            this.back = back;
        }

        @Override
        public String relay() {
            return MDC.get(WeftTracing.MDC_TRACE_ID) + " " + MDC.get(WeftTracing.MDC_SPAN_ID) + " | " + back.where();
        }

        @Override
        public CompletableFuture<String> relayFromCallback() {
            return back.whereAsync().thenApply(first -> first + " | " + back.where());
        }
    }
}
