package io.weft.internal.server;

import static io.weft.internal.server.ServerDispatcher.IN_FLIGHT;
import static io.weft.internal.server.ServerDispatcher.OPEN_CALLS;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.weft.RpcException;
import io.weft.Status;
import io.netty.util.AttributeKey;
import io.weft.internal.Failures;
import io.weft.internal.governance.RuleRefusal;
import io.weft.internal.transport.Wire;
import io.weft.spi.CallListener;
import java.net.InetSocketAddress;
import java.util.Map;
import io.weft.internal.serialization.JsonSerialization;
import io.weft.internal.transport.Frame;
import io.weft.internal.transport.FrameWriter;
import io.weft.spi.Serialization;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what the provider answers and ends each call: the result (in the request's
 * serialization), a failure ({@code RpcException}'s status, else {@code UNKNOWN} with the
 * exception class), or a rejection of a request never accepted for serving. A one-way call gets no
 * answer; a cancelled one gets none either. Counts failures in {@link ServerStats} and, for an
 * accepted call, releases its in-flight slots ({@link #done}). Safe from any thread; never blocks.
 *
 * <p>The one place where a call ends on the provider, so it also observes each end (DESIGN §10):
 * the duration of an accepted call goes into the status's latency window, and when a
 * {@link CallListener} listens it is told of every call, refused ones included.
 */
final class ResponseWriter {
    // Logs under the dispatcher's name, as it did before the dispatcher was split.
    private static final Logger log = LoggerFactory.getLogger(ServerDispatcher.class);

    private final Serialization serialization;
    private final JsonSerialization json;
    private final ServerStats stats;
    private static final AttributeKey<String> PEER = AttributeKey.valueOf(ResponseWriter.class, "peer");

    ResponseWriter(Serialization serialization, JsonSerialization json, ServerStats stats) {
        this.serialization = serialization;
        this.json = json;
        this.stats = stats;
    }

    /** Answers a request refused before it was accepted for serving (nothing to release). */
    void reject(Channel channel, Frame frame, long startNanos, Status status, String message) {
        reject(channel, frame, startNanos, status, message, false);
    }

    /** @param started the listener was already told that this call started */
    void reject(Channel channel, Frame frame, long startNanos, Status status, String message, boolean started) {
        CallListener listener = stats.listener;
        if (listener != null) {
            Map<String, String> md = frame.metadata();
            String service = orDash(md.get(Wire.SERVICE));
            if (!started) {
                listener.callStarted(CallListener.Side.SERVER, service);
            }
            listener.callFinished(CallListener.Side.SERVER, service, orDash(md.get(Wire.METHOD)), status,
                    System.nanoTime() - startNanos, peer(channel), md.get(Wire.APP), md);
        }
        frame.release();
        stats.failed(status);
        if (!frame.oneWay()) {
            channel.writeAndFlush(FrameWriter.errorResponse(channel.alloc(), frame.id(), status, message, null),
                    channel.voidPromise());
        }
    }

    void finish(IncomingCall call, Object result, Throwable error) {
        if (call.isCancelled()) {
            ended(call.channel, call.metadata, call.service(), call.methodName(), Status.CANCELLED, call.startNanos,
                    call.callerApplication, null);
            done(call.channel, call.id); // the caller gave up on it: no answer
            return;
        }
        if (error != null) {
            Throwable t = Failures.unwrap(error);
            ended(call.channel, call.metadata, call.service(), call.methodName(),
                    t instanceof RpcException rpc ? rpc.status() : Status.UNKNOWN, call.startNanos,
                    call.callerApplication, t);
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
                    ended(call.channel, call.metadata, call.service(), call.methodName(), Status.INTERNAL,
                            call.startNanos, call.callerApplication, e);
                    log.warn("cannot serialize result of {}.{}", call.service(), call.methodName(), e);
                    stats.failed(Status.INTERNAL);
                    call.channel.writeAndFlush(FrameWriter.errorResponse(call.channel.alloc(), call.id,
                            Status.INTERNAL, "cannot serialize result: " + e.getMessage(), null),
                            call.channel.voidPromise());
                    return;
                }
                call.channel.writeAndFlush(buf, call.channel.voidPromise());
            }
            ended(call.channel, call.metadata, call.service(), call.methodName(), Status.OK, call.startNanos,
                    call.callerApplication, null);
        } finally {
            done(call.channel, call.id);
        }
    }

    /**
     * Fails a call accepted for serving before it reached the service (queue wait, deadline,
     * admission, undecodable arguments) and ends it.
     */
    void failAccepted(Channel channel, long id, boolean oneWay, Status status, String message,
                      Map<String, String> metadata, String service, String method, long startNanos, String app,
                      Throwable cause) {
        ended(channel, metadata, service, method, status, startNanos, app, cause);
        finishWithError(channel, id, oneWay, status, message, null);
    }

    /** Ends a call accepted for serving that was cancelled while queued: never run, never answered. */
    void dropCancelled(Channel channel, long id, Map<String, String> metadata, String service, String method,
                       long startNanos) {
        ended(channel, metadata, service, method, Status.CANCELLED, startNanos, metadata.get(Wire.APP), null);
        done(channel, id);
    }

    /** An accepted call ended: its duration for the status heartbeat, and the listener if any. */
    private void ended(Channel channel, Map<String, String> metadata, String service, String method, Status status,
                       long startNanos, String app, Throwable cause) {
        long nanos = System.nanoTime() - startNanos;
        stats.latency.record(nanos);
        CallListener listener = stats.listener;
        if (listener != null) {
            if (cause instanceof RuleRefusal refusal) {
                listener.refused(service, refusal.kind(), refusal.rule(), "provider");
            }
            listener.callFinished(CallListener.Side.SERVER, service, method, status, nanos, peer(channel), app,
                    metadata);
        }
    }

    /** {@code host:port} of the consumer's connection, made once per connection. */
    private static String peer(Channel channel) {
        String peer = channel.attr(PEER).get();
        if (peer == null) {
            peer = channel.remoteAddress() instanceof InetSocketAddress a
                    ? (a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress()) + ":" + a.getPort()
                    : String.valueOf(channel.remoteAddress());
            channel.attr(PEER).set(peer);
        }
        return peer;
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    /** A request accepted for serving is over: one less in flight, on the server and on its connection. */
    void done(Channel channel, long id) {
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

    /**
     * A request accepted for serving outlived its deadline before it ran: counted as
     * {@code DEADLINE_EXCEEDED} and ended without an answer (its caller's own deadline has passed too;
     * the client sends a CANCEL and answers its caller itself).
     */
    void expired(Channel channel, long id, Map<String, String> metadata, String service, String method,
                 long startNanos) {
        ended(channel, metadata, service, method, Status.DEADLINE_EXCEEDED, startNanos, metadata.get(Wire.APP), null);
        stats.failed(Status.DEADLINE_EXCEEDED);
        done(channel, id);
    }

    void finishWithError(Channel channel, long id, boolean oneWay, Status status, String message,
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
