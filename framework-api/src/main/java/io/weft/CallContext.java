package io.weft;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * What travels with a call besides its arguments: user metadata (attachments), the deadline, the
 * W3C trace ({@link #trace()}), and on the provider side the caller's address and application and
 * whether the caller cancelled the call ({@link #isCancelled()}). Immutable.
 *
 * <p>On the provider, the context of the call being served is {@link #current()} while the
 * implementation runs; calls it makes carry the same metadata and deadline on downstream, and
 * continue its trace. The context follows asynchronous work: the dependent stages of a future a Weft
 * stub returns run with the context of the code that made the call, and {@link #wrap(Executor)},
 * {@link #wrap(Runnable)} and {@link #wrap(Callable)} carry it into work handed to other threads.
 * On the consumer, attach a context around calls to send metadata:
 *
 * <pre>{@code
 * try (var scope = CallContext.current().withMetadata("tier", "beta").attach()) {
 *     greeter.greet("Ada");
 * }
 * }</pre>
 */
public final class CallContext {
    private static final CallContext EMPTY = new CallContext(Map.of(), null, null, null, null, null);
    private static final ThreadLocal<CallContext> CURRENT = new ThreadLocal<>();
    // Shared: attaching allocates no scope. set(null), not remove(): the thread keeps its map entry, so
    // the next attach on it (a business thread serves call after call) does not make a new one.
    private static final Scope NOTHING_TO_RESTORE = () -> CURRENT.set(null);

    private final Map<String, String> metadata;
    private final Deadline deadline;
    private final InetSocketAddress peer;
    private final String callerApplication;
    private final BooleanSupplier cancelled; // null: cannot be cancelled
    private final TraceContext trace; // null: none yet (a call made now starts a trace)

    private CallContext(Map<String, String> metadata, Deadline deadline, InetSocketAddress peer,
                        String callerApplication, BooleanSupplier cancelled, TraceContext trace) {
        this.trace = trace;
        this.metadata = metadata;
        this.deadline = deadline;
        this.peer = peer;
        this.callerApplication = callerApplication;
        this.cancelled = cancelled;
    }

    /**
     * The context attached to this thread, or an empty one.
     *
     * @return the current context; never null
     */
    public static CallContext current() {
        CallContext c = CURRENT.get();
        return c == null ? EMPTY : c;
    }

    /**
     * The context with nothing in it: no metadata, deadline, trace, peer or caller.
     *
     * @return the shared empty context; what {@link #current()} returns when none is attached
     */
    public static CallContext empty() {
        return EMPTY;
    }

    /**
     * A context for a call being served that cannot be cancelled (used by providers).
     *
     * @param metadata the request's user metadata; its {@code traceparent} and {@code tracestate}
     *     become {@link #trace()} (a new trace when they are missing or invalid)
     * @param deadline when the caller stops waiting, or null
     * @param peer the caller's address, or null
     * @param callerApplication the calling application (authenticated or claimed), or null
     * @return the context
     */
    public static CallContext forServerCall(Map<String, String> metadata, Deadline deadline, InetSocketAddress peer,
                                            String callerApplication) {
        return forServerCall(metadata, deadline, peer, callerApplication, null);
    }

    /**
     * A context for a call being served that the caller can cancel (used by providers).
     *
     * @param metadata the request's user metadata; its {@code traceparent} and {@code tracestate}
     *     become {@link #trace()} (a new trace when they are missing or invalid)
     * @param deadline when the caller stops waiting, or null
     * @param peer the caller's address, or null
     * @param callerApplication the calling application (authenticated or claimed), or null
     * @param cancelled true once the caller gave up on the call; read by {@link #isCancelled()},
     *     so it must be cheap and thread-safe; null for a call that cannot be cancelled
     * @return the context
     */
    public static CallContext forServerCall(Map<String, String> metadata, Deadline deadline, InetSocketAddress peer,
                                            String callerApplication, BooleanSupplier cancelled) {
        TraceContext trace = TraceContext.parse(metadata.get(TraceContext.TRACEPARENT),
                metadata.get(TraceContext.TRACESTATE));
        return new CallContext(withoutTraceKeys(metadata), deadline, peer, callerApplication, cancelled,
                trace != null ? trace : TraceContext.newTrace());
    }

    private static Map<String, String> withoutTraceKeys(Map<String, String> metadata) {
        int traceKeys = (metadata.containsKey(TraceContext.TRACEPARENT) ? 1 : 0)
                + (metadata.containsKey(TraceContext.TRACESTATE) ? 1 : 0);
        if (traceKeys == 0) {
            return Map.copyOf(metadata);
        }
        if (traceKeys == metadata.size()) {
            return Map.of(); // the common case: no user metadata besides the trace
        }
        Map<String, String> copy = new HashMap<>(metadata);
        copy.remove(TraceContext.TRACEPARENT);
        copy.remove(TraceContext.TRACESTATE);
        return Map.copyOf(copy);
    }

    /**
     * User metadata: keys not starting with {@code :}. The trace headers {@code traceparent} and
     * {@code tracestate} are not in it: they are {@link #trace()}.
     *
     * @return an immutable map; what calls made in this context send
     */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * The deadline calls made in this context must meet: each call ends at the earlier of it and the
     * call's own timeout. On the provider, the deadline of the call being served.
     *
     * @return the deadline, or empty (a consumer's calls then use their own timeouts only)
     */
    public Optional<Deadline> deadline() {
        return Optional.ofNullable(deadline);
    }

    /**
     * The trace calls made in this context continue: each call sends a {@code traceparent} of this
     * trace with a new span id, whose parent is this span. On the provider, the caller's trace (its
     * span the parent); when the caller sent none or an invalid one, a new trace. Empty on a consumer
     * until one is attached ({@link #withTrace}); its calls then each start a new trace.
     *
     * @return the trace, or empty
     */
    public Optional<TraceContext> trace() {
        return Optional.ofNullable(trace);
    }

    /**
     * The consumer's address, on the provider side.
     *
     * @return the caller's IP and port, or empty on a consumer
     */
    public Optional<InetSocketAddress> peer() {
        return Optional.ofNullable(peer);
    }

    /**
     * The calling application, on the provider side: the identity the provider authenticated (the
     * token's application, or the client certificate's identity under mTLS) when a security rule
     * authenticates callers, else the {@code :app} the caller claims.
     *
     * @return the application name, or empty on a consumer or when the caller named none
     */
    public Optional<String> callerApplication() {
        return Optional.ofNullable(callerApplication);
    }

    /**
     * On the provider: true once the caller gave up on the call being served (its future was
     * cancelled, or its deadline passed, and it sent {@code CANCEL}). The provider sends no
     * response for such a call and never interrupts the thread serving it; long-running work may
     * poll this to stop early. Copies keep the signal; a context not made for a served call is
     * never cancelled. Thread-safe.
     *
     * @return true once the caller cancelled the call being served
     */
    public boolean isCancelled() {
        return cancelled != null && cancelled.getAsBoolean();
    }

    /**
     * A copy with one more metadata entry; keys starting with {@code :} are reserved, and the trace
     * headers are set with {@link #withTrace}.
     *
     * @param key the key; not empty, not starting with {@code :}, not {@code traceparent} or {@code tracestate}
     * @param value the value; not null
     * @return the copy; this context is unchanged
     * @throws IllegalArgumentException when the key is reserved or empty, or the value is null
     */
    public CallContext withMetadata(String key, String value) {
        if (key == null || key.isEmpty() || key.charAt(0) == ':') {
            throw new IllegalArgumentException("metadata key must be non-empty and not start with ':' : " + key);
        }
        if (key.equals(TraceContext.TRACEPARENT) || key.equals(TraceContext.TRACESTATE)) {
            throw new IllegalArgumentException("metadata key '" + key + "' is the trace: use withTrace("
                    + "TraceContext.parse(traceparent, tracestate))");
        }
        if (value == null) {
            throw new IllegalArgumentException("metadata value for '" + key + "' must not be null");
        }
        Map<String, String> copy = new HashMap<>(metadata);
        copy.put(key, value);
        return new CallContext(Map.copyOf(copy), deadline, peer, callerApplication, cancelled, trace);
    }

    /**
     * A copy whose deadline is {@code deadline}; calls made in it end no later.
     *
     * @param deadline the deadline, or null for none
     * @return the copy; this context is unchanged
     */
    public CallContext withDeadline(Deadline deadline) {
        return new CallContext(metadata, deadline, peer, callerApplication, cancelled, trace);
    }

    /**
     * A copy whose calls continue {@code trace} (null: each call starts a new trace). A consumer that
     * received a {@code traceparent} of its own (e.g. in an HTTP request) continues it with
     * {@code withTrace(TraceContext.parse(traceparent, tracestate))}; a tracing interceptor puts its
     * server span here, so that downstream calls are its children.
     *
     * @param trace the trace to continue, or null
     * @return the copy
     */
    public CallContext withTrace(TraceContext trace) {
        return new CallContext(metadata, deadline, peer, callerApplication, cancelled, trace);
    }

    /**
     * Makes this context current on this thread until the returned scope is closed. Use it in
     * try-with-resources, on the same thread; scopes nest.
     *
     * @return the scope; closing it restores the context that was current before
     */
    public Scope attach() {
        CallContext previous = CURRENT.get();
        CURRENT.set(this);
        if (previous == null) {
            return NOTHING_TO_RESTORE;
        }
        return () -> CURRENT.set(previous);
    }

    /**
     * {@code task} bound to the context current now: wherever it runs, it runs with that context
     * attached, and the thread's own context is restored after it.
     *
     * @param task the task
     * @return the bound task
     */
    public static Runnable wrap(Runnable task) {
        CallContext context = current();
        return () -> context.run(task);
    }

    /**
     * {@code task} bound to the context current now (see {@link #wrap(Runnable)}).
     *
     * @param <V> the task's result type
     * @param task the task
     * @return the bound task
     */
    public static <V> Callable<V> wrap(Callable<V> task) {
        CallContext context = current();
        return () -> context.call(task);
    }

    /**
     * An executor that runs each task with the context that was current when the task was handed to
     * it ({@code execute}), like gRPC's {@code Context.currentContextExecutor} and OpenTelemetry's
     * {@code Context.taskWrapping}. Give it to {@code thenApplyAsync(fn, executor)} or submit work
     * to it from a service method, and the work keeps the call's metadata, deadline and trace.
     *
     * @param executor the executor that runs the tasks
     * @return the context-carrying executor
     */
    public static Executor wrap(Executor executor) {
        if (executor instanceof ContextExecutor) {
            return executor;
        }
        return new ContextExecutor(executor);
    }

    private record ContextExecutor(Executor delegate) implements Executor {
        @Override
        public void execute(Runnable task) {
            delegate.execute(wrap(task));
        }
    }

    /**
     * Runs {@code task} with this context current, then restores the thread's own.
     *
     * @param task the task, run on this thread
     */
    public void run(Runnable task) {
        try (Scope ignored = attach()) {
            task.run();
        }
    }

    /**
     * Calls {@code task} with this context current, then restores the thread's own.
     *
     * @param <V> the task's result type
     * @param task the task, called on this thread
     * @return what {@code task} returned
     * @throws Exception what {@code task} threw
     */
    public <V> V call(Callable<V> task) throws Exception {
        try (Scope ignored = attach()) {
            return task.call();
        }
    }

    /** Restores the previous context when closed. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
