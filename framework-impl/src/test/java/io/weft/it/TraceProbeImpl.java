package io.weft.it;

import io.weft.CallContext;
import io.weft.TraceContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** A {@link TraceProbe}; a relay when it has a downstream probe. */
public final class TraceProbeImpl implements TraceProbe {
    private final TraceProbe downstream;
    private final Executor executor;

    public TraceProbeImpl() {
        this(null, null);
    }

    public TraceProbeImpl(TraceProbe downstream, Executor executor) {
        this.downstream = downstream;
        this.executor = executor;
    }

    /** What the current context's trace is, as the probes answer it. */
    public static String describe(TraceContext t) {
        return t.traceId() + " " + t.spanIdHex() + " " + t.flags() + " " + t.traceState();
    }

    private static String here() {
        return CallContext.current().trace().map(TraceProbeImpl::describe).orElse("none");
    }

    @Override
    public String seen() {
        return here();
    }

    @Override
    public CompletableFuture<String> seenAsync() {
        String mine = here();
        // answers a little later, so that the caller's callbacks run when the answer arrives, not inline
        return CompletableFuture.supplyAsync(() -> mine,
                CompletableFuture.delayedExecutor(50, java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    @Override
    public String relay() {
        return here() + " | " + downstream.seen();
    }

    @Override
    public CompletableFuture<String> relayFromCallback() {
        String mine = here();
        return downstream.seenAsync().thenApply(first -> mine + " | " + first + " | " + downstream.seen());
    }

    @Override
    public CompletableFuture<String> relayFromExecutor() {
        String mine = here();
        return CompletableFuture.supplyAsync(() -> mine + " | " + downstream.seen(), CallContext.wrap(executor));
    }
}
