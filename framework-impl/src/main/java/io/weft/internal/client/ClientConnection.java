package io.weft.internal.client;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.Timer;
import io.weft.Deadline;
import io.weft.RpcException;
import io.weft.UnprocessedRequestException;
import io.weft.internal.transport.Frame;
import io.weft.internal.transport.FrameKind;
import io.weft.internal.transport.FrameWriter;
import io.weft.internal.transport.Wire;
import io.weft.spi.Serialization;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One multiplexed connection to one provider instance: many requests in flight, matched by id.
 * Sends PING when idle and closes when the provider stays silent too long; fails every call in
 * flight with {@code UNAVAILABLE} the moment the connection drops. After a GOAWAY it takes no new
 * calls and closes once the calls in flight are answered. A busy connection is watched too (see
 * {@link StallWatch}): calls overdue with nothing read since make it PING, and no PONG closes it.
 *
 * <p>This class is the connection's Netty handler and its lifecycle (attach, GOAWAY, drain, close);
 * it routes frames to three parts that share its channel and draining state: {@link CallWriter}
 * (the write path), {@link PendingCalls} (the calls awaiting an answer, and reading the answers)
 * and {@link Heartbeat} (PING/PONG, idle and stall handling).
 */
final class ClientConnection extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);

    private final String address;
    private final ConnectionListener listener;
    private final StallWatch stall;
    private final PendingCalls calls;
    private final CallWriter writer;
    private final Heartbeat heartbeat;
    /** Set once, by {@link #attach}. */
    volatile Channel channel;
    /** No new calls: closing, closed, or told GOAWAY. */
    volatile boolean draining;
    /** Plaintext connection on which {@code :token} must not be sent (weft.client.token.allow-plaintext=false). */
    volatile boolean refusesToken;

    ClientConnection(String address, Serialization serialization, Timer timer, ConnectionListener listener,
                     HealthSettings health) {
        this.address = address;
        this.stall = health.newStallWatch();
        this.listener = listener;
        AtomicLong ids = new AtomicLong(); // one sequence for requests and PINGs
        this.calls = new PendingCalls(this, address, serialization, timer, stall);
        this.writer = new CallWriter(this, address, serialization, ids, calls);
        this.heartbeat = new Heartbeat(this, address, timer, listener, ids, stall, calls,
                health.stallPingTimeout().toMillis());
    }

    String address() {
        return address;
    }

    /** True while new calls may be sent here. */
    boolean isUsable() {
        Channel ch = channel;
        return ch != null && ch.isActive() && !draining;
    }

    int inFlight() {
        return calls.size();
    }

    /**
     * Sends one request (see {@link CallWriter#send}). The future completes with the decoded result,
     * or fails with an {@link RpcException} ({@link UnprocessedRequestException} when nothing reached
     * the provider).
     */
    CompletableFuture<Object> send(ClientMethod method, int accepts, Object[] args, Map<String, String> extra,
                                   Deadline deadline, boolean oneWay, OutgoingCall owner) {
        return writer.send(method, accepts, args, extra, deadline, oneWay, owner);
    }

    /** Sends a PING (see {@link Heartbeat#ping}); completes when its PONG arrives. */
    CompletableFuture<Void> ping(long timeoutMillis) {
        return heartbeat.ping(timeoutMillis);
    }

    /** @param refusesToken whether calls carrying {@code :token} must be refused on this channel (plaintext) */
    void attach(Channel channel, boolean refusesToken) {
        this.refusesToken = refusesToken;
        this.channel = channel;
        heartbeat.startStallChecks(channel);
    }

    void close() {
        draining = true;
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    /** Closes a draining connection once its last call is answered, cancelled or timed out. */
    void closeIfDrained() {
        if (draining && calls.isEmpty()) {
            Channel ch = channel;
            if (ch != null) {
                ch.close();
            }
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Frame frame = (Frame) msg;
        stall.read();
        try {
            switch (frame.kind()) {
                case FrameKind.RESPONSE -> calls.onResponse(frame);
                case FrameKind.PING -> ctx.writeAndFlush(FrameWriter.pong(ctx.alloc(), frame.id()), ctx.voidPromise());
                case FrameKind.GOAWAY -> {
                    log.debug("provider {} sent GOAWAY ({}): no new calls on this connection", address,
                            frame.metadata().get(Wire.MESSAGE));
                    draining = true;
                    listener.onEvent(address, ConnectionListener.Event.GOAWAY);
                    if (calls.isEmpty()) {
                        ctx.close();
                    }
                }
                case FrameKind.PONG -> heartbeat.onPong(frame.id()); // the read itself also resets the idle timer
                default -> { }
            }
        } finally {
            frame.release();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent e) {
            heartbeat.onIdle(ctx, e);
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        draining = true;
        heartbeat.stopStallChecks();
        listener.onEvent(address, ConnectionListener.Event.CLOSED);
        heartbeat.failPings();
        calls.failAll();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("connection to {} failed: {}", address, cause.toString());
        ctx.close();
    }
}
