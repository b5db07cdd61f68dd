package io.weft.internal.server;

import static io.weft.internal.server.ServerDispatcher.IN_FLIGHT;
import static io.weft.internal.server.ServerDispatcher.OPEN_CALLS;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.internal.Failures;
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
 */
final class ResponseWriter {
    // Logs under the dispatcher's name, as it did before the dispatcher was split.
    private static final Logger log = LoggerFactory.getLogger(ServerDispatcher.class);

    private final Serialization serialization;
    private final JsonSerialization json;
    private final ServerStats stats;

    ResponseWriter(Serialization serialization, JsonSerialization json, ServerStats stats) {
        this.serialization = serialization;
        this.json = json;
        this.stats = stats;
    }

    /** Answers a request refused before it was accepted for serving (nothing to release). */
    void reject(Channel channel, Frame frame, Status status, String message) {
        frame.release();
        stats.failed(status);
        if (!frame.oneWay()) {
            channel.writeAndFlush(FrameWriter.errorResponse(channel.alloc(), frame.id(), status, message, null),
                    channel.voidPromise());
        }
    }

    void finish(IncomingCall call, Object result, Throwable error) {
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
    void expired(Channel channel, long id) {
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
