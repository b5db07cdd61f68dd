package io.weft.internal.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.weft.CallContext;
import io.weft.Deadline;
import io.weft.RpcException;
import io.weft.ServerCall;
import io.weft.ServerHandler;
import io.weft.Status;
import io.weft.internal.Failures;
import io.weft.internal.governance.CallAdmission;
import io.weft.internal.serialization.JsonSerialization;
import io.weft.internal.tls.PeerIdentity;
import io.weft.internal.transport.Frame;
import io.weft.internal.transport.FrameKind;
import io.weft.internal.transport.FrameWriter;
import io.weft.internal.transport.Wire;
import io.weft.spi.Serialization;
import io.weft.spi.SerializationException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves REQUEST frames: resolves service and method on the event loop (cheap checks answer
 * there), then decodes arguments and runs interceptors and the service on the business executor.
 * (PINGs and idle connections are {@link PeerControl}'s, ahead of this handler.) A CANCEL
 * drops its call if still queued, or marks it cancelled if running ({@link OpenCalls}); either way
 * no response is sent for it. At most
 * {@code maxInFlightPerConnection} requests of one connection are served (queued or running) at
 * once; one more is answered {@code RESOURCE_EXHAUSTED} on the event loop.
 */
@ChannelHandler.Sharable
final class ServerDispatcher extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ServerDispatcher.class);
    private static final AttributeKey<AtomicInteger> IN_FLIGHT =
            AttributeKey.valueOf(ServerDispatcher.class, "inFlight");
    private static final AttributeKey<OpenCalls> OPEN_CALLS = AttributeKey.valueOf(ServerDispatcher.class, "openCalls");

    private final Supplier<Map<String, ServiceSkeleton>> services;
    private final Executor executor;
    private final Serialization serialization;
    private final ServerHandler chain; // null when there are no interceptors
    private final ServerStats stats;
    private final int maxInFlightPerConnection;
    private final List<CallAdmission> admissions;
    private final QueueAdmission admission; // null: direct dispatch, no queue
    private final JsonSerialization json;

    ServerDispatcher(Supplier<Map<String, ServiceSkeleton>> services, Executor executor, Serialization serialization,
                     ServerHandler chain, ServerStats stats, int maxInFlightPerConnection) {
        this(services, executor, serialization, chain, stats, maxInFlightPerConnection, List.of(), null);
    }

    /**
     * @param admissions decide each call from its metadata before its arguments are decoded, in this order
     * @param admission bounds the business queue's wait; null for direct dispatch
     */
    ServerDispatcher(Supplier<Map<String, ServiceSkeleton>> services, Executor executor, Serialization serialization,
                     ServerHandler chain, ServerStats stats, int maxInFlightPerConnection,
                     List<CallAdmission> admissions, QueueAdmission admission) {
        this(services, executor, serialization, chain, stats, maxInFlightPerConnection, admissions, admission,
                JsonSerialization.withDefaults());
    }

    /** @param json how JSON requests (serialization 2) are read and answered, in JSON */
    ServerDispatcher(Supplier<Map<String, ServiceSkeleton>> services, Executor executor, Serialization serialization,
                     ServerHandler chain, ServerStats stats, int maxInFlightPerConnection,
                     List<CallAdmission> admissions, QueueAdmission admission, JsonSerialization json) {
        this.json = json;
        this.admissions = admissions;
        this.admission = admission;
        this.maxInFlightPerConnection = maxInFlightPerConnection;
        this.services = services;
        this.executor = executor;
        this.serialization = serialization;
        this.chain = chain;
        this.stats = stats;
    }

    /** Calls of {@code channel}'s connection being served (queued or running). */
    static int inFlight(Channel channel) {
        AtomicInteger count = channel.attr(IN_FLIGHT).get();
        return count == null ? 0 : count.get();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.channel().attr(IN_FLIGHT).set(new AtomicInteger());
        ctx.channel().attr(OPEN_CALLS).set(new OpenCalls());
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        OpenCalls open = ctx.channel().attr(OPEN_CALLS).get();
        if (open != null) {
            open.cancelAll(); // the caller is gone: drop what is queued, tell what runs
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Frame frame = (Frame) msg;
        switch (frame.kind()) {
            case FrameKind.REQUEST -> onRequest(ctx.channel(), frame);
            case FrameKind.CANCEL -> {
                frame.release();
                OpenCalls open = ctx.channel().attr(OPEN_CALLS).get();
                if (open != null) {
                    open.cancel(frame.id());
                }
            }
            default -> frame.release(); // PONG, GOAWAY, stray RESPONSE: nothing to do (PeerControl answers PINGs)
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private void onRequest(Channel channel, Frame frame) {
        stats.lastRequestNanos = System.nanoTime();
        Map<String, String> md = frame.metadata();
        long id = frame.id();
        boolean oneWay = frame.oneWay();
        String service = md.get(Wire.SERVICE);
        String methodName = md.get(Wire.METHOD);
        if (service == null || methodName == null) {
            reject(channel, frame, Status.INVALID_ARGUMENT, "request lacks " + (service == null ? ":service" : ":method"));
            return;
        }
        ServiceSkeleton skeleton = services.get().get(service);
        if (skeleton == null) {
            reject(channel, frame, Status.NOT_FOUND, "no service " + service + " on this provider");
            return;
        }
        String params = md.get(Wire.PARAMS);
        SkeletonMethod method = skeleton.find(methodName, params);
        boolean jsonCall = frame.serialization() == Wire.SERIALIZATION_JSON;
        if (skeleton.isGeneric() && !jsonCall) {
            reject(channel, frame, Status.INVALID_ARGUMENT, "service " + service + " accepts JSON only (serialization "
                    + Wire.SERIALIZATION_JSON + "), got serialization " + frame.serialization()
                    + ": call it with a generic reference or a JSON client");
            return;
        }
        // JSON without :params: an overloaded name is resolved by argument count once the body is read
        if (method == null && !(jsonCall && params == null && !skeleton.overloads(methodName).isEmpty())) {
            if (params == null && !skeleton.overloads(methodName).isEmpty()) {
                reject(channel, frame, Status.INVALID_ARGUMENT, "method " + methodName + " of " + service
                        + " is overloaded: send :params with the parameter types");
            } else {
                reject(channel, frame, Status.NOT_FOUND, "service " + service + " has no method " + methodName
                        + (params == null ? "" : "(" + params + ")"));
            }
            return;
        }
        Deadline deadline;
        String timeout = md.get(Wire.TIMEOUT_MS);
        if (timeout == null) {
            deadline = Deadline.after(1, TimeUnit.DAYS);
        } else {
            long ms;
            try {
                ms = Long.parseLong(timeout);
            } catch (NumberFormatException e) {
                reject(channel, frame, Status.INVALID_ARGUMENT, ":timeout-ms is not a number: '" + timeout + "'");
                return;
            }
            if (ms <= 0) {
                reject(channel, frame, Status.DEADLINE_EXCEEDED, "deadline already expired on arrival");
                return;
            }
            deadline = Deadline.after(ms, TimeUnit.MILLISECONDS);
        }
        if (frame.body().isReadable() && frame.serialization() != serialization.id() && !jsonCall) {
            reject(channel, frame, Status.INVALID_ARGUMENT, "unsupported serialization " + frame.serialization()
                    + " (this provider reads 1 = hessian2 and 2 = json)");
            return;
        }
        AtomicInteger connectionInFlight = channel.attr(IN_FLIGHT).get();
        if (connectionInFlight != null && connectionInFlight.incrementAndGet() > maxInFlightPerConnection) {
            connectionInFlight.decrementAndGet();
            reject(channel, frame, Status.RESOURCE_EXHAUSTED, "too many requests in flight on this connection (limit "
                    + maxInFlightPerConnection + ")");
            return;
        }
        long enqueued = System.nanoTime();
        String refusal = admission == null ? null
                : admission.refusal(deadline.remaining(TimeUnit.NANOSECONDS), enqueued);
        if (refusal != null) {
            if (connectionInFlight != null) {
                connectionInFlight.decrementAndGet();
            }
            reject(channel, frame, Status.RESOURCE_EXHAUSTED, refusal);
            return;
        }
        stats.inFlight.incrementAndGet();
        stats.calls.increment();
        OpenCalls open = channel.attr(OPEN_CALLS).get();
        OpenCalls.Token cancelled = oneWay || open == null ? null : open.open(id);
        try {
            executor.execute(() -> dequeued(channel, frame, skeleton, method, methodName, deadline, oneWay, id,
                    cancelled, enqueued));
        } catch (RejectedExecutionException e) {
            if (admission != null) {
                admission.notQueued();
            }
            done(channel, id);
            reject(channel, frame, Status.RESOURCE_EXHAUSTED, "provider overloaded: business queue is full");
        }
    }

    /** On the business thread: refuses a request that waited too long in the queue, else serves it. */
    private void dequeued(Channel channel, Frame frame, ServiceSkeleton skeleton, SkeletonMethod method,
                          String methodName, Deadline deadline, boolean oneWay, long id, OpenCalls.Token cancelled,
                          long enqueuedNanos) {
        if (admission == null) {
            serve(channel, frame, skeleton, method, methodName, deadline, oneWay, id, cancelled);
            return;
        }
        long start = System.nanoTime();
        if (admission.dequeued(enqueuedNanos, start)) {
            frame.release();
            finishWithError(channel, id, oneWay, Status.RESOURCE_EXHAUSTED, "provider overloaded: waited "
                    + (start - enqueuedNanos) / 1_000_000 + " ms in its queue (" + ServerSettings.MAX_QUEUE_WAIT_MS
                    + ")", null);
            return;
        }
        try {
            serve(channel, frame, skeleton, method, methodName, deadline, oneWay, id, cancelled);
        } finally {
            admission.served(System.nanoTime() - start);
        }
    }

    private void reject(Channel channel, Frame frame, Status status, String message) {
        frame.release();
        stats.failed(status);
        if (!frame.oneWay()) {
            channel.writeAndFlush(FrameWriter.errorResponse(channel.alloc(), frame.id(), status, message, null),
                    channel.voidPromise());
        }
    }

    /** @param method the method, or null for a JSON call of an overloaded name without {@code :params} */
    private void serve(Channel channel, Frame frame, ServiceSkeleton skeleton, SkeletonMethod method,
                       String methodName, Deadline deadline, boolean oneWay, long id, OpenCalls.Token cancelled) {
        IncomingCall call = null;
        boolean jsonCall = frame.serialization() == Wire.SERIALIZATION_JSON;
        try {
            if (cancelled != null && cancelled.getAsBoolean()) {
                frame.release(); // cancelled while queued: never run, nobody waits for an answer
                done(channel, id);
                return;
            }
            if (deadline.isExpired()) {
                frame.release();
                finishWithError(channel, id, oneWay, Status.DEADLINE_EXCEEDED,
                        "deadline expired while queued on the provider", null);
                return;
            }
            String app;
            try {
                app = admit(channel, frame.metadata(), skeleton, methodName);
            } catch (RpcException refused) {
                frame.release();
                finishWithError(channel, id, oneWay, refused.status(), refused.description(), null);
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
                    args = decodeArguments(frame.body(), method);
                }
            } finally {
                frame.release();
            }
            String problem = method.checkArguments(args);
            if (problem != null) {
                finishWithError(channel, id, oneWay, Status.INVALID_ARGUMENT, problem, null);
                return;
            }
            call = new IncomingCall(channel, id, skeleton, method, args, frame.metadata(), deadline, oneWay, cancelled,
                    app, admissions, jsonCall);
            CallContext context = CallContext.forServerCall(call.userMetadata(), deadline, call.peer(), app, cancelled);
            try (CallContext.Scope ignored = context.attach()) {
                if (chain == null && method.generic() != null) {
                    IncomingCall c = call;
                    invokeGeneric(call).whenComplete((r, e) -> finish(c, r, e));
                } else if (chain == null) {
                    Object result = method.invoke(args);
                    if (method.async() && result instanceof CompletionStage<?> stage) {
                        IncomingCall c = call;
                        stage.whenComplete((r, e) -> finish(c, r, e));
                    } else {
                        finish(call, result, null);
                    }
                } else {
                    IncomingCall c = call;
                    chain.handle(call).whenComplete((r, e) -> finish(c, r, e));
                }
            }
        } catch (SerializationException e) {
            finishWithError(channel, id, oneWay, Status.INVALID_ARGUMENT, "cannot decode arguments: " + e.getMessage(),
                    null);
        } catch (Throwable t) {
            if (call != null) {
                finish(call, null, t);
            } else {
                finishWithError(channel, id, oneWay, Status.INTERNAL, t.toString(), null);
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

    private Object[] decodeArguments(ByteBuf body, SkeletonMethod method) throws IOException {
        if (!body.isReadable()) {
            if (method.parameterCount() == 0) {
                return new Object[0];
            }
            throw new SerializationException("request has no body but " + method.method().getName() + " takes "
                    + method.parameterCount() + " arguments");
        }
        Object value = serialization.read(new ByteBufInputStream(body));
        if (value instanceof Object[] array) {
            return array;
        }
        if (value instanceof java.util.List<?> list) {
            return list.toArray(); // an untyped Hessian list, as clients in other languages write it
        }
        throw new SerializationException("request body must be an argument array, got "
                + (value == null ? "null" : value.getClass().getName()));
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
    private static CompletionStage<Object> invokeGeneric(IncomingCall call) {
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

    private void finish(IncomingCall call, Object result, Throwable error) {
        if (call.isCancelled()) {
            done(call.channel, call.id); // the caller gave up on it: no answer
            return;
        }
        if (error != null) {
            Throwable t = Failures.unwrap(error);
            if (t instanceof RpcException rpc) {
                finishWithError(call.channel, call.id, call.oneWay, rpc.status(), rpc.description(),
                        rpc.remoteExceptionClass().orElse(null));
            } else {
                log.debug("{}.{} threw", call.service(), call.methodName(), t);
                String message = t.getMessage() != null ? t.getMessage() : t.getClass().getName();
                finishWithError(call.channel, call.id, call.oneWay, Status.UNKNOWN, message, t.getClass().getName());
            }
            return;
        }
        try {
            if (!call.oneWay) {
                ByteBuf buf;
                try {
                    buf = call.method.generic() != null
                            ? FrameWriter.jsonTextResponse(call.channel.alloc(), call.id, (String) result)
                            : FrameWriter.response(call.channel.alloc(), call.id, call.json ? json : serialization,
                                    result);
                } catch (IOException | RuntimeException e) {
                    log.warn("cannot serialize result of {}.{}", call.service(), call.methodName(), e);
                    stats.failed(Status.INTERNAL);
                    call.channel.writeAndFlush(FrameWriter.errorResponse(call.channel.alloc(), call.id,
                            Status.INTERNAL, "cannot serialize result: " + e.getMessage(), null),
                            call.channel.voidPromise());
                    return;
                }
                call.channel.writeAndFlush(buf, call.channel.voidPromise());
            }
        } finally {
            done(call.channel, call.id);
        }
    }

    /** A request accepted for serving is over: one less in flight, on the server and on its connection. */
    private void done(Channel channel, long id) {
        OpenCalls open = channel.attr(OPEN_CALLS).get();
        if (open != null) {
            open.close(id);
        }
        stats.inFlight.decrementAndGet();
        AtomicInteger connectionInFlight = channel.attr(IN_FLIGHT).get();
        if (connectionInFlight != null) {
            connectionInFlight.decrementAndGet();
        }
    }

    private void finishWithError(Channel channel, long id, boolean oneWay, Status status, String message,
                                 String exceptionClass) {
        try {
            stats.failed(status);
            if (!oneWay) {
                channel.writeAndFlush(FrameWriter.errorResponse(channel.alloc(), id, status, message, exceptionClass),
                        channel.voidPromise());
            } else if (log.isDebugEnabled()) {
                log.debug("one-way call {} failed: {} {}", id, status, message);
            }
        } finally {
            done(channel, id);
        }
    }

}
