package io.weft.internal.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.weft.Deadline;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.UnprocessedRequestException;
import io.weft.WeftKeys;
import io.weft.internal.transport.FrameWriter;
import io.weft.internal.transport.Wire;
import io.weft.spi.Serialization;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The write path of one {@link ClientConnection}: refuses a call the connection cannot take
 * (closed, draining, {@code :token} on plaintext, deadline already passed), encodes the request in
 * the serialization the provider accepts, enters it in {@link PendingCalls} and writes it on the
 * connection's event loop — unless, by the time the loop gets to it, the call has been cancelled or
 * its deadline has passed: then nothing is written (a busy loop must not send work that is already
 * lost, each followed by a CANCEL). Never blocks; any thread may call it.
 */
final class CallWriter {
    private final ClientConnection connection;
    private final String address;
    private final Serialization serialization;
    private final AtomicLong ids;
    private final PendingCalls calls;

    CallWriter(ClientConnection connection, String address, Serialization serialization, AtomicLong ids,
               PendingCalls calls) {
        this.connection = connection;
        this.address = address;
        this.serialization = serialization;
        this.ids = ids;
        this.calls = calls;
    }

    /**
     * Sends one request. The future completes with the decoded result, or fails with an
     * {@link RpcException} ({@link UnprocessedRequestException} when nothing reached the provider).
     *
     * @param accepts the serializations the provider's node lists (bits {@code 1 << id}): the request
     *     goes in the first of the method's preference among them
     * @param args the arguments, or null for {@code owner}'s encoded ones ({@link OutgoingCall#body})
     */
    CompletableFuture<Object> send(ClientMethod method, int accepts, Object[] args, Map<String, String> extra,
                                   Deadline deadline, boolean oneWay, OutgoingCall owner) {
        Channel ch = connection.channel;
        boolean draining = connection.draining;
        if (ch == null || !ch.isActive() || draining) {
            return CompletableFuture.failedFuture(new UnprocessedRequestException("connection to " + address
                    + (draining ? " is going away" : " is closed")));
        }
        if (connection.refusesToken && method.sendsToken) { // :token is pre-encoded in the method's fixed metadata
            // Never put the credential on the wire in clear text; another (TLS) instance may still take the call.
            return CompletableFuture.failedFuture(new UnprocessedRequestException(Wire.TOKEN + " not sent to " + address
                    + ": the connection is not TLS (set " + WeftKeys.CLIENT_TOKEN_ALLOW_PLAINTEXT.name()
                    + "=true to allow it)"));
        }
        long remaining = deadline.remainingMillisRoundedUp();
        if (remaining <= 0) {
            return CompletableFuture.failedFuture(new RpcException(Status.DEADLINE_EXCEEDED,
                    "deadline expired before " + method.service + "." + method.name() + " was sent"));
        }
        long id = ids.incrementAndGet();
        ByteBuf buf;
        Serialization chosen = method.serializationFor(accepts) == Wire.SERIALIZATION_JSON && method.json != null
                ? method.json : serialization;
        try {
            buf = FrameWriter.request(ch.alloc(), id, oneWay, method.fixedMetadata, method.fixedMetadataCount,
                    remaining, extra, owner == null ? 0 : owner.traceIdHigh, owner == null ? 0 : owner.traceIdLow,
                    owner == null ? 0 : owner.inlineSpanId, owner == null ? 0 : owner.traceFlags, chosen,
                    args != null ? args : owner.body(chosen == method.json));
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
        PendingCalls.PendingCall call = calls.add(id, method, result, remaining);
        EventLoop loop = ch.eventLoop();
        if (loop.inEventLoop()) {
            write(ch, call, buf, deadline);
        } else {
            loop.execute(() -> write(ch, call, buf, deadline));
        }
        if (owner != null) {
            owner.track(call); // a cancel before the write task ran drops the request: no CANCEL needed
        }
        return result;
    }

    /** On the event loop: writes the request unless the call has left the table or expired meanwhile. */
    private void write(Channel ch, PendingCalls.PendingCall call, ByteBuf buf, Deadline deadline) {
        if (call.expiredBeforeWrite(deadline) || !call.markWritten()) {
            buf.release();
            return;
        }
        ch.writeAndFlush(buf).addListener(f -> {
            if (!f.isSuccess() && calls.remove(call)) {
                call.cancelTimeout();
                call.result.completeExceptionally(
                        new UnprocessedRequestException("cannot write to " + address, f.cause()));
            }
        });
    }
}
