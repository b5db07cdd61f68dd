package io.weft.internal.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.Channel;
import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.netty.util.TimerTask;
import io.weft.Deadline;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.internal.transport.Frame;
import io.weft.internal.transport.FrameWriter;
import io.weft.internal.transport.Wire;
import io.weft.spi.Serialization;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The calls of one {@link ClientConnection} awaiting their answer, by request id, and the reading
 * of those answers: a RESPONSE completes its call with the decoded result (a large body is decoded
 * off the event loop, on {@link ResponseDecoding#EXECUTOR}) or with the failure it carries. A call
 * leaves the table exactly once: answered, past its deadline (then a CANCEL goes to the provider),
 * abandoned by its caller, unwritable, or failed when the connection closes.
 */
final class PendingCalls {
    private final ClientConnection connection;
    private final String address;
    private final Serialization serialization;
    private final Timer timer;
    private final StallWatch stall;
    private final ConcurrentHashMap<Long, PendingCall> pending = new ConcurrentHashMap<>();

    PendingCalls(ClientConnection connection, String address, Serialization serialization, Timer timer,
                 StallWatch stall) {
        this.connection = connection;
        this.address = address;
        this.serialization = serialization;
        this.timer = timer;
        this.stall = stall;
    }

    int size() {
        return pending.size();
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Enters a call about to be written; its deadline fires through the timer in {@code remainingMillis}. */
    PendingCall add(long id, ClientMethod method, CompletableFuture<Object> result, long remainingMillis) {
        PendingCall call = new PendingCall(id, method, result);
        pending.put(id, call);
        stall.sent(call.sentNanos);
        call.timeout = timer.newTimeout(call, remainingMillis, TimeUnit.MILLISECONDS);
        return call;
    }

    /** Takes {@code call} out of the table; false when it has left already (answered, timed out…). */
    boolean remove(PendingCall call) {
        return pending.remove(call.id, call);
    }

    void onResponse(Frame frame) {
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
        connection.closeIfDrained();
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
            return new FailedCallException(status, exception + ": " + message, exception);
        }
        return new FailedCallException(status, message);
    }

    /** The connection closed: every call still waiting fails with {@code UNAVAILABLE}. */
    void failAll() {
        for (PendingCall call : pending.values()) {
            if (pending.remove(call.id, call)) {
                call.cancelTimeout();
                call.result.completeExceptionally(new FailedCallException(Status.UNAVAILABLE,
                        "connection to " + address + " closed before " + call.method.service + "."
                                + call.method.name() + " was answered"));
            }
        }
    }

    private static final int QUEUED = 0;
    private static final int WRITTEN = 1;
    private static final int DROPPED = 2;
    private static final AtomicIntegerFieldUpdater<PendingCall> WIRE =
            AtomicIntegerFieldUpdater.newUpdater(PendingCall.class, "wire");

    /**
     * A call awaiting its response; fires its deadline through the timer; can be given up. Its
     * request is written by a task on the event loop: a call that leaves the table before that task
     * runs (deadline, cancel) is never written, and then needs no CANCEL either.
     */
    final class PendingCall implements TimerTask, OutgoingCall.Attempt {
        final long id;
        final ClientMethod method;
        final CompletableFuture<Object> result;
        final long sentNanos = System.nanoTime();
        volatile Timeout timeout;
        /** {@link #QUEUED} until the event loop writes the request ({@link #WRITTEN}) or drops it ({@link #DROPPED}). */
        private volatile int wire;

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

        /** On the event loop, before writing the request: false when the call has left the table (do not write). */
        boolean markWritten() {
            return WIRE.compareAndSet(this, QUEUED, WRITTEN);
        }

        /**
         * On the event loop, about to write: when the deadline has passed meanwhile (the caller's
         * thread queued the write, the loop was busy), fails the call here and returns true: do not
         * write. The provider would only refuse or drop it, and a CANCEL would have to follow.
         */
        boolean expiredBeforeWrite(Deadline deadline) {
            if (!deadline.isExpired() || !pending.remove(id, this)) {
                return false;
            }
            wire = DROPPED;
            cancelTimeout();
            result.completeExceptionally(new FailedCallException(Status.DEADLINE_EXCEEDED, "deadline expired before "
                    + method.service + "." + method.name() + " was written to " + address));
            connection.closeIfDrained();
            return true;
        }

        @Override
        public void run(Timeout t) {
            if (pending.remove(id, this)) {
                result.completeExceptionally(new FailedCallException(Status.DEADLINE_EXCEEDED,
                        "deadline exceeded calling " + method.service + "." + method.name() + " on " + address));
                sendCancelIfWritten();
            }
        }

        @Override
        public void abandon() {
            if (pending.remove(id, this)) {
                cancelTimeout();
                result.completeExceptionally(new FailedCallException(Status.CANCELLED,
                        method.service + "." + method.name() + " on " + address + " was cancelled"));
                sendCancelIfWritten();
                connection.closeIfDrained();
            }
        }

        /** After the call left the table: a request not written yet never will be; one written gets a CANCEL. */
        private void sendCancelIfWritten() {
            if (WIRE.compareAndSet(this, QUEUED, DROPPED)) {
                return;
            }
            Channel ch = connection.channel;
            if (ch != null && ch.isActive()) {
                ch.writeAndFlush(FrameWriter.cancel(ch.alloc(), id), ch.voidPromise());
            }
        }
    }
}
