package io.weft.internal.client;

import io.weft.ClientCall;
import io.weft.Deadline;
import io.weft.RpcException;
import io.weft.ServiceInstance;
import io.weft.Status;
import io.weft.TraceContext;
import io.weft.internal.chain.ChainCursor;
import io.weft.internal.serialization.EncodedJsonArguments;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One call leaving a stub: what client filters see as a {@link ClientCall}. Also the call's
 * cancellation: the requests it has on the wire register here ({@link #track}), and
 * {@link #cancel} gives them all up.
 */
final class OutgoingCall implements ClientCall, ChainCursor {
    private static final AtomicIntegerFieldUpdater<OutgoingCall> CHAIN =
            AtomicIntegerFieldUpdater.newUpdater(OutgoingCall.class, "chainPosition");

    /** A request of this call on the wire, which can be given up. */
    interface Attempt {
        /** Gives the request up: fails it with {@code CANCELLED} and sends CANCEL, unless it is over. */
        void abandon();
    }


    final ClientMethod method;
    private Object[] arguments; // null until a generic call's encoded arguments are first asked for
    /** A generic call's arguments as the caller's JSON, sent as they are in JSON; else null. */
    final EncodedJsonArguments encodedArguments;
    private Deadline deadline;
    private UserMetadata metadata; // created on first use; refuses reserved ':' keys
    // The traceparent this call sends: written into the frame from these numbers while no metadata map
    // exists (no string, no map per call); once one exists, the map holds the header and inlineSpanId is 0.
    final long traceIdHigh;
    final long traceIdLow;
    final int traceFlags;
    private final long spanId;
    long inlineSpanId;
    private volatile ServiceInstance provider; // the instance last sent to
    private RouteDecision route = RouteDecision.NONE; // set once by ClusterInvoker before the strategy runs
    private volatile int chainPosition;
    private volatile boolean cancelled;
    /** {@code host:port} of the instance the latest attempt went to (null before the first); for listeners. */
    volatile String peer;
    private Object attempts; // null, one Attempt or a List<Attempt>; guarded by this

    /**
     * @param trace the trace this call continues (its {@code traceparent} is a new span of it), or
     *     null to start a new trace
     */
    OutgoingCall(ClientMethod method, Object[] arguments, Map<String, String> contextMetadata, TraceContext trace,
                 Deadline deadline) {
        this(method, arguments, null, contextMetadata, trace, deadline);
    }

    /** A generic call whose arguments stay encoded until something asks for them. */
    OutgoingCall(ClientMethod method, EncodedJsonArguments arguments, Map<String, String> contextMetadata,
                 TraceContext trace, Deadline deadline) {
        this(method, null, arguments, contextMetadata, trace, deadline);
    }

    private OutgoingCall(ClientMethod method, Object[] arguments, EncodedJsonArguments encodedArguments,
                         Map<String, String> contextMetadata, TraceContext trace, Deadline deadline) {
        this.method = method;
        this.arguments = arguments;
        this.encodedArguments = encodedArguments;
        this.deadline = deadline;
        this.traceIdHigh = trace == null ? TraceContext.randomId() : trace.traceIdHigh();
        this.traceIdLow = trace == null ? TraceContext.randomId() : trace.traceIdLow();
        this.traceFlags = trace == null ? TraceContext.SAMPLED : trace.flags();
        this.spanId = TraceContext.randomId();
        String state = trace == null ? null : trace.traceState();
        if (contextMetadata.isEmpty() && state == null) {
            this.inlineSpanId = spanId; // the common case: no map, no string
        } else {
            this.metadata = new UserMetadata(contextMetadata);
            metadata.put(TraceContext.TRACEPARENT, header());
            if (state != null) {
                metadata.put(TraceContext.TRACESTATE, state);
            }
        }
    }

    @Override
    public String service() {
        return method.service;
    }

    @Override
    public Method method() {
        return method.method;
    }

    @Override
    public String methodName() {
        return method.name;
    }

    @Override
    public Object[] arguments() {
        Object[] args = arguments;
        if (args == null) {
            args = encodedArguments.decode(); // checked already; a race only decodes twice
            arguments = args;
        }
        return args;
    }

    /** What to serialize as the request body in {@code json}: the encoded arguments as they are when possible. */
    Object body(boolean json) {
        return json && encodedArguments != null ? encodedArguments : arguments();
    }

    @Override
    public Map<String, String> metadata() {
        if (metadata == null) {
            metadata = new UserMetadata();
            metadata.put(TraceContext.TRACEPARENT, header());
            inlineSpanId = 0;
        }
        return metadata;
    }

    /** Metadata to send, without creating a map when there is none (the {@code traceparent} is then inline). */
    Map<String, String> metadataToSend() {
        return metadata == null ? Map.of() : metadata;
    }

    /** The metadata as sent, {@code traceparent} included (formatted when inline): for call listeners. */
    Map<String, String> metadataSent() {
        return metadata == null ? Map.of(TraceContext.TRACEPARENT, header()) : metadata;
    }

    /** The {@code traceparent} this call sends (null only if a filter removed it); formats it when inline. */
    String traceparent() {
        return metadata == null ? header() : metadata.get(TraceContext.TRACEPARENT);
    }

    private String header() {
        return TraceContext.traceparent(traceIdHigh, traceIdLow, spanId, traceFlags);
    }

    @Override
    public Optional<ServiceInstance> provider() {
        return Optional.ofNullable(provider);
    }

    /** Records the instance an attempt of this call goes to. */
    void sentTo(ServiceInstance instance) {
        provider = instance;
    }

    /** The cluster policy for this call: the route's retries when a routing rule set them, else the method's. */
    CallPolicy policy() {
        CallPolicy p = route.policy();
        return p != null ? p : method.policy;
    }

    /** The router's decision for this call ({@link RouteDecision#NONE} before routing or without rules). */
    RouteDecision route() {
        return route;
    }

    void route(RouteDecision decision) {
        this.route = decision;
    }

    /** Brings the deadline forward to {@code earlier} if that is sooner (a route's timeout). */
    void restrictDeadline(Deadline earlier) {
        deadline = deadline.min(earlier);
    }

    @Override
    public Deadline deadline() {
        return deadline;
    }

    @Override
    public boolean oneWay() {
        return method.style == ClientMethod.Style.ONE_WAY;
    }

    /** The filter chain's position for this call (see {@link ChainCursor}); never allocates. */
    @Override
    public boolean advanceChain(int from) {
        return CHAIN.compareAndSet(this, from, from + 1);
    }

    boolean isCancelled() {
        return cancelled;
    }

    /** The failure of a call, or of an attempt, that was cancelled. */
    RpcException cancelledError() {
        return new RpcException(Status.CANCELLED, method.service + "." + method.name() + " was cancelled");
    }

    /**
     * Registers a request sent for this call, after it was written; when the call was cancelled
     * already, the request is given up at once (its CANCEL follows the request on the wire).
     */
    void track(Attempt attempt) {
        synchronized (this) {
            if (!cancelled) {
                if (attempts == null) {
                    attempts = attempt;
                } else if (attempts instanceof List<?>) {
                    @SuppressWarnings("unchecked")
                    List<Attempt> list = (List<Attempt>) attempts;
                    list.add(attempt);
                } else {
                    List<Attempt> list = new ArrayList<>(4);
                    list.add((Attempt) attempts);
                    list.add(attempt);
                    attempts = list;
                }
                return;
            }
        }
        attempt.abandon();
    }

    /**
     * Cancels the call: no new request starts, and every request still on the wire fails with
     * {@code CANCELLED} and is cancelled on its provider. Idempotent; never blocks.
     */
    void cancel() {
        Object toAbandon;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toAbandon = attempts;
            attempts = null;
        }
        if (toAbandon instanceof Attempt a) {
            a.abandon();
        } else if (toAbandon instanceof List<?> list) {
            for (Object a : list) {
                ((Attempt) a).abandon();
            }
        }
    }
}
