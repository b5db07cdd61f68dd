package io.weft.internal.server;

import io.netty.channel.Channel;
import io.weft.Deadline;
import io.weft.ServerCall;
import io.weft.internal.chain.ChainCursor;
import io.weft.internal.governance.CallAdmission;
import io.weft.internal.tls.PeerIdentity;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One request being served: what interceptors see as a {@link ServerCall}. Its caller application
 * is the one established before decoding: the authenticated identity, else the {@code :app} claim.
 */
final class IncomingCall implements ServerCall, CallAdmission.Admitted, ChainCursor {
    private static final AtomicIntegerFieldUpdater<IncomingCall> CHAIN =
            AtomicIntegerFieldUpdater.newUpdater(IncomingCall.class, "chainPosition");

    final Channel channel;
    final long id;
    final ServiceSkeleton skeleton;
    final SkeletonMethod method;
    final Object[] arguments;
    final Map<String, String> metadata;
    final Deadline deadline;
    final boolean oneWay;
    /** The request came in JSON (serialization 2): the answer goes back in JSON. */
    final boolean json;
    private final OpenCalls.Token cancelled; // null: cannot be cancelled (one-way)
    final String callerApplication;
    /** When the request was accepted for serving ({@link System#nanoTime()}). */
    final long startNanos;
    private final List<CallAdmission> admittedBy;
    private volatile int chainPosition;

    IncomingCall(Channel channel, long id, ServiceSkeleton skeleton, SkeletonMethod method, Object[] arguments,
                 Map<String, String> metadata, Deadline deadline, boolean oneWay, OpenCalls.Token cancelled,
                 String callerApplication, List<CallAdmission> admittedBy, boolean json, long startNanos) {
        this.json = json;
        this.startNanos = startNanos;
        this.callerApplication = callerApplication;
        this.admittedBy = admittedBy;
        this.channel = channel;
        this.id = id;
        this.skeleton = skeleton;
        this.method = method;
        this.arguments = arguments;
        this.metadata = metadata;
        this.deadline = deadline;
        this.oneWay = oneWay;
        this.cancelled = cancelled;
    }

    /** The filter chain's position for this call (see {@link ChainCursor}); never allocates. */
    @Override
    public boolean advanceChain(int from) {
        return CHAIN.compareAndSet(this, from, from + 1);
    }

    /** True once the caller sent CANCEL for this call (or its connection closed). */
    boolean isCancelled() {
        return cancelled != null && cancelled.getAsBoolean();
    }

    @Override
    public String service() {
        return skeleton.service();
    }

    @Override
    public Method method() {
        return method.method();
    }

    @Override
    public String methodName() {
        return method.name();
    }

    @Override
    public Object[] arguments() {
        return arguments;
    }

    @Override
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public Optional<String> callerApplication() {
        return Optional.ofNullable(callerApplication);
    }

    @Override
    public boolean admittedBy(CallAdmission admission) {
        for (CallAdmission a : admittedBy) {
            if (a == admission) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Optional<String> peerIdentity() {
        return PeerIdentity.of(channel);
    }

    @Override
    public InetSocketAddress peer() {
        return (InetSocketAddress) channel.remoteAddress();
    }

    @Override
    public Optional<InetSocketAddress> localAddress() {
        return Optional.ofNullable((InetSocketAddress) channel.localAddress());
    }

    @Override
    public Deadline deadline() {
        return deadline;
    }

    /** Metadata without the reserved {@code :keys}: what the service sees as attachments. */
    Map<String, String> userMetadata() {
        // Most calls carry one or two user keys (traceparent, maybe tracestate): a small immutable map
        // then, not a HashMap per call.
        String k1 = null;
        String v1 = null;
        String k2 = null;
        String v2 = null;
        int n = 0;
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (e.getKey().startsWith(":")) {
                continue;
            }
            if (e.getValue() == null || ++n > 2) {
                return userMetadataCopy();
            }
            if (n == 1) {
                k1 = e.getKey();
                v1 = e.getValue();
            } else {
                k2 = e.getKey();
                v2 = e.getValue();
            }
        }
        return n == 0 ? Map.of() : n == 1 ? Map.of(k1, v1) : Map.of(k1, v1, k2, v2);
    }

    private Map<String, String> userMetadataCopy() {
        Map<String, String> user = new HashMap<>();
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (!e.getKey().startsWith(":")) {
                user.put(e.getKey(), e.getValue());
            }
        }
        return user;
    }
}
