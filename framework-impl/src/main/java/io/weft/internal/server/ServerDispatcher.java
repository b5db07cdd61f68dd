package io.weft.internal.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AttributeKey;
import io.weft.CallContext;
import io.weft.Deadline;
import io.weft.RpcException;
import io.weft.ServerCall;
import io.weft.ServerHandler;
import io.weft.Status;
import io.weft.internal.transport.Frame;
import io.weft.internal.transport.FrameKind;
import io.weft.internal.transport.FrameWriter;
import io.weft.internal.transport.Wire;
import io.weft.spi.Serialization;
import io.weft.spi.SerializationException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
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
 * Answers PING with PONG and closes connections that stay silent past the idle limit. At most
 * {@code maxInFlightPerConnection} requests of one connection are served (queued or running) at
 * once; one more is answered {@code RESOURCE_EXHAUSTED} on the event loop.
 */
@ChannelHandler.Sharable
final class ServerDispatcher extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ServerDispatcher.class);
    private static final AttributeKey<AtomicInteger> IN_FLIGHT =
            AttributeKey.valueOf(ServerDispatcher.class, "inFlight");

    private final Supplier<Map<String, ServiceSkeleton>> services;
    private final Executor executor;
    private final Serialization serialization;
    private final ServerHandler chain; // null when there are no interceptors
    private final ServerStats stats;
    private final int maxInFlightPerConnection;
    private final QueueAdmission admission; // null: direct dispatch, no queue

    ServerDispatcher(Supplier<Map<String, ServiceSkeleton>> services, Executor executor, Serialization serialization,
                     ServerHandler chain, ServerStats stats, int maxInFlightPerConnection, QueueAdmission admission) {
        this.admission = admission;
        this.maxInFlightPerConnection = maxInFlightPerConnection;
        this.services = services;
        this.executor = executor;
        this.serialization = serialization;
        this.chain = chain;
        this.stats = stats;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.channel().attr(IN_FLIGHT).set(new AtomicInteger());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Frame frame = (Frame) msg;
        switch (frame.kind()) {
            case FrameKind.REQUEST -> onRequest(ctx.channel(), frame);
            case FrameKind.PING -> {
                frame.release();
                ctx.writeAndFlush(FrameWriter.pong(ctx.alloc(), frame.id()), ctx.voidPromise());
            }
            default -> frame.release(); // PONG, CANCEL, GOAWAY, stray RESPONSE: nothing to do yet
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            log.info("closing silent connection from {}", ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
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
        if (method == null) {
            reject(channel, frame, Status.UNIMPLEMENTED, "service " + service + " has no method " + methodName
                    + (params == null ? "" : "(" + params + ")"));
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
        if (frame.body().isReadable() && frame.serialization() != serialization.id()) {
            reject(channel, frame, Status.INVALID_ARGUMENT, "unsupported serialization " + frame.serialization());
            return;
        }
        AtomicInteger connectionInFlight = channel.attr(IN_FLIGHT).get();
        if (connectionInFlight != null && connectionInFlight.incrementAndGet() > maxInFlightPerConnection) {
            connectionInFlight.decrementAndGet();
            reject(channel, frame, Status.RESOURCE_EXHAUSTED, "too many requests in flight on this connection (limit "
                    + maxInFlightPerConnection + ")");
            return;
        }
        String refusal = admission == null ? null : admission.refusal(deadline.remaining(TimeUnit.NANOSECONDS));
        if (refusal != null) {
            if (connectionInFlight != null) {
                connectionInFlight.decrementAndGet();
            }
            reject(channel, frame, Status.RESOURCE_EXHAUSTED, refusal);
            return;
        }
        stats.inFlight.incrementAndGet();
        stats.calls.increment();
        long enqueued = System.nanoTime();
        try {
            executor.execute(() -> dequeued(channel, frame, skeleton, method, deadline, oneWay, id, enqueued));
        } catch (RejectedExecutionException e) {
            if (admission != null) {
                admission.notQueued();
            }
            done(channel);
            reject(channel, frame, Status.RESOURCE_EXHAUSTED, "provider overloaded: business queue is full");
        }
    }

    /** On the business thread: refuses a request that waited too long in the queue, else serves it. */
    private void dequeued(Channel channel, Frame frame, ServiceSkeleton skeleton, SkeletonMethod method,
                          Deadline deadline, boolean oneWay, long id, long enqueuedNanos) {
        if (admission == null) {
            serve(channel, frame, skeleton, method, deadline, oneWay, id);
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
            serve(channel, frame, skeleton, method, deadline, oneWay, id);
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

    private void serve(Channel channel, Frame frame, ServiceSkeleton skeleton, SkeletonMethod method,
                       Deadline deadline, boolean oneWay, long id) {
        IncomingCall call = null;
        try {
            if (deadline.isExpired()) {
                frame.release();
                finishWithError(channel, id, oneWay, Status.DEADLINE_EXCEEDED,
                        "deadline expired while queued on the provider", null);
                return;
            }
            Object[] args;
            try {
                args = decodeArguments(frame.body(), method);
            } finally {
                frame.release();
            }
            String problem = method.checkArguments(args);
            if (problem != null) {
                finishWithError(channel, id, oneWay, Status.INVALID_ARGUMENT, problem, null);
                return;
            }
            call = new IncomingCall(channel, id, skeleton, method, args, frame.metadata(), deadline, oneWay);
            CallContext context = CallContext.forServerCall(call.userMetadata(), deadline, call.peer(),
                    frame.metadata().get(Wire.APP));
            try (CallContext.Scope ignored = context.attach()) {
                if (chain == null) {
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

    private void finish(IncomingCall call, Object result, Throwable error) {
        if (error != null) {
            Throwable t = unwrap(error);
            if (t instanceof RpcException rpc) {
                finishWithError(call.channel, call.id, call.oneWay, rpc.status(), rpc.description(),
                        rpc.remoteExceptionClass().orElse(null));
            } else {
                log.debug("{}.{} threw", call.service(), call.method().getName(), t);
                String message = t.getMessage() != null ? t.getMessage() : t.getClass().getName();
                finishWithError(call.channel, call.id, call.oneWay, Status.UNKNOWN, message, t.getClass().getName());
            }
            return;
        }
        try {
            if (!call.oneWay) {
                ByteBuf buf;
                try {
                    buf = FrameWriter.response(call.channel.alloc(), call.id, serialization, result);
                } catch (IOException | RuntimeException e) {
                    log.warn("cannot serialize result of {}.{}", call.service(), call.method().getName(), e);
                    stats.failed(Status.INTERNAL);
                    call.channel.writeAndFlush(FrameWriter.errorResponse(call.channel.alloc(), call.id,
                            Status.INTERNAL, "cannot serialize result: " + e.getMessage(), null),
                            call.channel.voidPromise());
                    return;
                }
                call.channel.writeAndFlush(buf, call.channel.voidPromise());
            }
        } finally {
            done(call.channel);
        }
    }

    /** A request accepted for serving is over: one less in flight, on the server and on its connection. */
    private void done(Channel channel) {
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
            done(channel);
        }
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
