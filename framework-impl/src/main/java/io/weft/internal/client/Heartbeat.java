package io.weft.internal.client;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.Timer;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.UnprocessedRequestException;
import io.weft.internal.transport.FrameWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one {@link ClientConnection} honest about its provider being alive: PINGs an idle
 * connection and closes one whose provider missed its heartbeats ({@code IdleStateHandler}
 * events); every 50 ms on the event loop, PINGs a busy connection whose calls are overdue with
 * nothing read since ({@link StallWatch}) and closes it when no PONG comes in time; and matches
 * PONGs to the PINGs awaiting them (also those of {@link #ping} callers, e.g. probes).
 */
final class Heartbeat {
    // Logs under the connection's name, as it did before the connection was split.
    private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);
    private static final long STALL_CHECK_MILLIS = 50;

    private final ClientConnection connection;
    private final String address;
    private final Timer timer;
    private final ConnectionListener listener;
    private final AtomicLong ids;
    private final StallWatch stall;
    private final PendingCalls calls;
    private final long stallPingTimeoutMillis;
    private final ConcurrentHashMap<Long, CompletableFuture<Void>> pings = new ConcurrentHashMap<>();
    private ScheduledFuture<?> stallCheck; // event loop only
    private boolean stallPinging; // event loop only

    Heartbeat(ClientConnection connection, String address, Timer timer, ConnectionListener listener, AtomicLong ids,
              StallWatch stall, PendingCalls calls, long stallPingTimeoutMillis) {
        this.connection = connection;
        this.address = address;
        this.timer = timer;
        this.listener = listener;
        this.ids = ids;
        this.stall = stall;
        this.calls = calls;
        this.stallPingTimeoutMillis = stallPingTimeoutMillis;
    }

    /**
     * Sends a PING; the future completes when its PONG arrives and fails with {@code UNAVAILABLE}
     * when the connection is unusable or no PONG comes within {@code timeoutMillis}.
     */
    CompletableFuture<Void> ping(long timeoutMillis) {
        Channel ch = connection.channel;
        if (ch == null || !ch.isActive() || connection.draining) {
            return CompletableFuture.failedFuture(
                    new UnprocessedRequestException("connection to " + address + " is not usable"));
        }
        long id = ids.incrementAndGet();
        CompletableFuture<Void> pong = new CompletableFuture<>();
        pings.put(id, pong);
        timer.newTimeout(t -> {
            if (pings.remove(id) != null) {
                pong.completeExceptionally(new RpcException(Status.UNAVAILABLE, "no PONG from " + address));
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        ch.writeAndFlush(FrameWriter.ping(ch.alloc(), id), ch.voidPromise());
        return pong;
    }

    /** A PONG arrived (on the event loop). */
    void onPong(long id) {
        CompletableFuture<Void> pong = pings.remove(id);
        if (pong != null) {
            pong.complete(null);
        }
        listener.onEvent(address, ConnectionListener.Event.PONG);
    }

    /** Starts the periodic stall check on {@code channel}'s event loop. */
    void startStallChecks(Channel channel) {
        channel.eventLoop().execute(() -> {
            if (channel.isActive()) {
                stallCheck = channel.eventLoop().scheduleAtFixedRate(this::checkStall, STALL_CHECK_MILLIS,
                        STALL_CHECK_MILLIS, TimeUnit.MILLISECONDS);
            }
        });
    }

    /** On the event loop, when the connection has closed. */
    void stopStallChecks() {
        if (stallCheck != null) {
            stallCheck.cancel(false);
        }
    }

    /**
     * On the event loop: a provider that read nothing since calls overdue by its normal latency were
     * sent is reported {@link ConnectionListener.Event#STALLED} and PINGed; no PONG in time closes
     * the connection, failing its calls at once rather than at their deadlines.
     */
    private void checkStall() {
        long now = System.nanoTime();
        if (stallPinging || connection.draining || !stall.overdue(now, !calls.isEmpty())) {
            return;
        }
        stallPinging = true;
        long silent = stall.silentMillis(now);
        listener.onEvent(address, ConnectionListener.Event.STALLED);
        Channel ch = connection.channel;
        ping(stallPingTimeoutMillis).whenComplete((ok, error) -> ch.eventLoop().execute(() -> {
            stallPinging = false;
            // close only if still nothing at all was read: a late answer means slow, not hung
            if (error != null && ch.isActive() && stall.overdue(System.nanoTime(), !calls.isEmpty())) {
                log.warn("provider {} stopped answering: {} calls outstanding, nothing read for {} ms and no PONG "
                        + "within {} ms; closing the connection", address, calls.size(),
                        silent + stallPingTimeoutMillis, stallPingTimeoutMillis);
                ch.close();
            }
        }));
    }

    /** An {@code IdleStateHandler} event: no read for three heartbeats closes, no traffic at all PINGs. */
    void onIdle(ChannelHandlerContext ctx, IdleStateEvent e) {
        if (e.state() == IdleState.READER_IDLE) {
            log.warn("provider {} missed its heartbeats; closing the connection", address);
            listener.onEvent(address, ConnectionListener.Event.HEARTBEAT_MISSED);
            ctx.close();
        } else if (e.state() == IdleState.ALL_IDLE) {
            ctx.writeAndFlush(FrameWriter.ping(ctx.alloc(), ids.incrementAndGet()), ctx.voidPromise());
        }
    }

    /** The connection closed: PINGs awaiting a PONG fail with {@code UNAVAILABLE}. */
    void failPings() {
        for (CompletableFuture<Void> pong : pings.values()) {
            pong.completeExceptionally(new RpcException(Status.UNAVAILABLE, "connection to " + address + " closed"));
        }
        pings.clear();
    }
}
