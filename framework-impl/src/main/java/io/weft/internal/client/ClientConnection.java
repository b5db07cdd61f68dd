package io.weft.internal.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.netty.util.TimerTask;
import io.weft.Deadline;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.UnprocessedRequestException;
import io.weft.internal.transport.Frame;
import io.weft.internal.transport.FrameKind;
import io.weft.internal.transport.FrameWriter;
import io.weft.internal.transport.Wire;
import io.weft.spi.Serialization;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One multiplexed connection to one provider instance: many requests in flight, matched by id.
 * Sends PING when idle and closes when the provider stays silent too long; fails every call in
 * flight with {@code UNAVAILABLE} the moment the connection drops. After a GOAWAY it takes no new
 * calls and closes once the calls in flight are answered. A busy connection is watched too (see
 * {@link StallWatch}): calls overdue with nothing read since make it PING, and no PONG closes it.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);
    private static final long STALL_CHECK_MILLIS = 50;

    private final String address;
    private final Serialization serialization;
    private final Timer timer;
    private final ConcurrentHashMap<Long, PendingCall> pending = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, CompletableFuture<Void>> pings = new ConcurrentHashMap<>();
    private final ConnectionListener listener;
    private final AtomicLong ids = new AtomicLong();
    private volatile Channel channel;
    private volatile boolean draining;
    private final StallWatch stall;
    private final long stallPingTimeoutMillis;
    private ScheduledFuture<?> stallCheck; // event loop only
    private boolean stallPinging; // event loop only
    /** Plaintext connection on which {@code :token} must not be sent (weft.client.token.allow-plaintext=false). */
    private volatile boolean refusesToken;

    ClientConnection(String address, Serialization serialization, Timer timer, ConnectionListener listener,
                     HealthSettings health) {
        this.address = address;
        this.stall = health.newStallWatch();
        this.stallPingTimeoutMillis = health.stallPingTimeout().toMillis();
        this.listener = listener;
        this.serialization = serialization;
        this.timer = timer;
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
        return pending.size();
    }

    /**
     * Sends one request. The future completes with the decoded result, or fails with an
     * {@link RpcException} ({@link UnprocessedRequestException} when nothing reached the provider).
     *
     * @param accepts the serializations the provider's node lists (bits {@code 1 << id}): the request
     *     goes in the first of the method's preference among them
     */
    CompletableFuture<Object> send(ClientMethod method, int accepts, Object[] args, Map<String, String> extra,
                                   Deadline deadline, boolean oneWay, OutgoingCall owner) {
        Channel ch = channel;
        if (ch == null || !ch.isActive() || draining) {
            return CompletableFuture.failedFuture(new UnprocessedRequestException("connection to " + address
                    + (draining ? " is going away" : " is closed")));
        }
        if (refusesToken && method.sendsToken) { // :token is pre-encoded in the method's fixed metadata
            // Never put the credential on the wire in clear text; another (TLS) instance may still take the call.
            return CompletableFuture.failedFuture(new UnprocessedRequestException(Wire.TOKEN + " not sent to " + address
                    + ": the connection is not TLS (set " + ClientSettings.TOKEN_ALLOW_PLAINTEXT
                    + "=true to allow it)"));
        }
        long remaining = deadline.remainingMillisRoundedUp();
        if (remaining <= 0) {
            return CompletableFuture.failedFuture(new RpcException(Status.DEADLINE_EXCEEDED,
                    "deadline expired before " + method.service + "." + method.name() + " was sent"));
        }
        long id = ids.incrementAndGet();
        ByteBuf buf;
        try {
            buf = FrameWriter.request(ch.alloc(), id, oneWay, method.fixedMetadata, method.fixedMetadataCount,
                    remaining, extra, method.serializationFor(accepts) == Wire.SERIALIZATION_JSON && method.json != null
                            ? method.json : serialization, args);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(new UnencodableRequestException(
                    "cannot serialize arguments of " + method.service + "." + method.name() + ": " + e.getMessage(), e));
        }
        CompletableFuture<Object> result = new CompletableFuture<>();
        if (oneWay) {
            ch.writeAndFlush(buf).addListener(f -> {
                if (f.isSuccess()) {
                    result.complete(null);
                } else {
                    result.completeExceptionally(
                            new UnprocessedRequestException("cannot write to " + address, f.cause()));
                }
            });
            return result;
        }
        PendingCall call = new PendingCall(id, method, result);
        pending.put(id, call);
        stall.sent(call.sentNanos);
        call.timeout = timer.newTimeout(call, remaining, TimeUnit.MILLISECONDS);
        ch.writeAndFlush(buf).addListener(f -> {
            if (!f.isSuccess() && pending.remove(id, call)) {
                call.cancelTimeout();
                result.completeExceptionally(new UnprocessedRequestException("cannot write to " + address, f.cause()));
            }
        });
        if (owner != null) {
            owner.track(call); // after the write, so that a CANCEL always follows its request
        }
        return result;
    }

    /**
     * Sends a PING; the future completes when its PONG arrives and fails with {@code UNAVAILABLE}
     * when the connection is unusable or no PONG comes within {@code timeoutMillis}.
     */
    CompletableFuture<Void> ping(long timeoutMillis) {
        Channel ch = channel;
        if (ch == null || !ch.isActive() || draining) {
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

    /** @param refusesToken whether calls carrying {@code :token} must be refused on this channel (plaintext) */
    void attach(Channel channel, boolean refusesToken) {
        this.refusesToken = refusesToken;
        this.channel = channel;
        channel.eventLoop().execute(() -> {
            if (channel.isActive()) {
                stallCheck = channel.eventLoop().scheduleAtFixedRate(this::checkStall, STALL_CHECK_MILLIS,
                        STALL_CHECK_MILLIS, TimeUnit.MILLISECONDS);
            }
        });
    }

    /**
     * On the event loop: a provider that read nothing since calls overdue by its normal latency were
     * sent is reported {@link ConnectionListener.Event#STALLED} and PINGed; no PONG in time closes
     * the connection, failing its calls at once rather than at their deadlines.
     */
    private void checkStall() {
        long now = System.nanoTime();
        if (stallPinging || draining || !stall.overdue(now, !pending.isEmpty())) {
            return;
        }
        stallPinging = true;
        long silent = stall.silentMillis(now);
        listener.onEvent(address, ConnectionListener.Event.STALLED);
        Channel ch = channel;
        ping(stallPingTimeoutMillis).whenComplete((ok, error) -> ch.eventLoop().execute(() -> {
            stallPinging = false;
            // close only if still nothing at all was read: a late answer means slow, not hung
            if (error != null && ch.isActive() && stall.overdue(System.nanoTime(), !pending.isEmpty())) {
                log.warn("provider {} stopped answering: {} calls outstanding, nothing read for {} ms and no PONG "
                        + "within {} ms; closing the connection", address, pending.size(), silent + stallPingTimeoutMillis,
                        stallPingTimeoutMillis);
                ch.close();
            }
        }));
    }

    void close() {
        draining = true;
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Frame frame = (Frame) msg;
        stall.read();
        try {
            switch (frame.kind()) {
                case FrameKind.RESPONSE -> onResponse(frame);
                case FrameKind.PING -> ctx.writeAndFlush(FrameWriter.pong(ctx.alloc(), frame.id()), ctx.voidPromise());
                case FrameKind.GOAWAY -> {
                    log.debug("provider {} sent GOAWAY ({}): no new calls on this connection", address,
                            frame.metadata().get(Wire.MESSAGE));
                    draining = true;
                    listener.onEvent(address, ConnectionListener.Event.GOAWAY);
                    if (pending.isEmpty()) {
                        ctx.close();
                    }
                }
                case FrameKind.PONG -> { // the read itself also resets the idle timer
                    CompletableFuture<Void> pong = pings.remove(frame.id());
                    if (pong != null) {
                        pong.complete(null);
                    }
                    listener.onEvent(address, ConnectionListener.Event.PONG);
                }
                default -> { }
            }
        } finally {
            frame.release();
        }
    }

    private void onResponse(Frame frame) {
        PendingCall call = pending.remove(frame.id());
        if (call == null) {
            return; // timed out or cancelled already
        }
        call.cancelTimeout();
        stall.answered(System.nanoTime() - call.sentNanos);
        ByteBuf body = frame.body();
        byte format = frame.serialization();
        if (frame.status() == 0 && body.readableBytes() > ResponseDecoding.INLINE_BYTES) {
            // Decoded off the event loop: an expensive body must not stall the loop's other connections.
            body.retain();
            try {
                ResponseDecoding.EXECUTOR.execute(() -> {
                    try {
                        complete(call, body, format);
                    } finally {
                        body.release();
                    }
                });
            } catch (RejectedExecutionException e) {
                body.release();
                call.result.completeExceptionally(new RpcException(Status.INTERNAL, "cannot decode result of "
                        + call.method.service + "." + call.method.name() + ": no decoding thread", e));
            }
        } else if (frame.status() == 0) {
            complete(call, body, format);
        } else {
            try {
                call.result.completeExceptionally(failure(call.method, frame));
            } catch (RuntimeException e) {
                call.result.completeExceptionally(new RpcException(Status.INTERNAL, "cannot read the failure of "
                        + call.method.service + "." + call.method.name() + " from " + address + ": " + e, e));
            }
        }
        if (draining && pending.isEmpty()) {
            Channel ch = channel;
            if (ch != null) {
                ch.close();
            }
        }
    }

    /** Decodes a successful response's body and completes the call with it (or with INTERNAL). */
    private void complete(PendingCall call, ByteBuf body, byte format) {
        try {
            if (format == Wire.SERIALIZATION_JSON) {
                call.result.complete(call.method.readJsonResult(body));
                return;
            }
            call.result.complete(body.isReadable() ? serialization.read(new ByteBufInputStream(body)) : null);
        } catch (IOException | RuntimeException e) {
            call.result.completeExceptionally(new RpcException(Status.INTERNAL, "cannot decode result of "
                    + call.method.service + "." + call.method.name() + " from " + address + ": " + e.getMessage(), e));
        }
    }

    private static Throwable failure(ClientMethod method, Frame frame) {
        Status status = Status.fromCode(frame.status());
        String message = frame.metadata().getOrDefault(Wire.MESSAGE, status.name());
        String exception = frame.metadata().get(Wire.EXCEPTION);
        if (exception != null) {
            Throwable declared = method.declaredException(exception, message);
            if (declared != null) {
                return declared;
            }
            return new RpcException(status, exception + ": " + message, exception, null);
        }
        return new RpcException(status, message);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent e) {
            if (e.state() == IdleState.READER_IDLE) {
                log.warn("provider {} missed its heartbeats; closing the connection", address);
                listener.onEvent(address, ConnectionListener.Event.HEARTBEAT_MISSED);
                ctx.close();
            } else if (e.state() == IdleState.ALL_IDLE) {
                ctx.writeAndFlush(FrameWriter.ping(ctx.alloc(), ids.incrementAndGet()), ctx.voidPromise());
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        draining = true;
        if (stallCheck != null) {
            stallCheck.cancel(false);
        }
        listener.onEvent(address, ConnectionListener.Event.CLOSED);
        for (CompletableFuture<Void> pong : pings.values()) {
            pong.completeExceptionally(new RpcException(Status.UNAVAILABLE, "connection to " + address + " closed"));
        }
        pings.clear();
        for (PendingCall call : pending.values()) {
            if (pending.remove(call.id, call)) {
                call.cancelTimeout();
                call.result.completeExceptionally(new RpcException(Status.UNAVAILABLE,
                        "connection to " + address + " closed before " + call.method.service + "."
                                + call.method.name() + " was answered"));
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("connection to {} failed: {}", address, cause.toString());
        ctx.close();
    }

    /** A call awaiting its response; fires its deadline through the timer; can be given up. */
    private final class PendingCall implements TimerTask, OutgoingCall.Attempt {
        final long id;
        final ClientMethod method;
        final CompletableFuture<Object> result;
        final long sentNanos = System.nanoTime();
        volatile Timeout timeout;

        void cancelTimeout() {
            Timeout t = timeout;
            if (t != null) {
                t.cancel();
            }
        }

        PendingCall(long id, ClientMethod method, CompletableFuture<Object> result) {
            this.id = id;
            this.method = method;
            this.result = result;
        }

        @Override
        public void run(Timeout t) {
            if (pending.remove(id, this)) {
                result.completeExceptionally(new RpcException(Status.DEADLINE_EXCEEDED,
                        "deadline exceeded calling " + method.service + "." + method.name() + " on " + address));
                sendCancel();
            }
        }

        @Override
        public void abandon() {
            if (pending.remove(id, this)) {
                cancelTimeout();
                result.completeExceptionally(new RpcException(Status.CANCELLED,
                        method.service + "." + method.name() + " on " + address + " was cancelled"));
                sendCancel();
                if (draining && pending.isEmpty()) {
                    Channel ch = channel;
                    if (ch != null) {
                        ch.close();
                    }
                }
            }
        }

        private void sendCancel() {
            Channel ch = channel;
            if (ch != null && ch.isActive()) {
                ch.writeAndFlush(FrameWriter.cancel(ch.alloc(), id), ch.voidPromise());
            }
        }
    }
}
