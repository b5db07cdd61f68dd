package io.weft.internal.server;

import io.netty.channel.Channel;
import io.weft.CallContext;
import io.weft.Deadline;
import io.weft.RpcException;
import io.weft.ServerCall;
import io.weft.ServerHandler;
import io.weft.Status;
import io.weft.internal.governance.CallAdmission;
import io.weft.internal.serialization.JsonSerialization;
import io.weft.internal.tls.PeerIdentity;
import io.weft.internal.transport.Frame;
import io.weft.internal.transport.Wire;
import io.weft.spi.SerializationException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Runs an accepted request on the business thread (or, with direct dispatch, on the event loop
 * that read it): drops it unanswered if it was cancelled or outlived its deadline while queued (the
 * caller has given up on it: an answer would only cost the overloaded provider more), refuses it if
 * it waited too long in the queue; runs the admissions on its metadata; decodes its arguments; and
 * invokes the service, through the interceptor chain when there is one. The outcome goes to
 * {@link ResponseWriter}.
 */
final class CallRunner {
    private final ServerHandler chain; // null when there are no interceptors
    private final List<CallAdmission> admissions;
    private final QueueAdmission admission; // null: direct dispatch, no queue
    private final JsonSerialization json;
    private final ArgumentDecoder decoder;
    private final ResponseWriter responses;

    CallRunner(ServerHandler chain, List<CallAdmission> admissions, QueueAdmission admission, JsonSerialization json,
               ArgumentDecoder decoder, ResponseWriter responses) {
        this.chain = chain;
        this.admissions = admissions;
        this.admission = admission;
        this.json = json;
        this.decoder = decoder;
        this.responses = responses;
    }

    /** On the business thread: refuses a request that waited too long in the queue, else serves it. */
    void dequeued(Channel channel, Frame frame, ServiceSkeleton skeleton, SkeletonMethod method,
                          String methodName, Deadline deadline, boolean oneWay, long id, OpenCalls.Token cancelled,
                          long enqueuedNanos) {
        if (admission == null) {
            serveNow(channel, frame, skeleton, method, methodName, deadline, oneWay, id, cancelled, enqueuedNanos);
            return;
        }
        long start = System.nanoTime();
        boolean waitedTooLong = admission.dequeued(enqueuedNanos, start);
        if (deadline.isExpired()) { // before serve(): a dropped request is no service-time sample
            frame.release();
            responses.expired(channel, id, frame.metadata(), skeleton.service(), methodName, enqueuedNanos);
            return;
        }
        if (waitedTooLong) {
            frame.release();
            responses.failAccepted(channel, id, oneWay, Status.RESOURCE_EXHAUSTED, "provider overloaded: waited "
                    + (start - enqueuedNanos) / 1_000_000 + " ms in its queue (" + ServerSettings.MAX_QUEUE_WAIT_MS
                    + ")", frame.metadata(), skeleton.service(), methodName, enqueuedNanos,
                    frame.metadata().get(Wire.APP), null);
            return;
        }
        try {
            serveNow(channel, frame, skeleton, method, methodName, deadline, oneWay, id, cancelled, enqueuedNanos);
        } finally {
            admission.served(System.nanoTime() - start);
        }
    }

    /**
     * Serves an accepted request on this thread: the business thread, or the event loop for direct
     * dispatch and {@link io.weft.NonBlocking} methods.
     *
     * @param method the method, or null for a JSON call of an overloaded name without {@code :params}
     * @param startNanos when the request was accepted for serving
     */
    void serveNow(Channel channel, Frame frame, ServiceSkeleton skeleton, SkeletonMethod method,
                       String methodName, Deadline deadline, boolean oneWay, long id, OpenCalls.Token cancelled,
                       long startNanos) {
        IncomingCall call = null;
        boolean jsonCall = frame.serialization() == Wire.SERIALIZATION_JSON;
        Map<String, String> md = frame.metadata();
        String app = md.get(Wire.APP); // the claim, until admission establishes the identity
        try {
            if (cancelled != null && cancelled.getAsBoolean()) {
                frame.release(); // cancelled while queued: never run, nobody waits for an answer
                responses.dropCancelled(channel, id, md, skeleton.service(), methodName, startNanos);
                return;
            }
            if (deadline.isExpired()) {
                frame.release(); // expired while queued: never run, and no late answer
                responses.expired(channel, id, md, skeleton.service(), methodName, startNanos);
                return;
            }
            try {
                app = admit(channel, md, skeleton, methodName);
            } catch (RpcException refused) {
                frame.release();
                responses.failAccepted(channel, id, oneWay, refused.status(), refused.description(), md,
                        skeleton.service(), methodName, startNanos, app, refused);
                return;
            }
            Object[] args;
            try {
                if (method != null && method.generic() != null) {
                    args = new Object[] {GenericArguments.read(frame.body(), methodName)};
                } else if (jsonCall) {
                    JsonArguments decoded = JsonArguments.decode(frame.body(), skeleton, methodName, method, json);
                    method = decoded.method();
                    args = decoded.arguments();
                } else {
                    args = decoder.decodeArguments(frame.body(), method);
                }
            } finally {
                frame.release();
            }
            String problem = method.checkArguments(args);
            if (problem != null) {
                responses.failAccepted(channel, id, oneWay, Status.INVALID_ARGUMENT, problem, md, skeleton.service(),
                        methodName, startNanos, app, null);
                return;
            }
            call = new IncomingCall(channel, id, skeleton, method, args, md, deadline, oneWay, cancelled,
                    app, admissions, jsonCall, startNanos);
            CallContext context = CallContext.forServerCall(call.userMetadata(), deadline, call.peer(), app, cancelled);
            try (CallContext.Scope ignored = context.attach()) {
                if (chain == null && method.generic() != null) {
                    IncomingCall c = call;
                    invokeGeneric(call).whenComplete((r, e) -> responses.finish(c, r, e));
                } else if (chain == null) {
                    Object result = method.invoke(args);
                    if (method.async() && result instanceof CompletionStage<?> stage) {
                        IncomingCall c = call;
                        stage.whenComplete((r, e) -> responses.finish(c, r, e));
                    } else {
                        responses.finish(call, result, null);
                    }
                } else {
                    IncomingCall c = call;
                    chain.handle(call).whenComplete((r, e) -> responses.finish(c, r, e));
                }
            }
        } catch (SerializationException e) {
            responses.failAccepted(channel, id, oneWay, Status.INVALID_ARGUMENT, "cannot decode arguments: "
                    + e.getMessage(), md, skeleton.service(), methodName, startNanos, app, null);
        } catch (Throwable t) {
            if (call != null) {
                responses.finish(call, null, t);
            } else {
                responses.failAccepted(channel, id, oneWay, Status.INTERNAL, t.toString(), md, skeleton.service(),
                        methodName, startNanos, app, null);
            }
        }
    }

    /**
     * Runs the admissions (authentication, authorization) on metadata and peer alone, before any
     * argument is decoded. Returns the caller application: the identity the last authenticating
     * admission established, else the {@code :app} claim.
     */
    private String admit(Channel channel, Map<String, String> metadata, ServiceSkeleton skeleton,
                         String methodName) {
        String app = null;
        if (!admissions.isEmpty()) {
            String peerIdentity = PeerIdentity.of(channel).orElse(null);
            InetSocketAddress peer = (InetSocketAddress) channel.remoteAddress();
            for (CallAdmission admission : admissions) {
                String authenticated = admission.admit(skeleton.service(), methodName, metadata, peer,
                        peerIdentity);
                if (authenticated != null) {
                    app = authenticated;
                }
            }
        }
        return app != null ? app : metadata.get(Wire.APP);
    }

    /** The terminal of the interceptor chain: the service method itself. */
    static CompletionStage<Object> invokeService(ServerCall call) {
        if (!(call instanceof IncomingCall incoming)) {
            return CompletableFuture.failedFuture(new RpcException(Status.INTERNAL,
                    "a server interceptor passed on a ServerCall it did not receive"));
        }
        if (incoming.isCancelled()) { // e.g. cancelled during an interceptor's delay
            return CompletableFuture.failedFuture(new RpcException(Status.CANCELLED, "the caller cancelled the call"));
        }
        if (incoming.method.generic() != null) {
            return invokeGeneric(incoming);
        }
        try {
            Object result = incoming.method.invoke(call.arguments());
            if (incoming.method.async() && result instanceof CompletionStage<?> stage) {
                @SuppressWarnings("unchecked")
                CompletionStage<Object> s = (CompletionStage<Object>) stage;
                return s;
            }
            return CompletableFuture.completedFuture(result);
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(t);
        }
    }

    /** Hands a generic export's call to its {@link io.weft.GenericService}; the result is JSON text. */
    static CompletionStage<Object> invokeGeneric(IncomingCall call) {
        try {
            CompletionStage<String> stage = call.method.generic().call(call.methodName(), (String) call.arguments()[0],
                    call.userMetadata(), call.deadline);
            if (stage == null) {
                return CompletableFuture.failedFuture(new RpcException(Status.INTERNAL,
                        "the generic service of " + call.service() + " returned no CompletionStage"));
            }
            @SuppressWarnings({"unchecked", "rawtypes"})
            CompletionStage<Object> s = (CompletionStage) stage;
            return s;
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(t);
        }
    }
}
