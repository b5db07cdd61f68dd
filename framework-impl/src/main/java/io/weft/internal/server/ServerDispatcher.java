package io.weft.internal.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.weft.ServerHandler;
import io.weft.internal.governance.CallAdmission;
import io.weft.internal.serialization.JsonSerialization;
import io.weft.internal.transport.Frame;
import io.weft.internal.transport.FrameKind;
import io.weft.spi.Serialization;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
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
 *
 * <p>This handler owns the per-connection state (calls in flight, {@link OpenCalls}) and routes
 * frames; the work is done by four parts: {@link RequestIntake} (event loop: validation, lookup,
 * deadline, limits, hand-off to the executor), {@link CallRunner} (business thread: queue wait,
 * cancellation, admissions, invocation), {@link ArgumentDecoder} (Hessian arguments; JSON ones are
 * {@link JsonArguments}') and {@link ResponseWriter} (answers, rejections, the end of a call).
 */
@ChannelHandler.Sharable
final class ServerDispatcher extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ServerDispatcher.class);
    static final AttributeKey<AtomicInteger> IN_FLIGHT =
            AttributeKey.valueOf(ServerDispatcher.class, "inFlight");
    static final AttributeKey<OpenCalls> OPEN_CALLS = AttributeKey.valueOf(ServerDispatcher.class, "openCalls");

    private final RequestIntake intake;

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
        ResponseWriter responses = new ResponseWriter(serialization, json, stats);
        CallRunner runner = new CallRunner(chain, admissions, admission, json, new ArgumentDecoder(serialization),
                responses);
        this.intake = new RequestIntake(services, executor, serialization, stats, maxInFlightPerConnection, admission,
                runner, responses);
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
            case FrameKind.REQUEST -> intake.onRequest(ctx.channel(), frame);
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

}
