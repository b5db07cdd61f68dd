package io.weft.internal.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.weft.Status;
import io.weft.internal.transport.Frame;
import io.weft.internal.transport.FrameKind;
import io.weft.internal.transport.FrameWriter;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one consumer connection from costing more than its calls are worth. One instance per
 * connection, all on its event loop.
 *
 * <ul>
 *   <li><b>PINGs</b> are answered here with PONG, at most {@code maxPingsPerSecond} a second (a
 *       token bucket holding two seconds' worth); a connection beyond that gets GOAWAY {@code
 *       RESOURCE_EXHAUSTED} and is closed.
 *   <li><b>Backpressure.</b> While the connection's outbound buffer is over its high-water mark
 *       (the channel is not writable: the peer does not read its PONGs or responses), nothing more
 *       is read from it; reading resumes when the buffer drains below the low-water mark.
 *   <li><b>Idle timeout.</b> Only calls count as activity: a REQUEST read or a RESPONSE written.
 *       A connection without either for the idle timeout, and with no call in flight, gets GOAWAY
 *       ({@code OK}) and is closed a second later (once no call is in flight), however many PINGs
 *       it sends; requests that crossed the GOAWAY are still served.
 * </ul>
 */
final class PeerControl extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(PeerControl.class);
    /** How long an idle connection stays open after its GOAWAY, for requests already on the way. */
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final long idleNanos;
    private final double pingsPerNano;
    private final double pingBurst;
    private final IntSupplier callsInFlight;
    private long lastCallNanos;
    private double pingTokens;
    private long pingRefillNanos;
    private ScheduledFuture<?> idleCheck;
    private boolean closing;

    /** @param callsInFlight this connection's calls being served (never idle while any is) */
    PeerControl(long idleMillis, int maxPingsPerSecond, IntSupplier callsInFlight) {
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleMillis);
        this.pingsPerNano = maxPingsPerSecond / 1e9;
        this.pingBurst = 2.0 * maxPingsPerSecond;
        this.callsInFlight = callsInFlight;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        long now = System.nanoTime();
        lastCallNanos = now;
        pingRefillNanos = now;
        pingTokens = pingBurst;
        if (ctx.channel().isActive()) {
            scheduleIdleCheck(ctx, idleNanos);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (idleCheck == null) {
            scheduleIdleCheck(ctx, idleNanos);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (idleCheck != null) {
            idleCheck.cancel(false);
            idleCheck = null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Frame frame) {
            if (frame.kind() == FrameKind.PING) {
                frame.release();
                onPing(ctx, frame.id());
                return;
            }
            if (frame.kind() == FrameKind.REQUEST) {
                lastCallNanos = System.nanoTime();
            }
        }
        ctx.fireChannelRead(msg);
    }

    private void onPing(ChannelHandlerContext ctx, long id) {
        if (closing) {
            return;
        }
        long now = System.nanoTime();
        pingTokens = Math.min(pingBurst, pingTokens + (now - pingRefillNanos) * pingsPerNano);
        pingRefillNanos = now;
        if (pingTokens < 1) {
            goAway(ctx, Status.RESOURCE_EXHAUSTED, "more than " + Math.round(pingsPerNano * 1e9)
                    + " PINGs a second from this connection");
            return;
        }
        pingTokens -= 1;
        ctx.writeAndFlush(FrameWriter.pong(ctx.alloc(), id), ctx.voidPromise());
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buf && buf.readableBytes() > 3
                && buf.getByte(buf.readerIndex() + 3) == FrameKind.RESPONSE) {
            lastCallNanos = System.nanoTime();
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // Stop reading from a peer that does not read what we send; resume once it has.
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    private void scheduleIdleCheck(ChannelHandlerContext ctx, long delayNanos) {
        idleCheck = ctx.executor().schedule(() -> checkIdle(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void checkIdle(ChannelHandlerContext ctx) {
        idleCheck = null;
        if (closing || !ctx.channel().isActive()) {
            return;
        }
        long idleFor = System.nanoTime() - lastCallNanos;
        if (idleFor < idleNanos) {
            scheduleIdleCheck(ctx, idleNanos - idleFor);
        } else if (callsInFlight.getAsInt() > 0) {
            scheduleIdleCheck(ctx, idleNanos);
        } else {
            log.info("closing connection from {}: no call for {} ms", ctx.channel().remoteAddress(),
                    TimeUnit.NANOSECONDS.toMillis(idleFor));
            goAwayIdle(ctx, "no call for " + TimeUnit.NANOSECONDS.toMillis(idleFor) + " ms; closing");
        }
    }

    /** GOAWAY, then close as soon as it is written: for a peer that broke a limit. */
    private void goAway(ChannelHandlerContext ctx, Status status, String message) {
        closing = true;
        log.warn("{} from {}; sending GOAWAY and closing", message, ctx.channel().remoteAddress());
        // Past any backlog the peer does not read: write it, then close whatever happens.
        ctx.writeAndFlush(FrameWriter.goAway(ctx.alloc(), status, message)).addListener(ChannelFutureListener.CLOSE);
        ctx.executor().schedule(() -> {
            ctx.close();
        }, 1, TimeUnit.SECONDS);
    }

    /**
     * GOAWAY {@code OK} for an idle connection, then close once {@link #GRACE_NANOS} passed and no
     * call is in flight. A well-behaved consumer closes it itself on the GOAWAY; a request it sent
     * before reading the GOAWAY is still served.
     */
    private void goAwayIdle(ChannelHandlerContext ctx, String message) {
        closing = true;
        ctx.writeAndFlush(FrameWriter.goAway(ctx.alloc(), Status.OK, message), ctx.voidPromise());
        ctx.executor().schedule(() -> closeWhenQuiet(ctx), GRACE_NANOS, TimeUnit.NANOSECONDS);
    }

    private void closeWhenQuiet(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (callsInFlight.getAsInt() > 0) {
            ctx.executor().schedule(() -> closeWhenQuiet(ctx), GRACE_NANOS, TimeUnit.NANOSECONDS);
        } else {
            ctx.close();
        }
    }
}
