package io.weft.internal.client;

import io.weft.ClientCall;
import io.weft.Deadline;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.internal.chain.ChainCursor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    private final Object[] arguments;
    private Deadline deadline;
    private UserMetadata metadata; // created on first use; refuses reserved ':' keys
    private RouteDecision route = RouteDecision.NONE; // set once by ClusterInvoker before the strategy runs
    private volatile int chainPosition;
    private volatile boolean cancelled;
    /** {@code host:port} of the instance the latest attempt went to (null before the first); for listeners. */
    volatile String peer;
    private Object attempts; // null, one Attempt or a List<Attempt>; guarded by this

    OutgoingCall(ClientMethod method, Object[] arguments, Map<String, String> contextMetadata, Deadline deadline) {
        this.method = method;
        this.arguments = arguments;
        this.deadline = deadline;
        this.metadata = contextMetadata.isEmpty() ? null : new UserMetadata(contextMetadata);
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
        return arguments;
    }

    @Override
    public Map<String, String> metadata() {
        if (metadata == null) {
            metadata = new UserMetadata();
        }
        return metadata;
    }

    /** Metadata to send, without creating a map when there is none. */
    Map<String, String> metadataToSend() {
        return metadata == null ? Map.of() : metadata;
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
