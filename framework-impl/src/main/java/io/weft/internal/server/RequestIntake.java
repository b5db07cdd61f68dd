package io.weft.internal.server;

import static io.weft.internal.server.ServerDispatcher.IN_FLIGHT;
import static io.weft.internal.server.ServerDispatcher.OPEN_CALLS;

import io.netty.channel.Channel;
import io.weft.Deadline;
import io.weft.Status;
import io.weft.internal.transport.Frame;
import io.weft.internal.transport.Wire;
import io.weft.spi.Serialization;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * On the event loop, takes in one REQUEST frame: checks its metadata, finds the service and method,
 * reads its deadline and serialization, applies the per-connection in-flight limit and the queue
 * admission, and hands an accepted request to the business executor ({@link CallRunner}). Every
 * check here is cheap; a request that fails one is answered at once ({@link ResponseWriter#reject})
 * and never queued.
 */
final class RequestIntake {
    private final Supplier<Map<String, ServiceSkeleton>> services;
    private final Executor executor;
    private final Serialization serialization;
    private final ServerStats stats;
    private final int maxInFlightPerConnection;
    private final QueueAdmission admission; // null: direct dispatch, no queue
    private final CallRunner runner;
    private final ResponseWriter responses;

    RequestIntake(Supplier<Map<String, ServiceSkeleton>> services, Executor executor, Serialization serialization,
                  ServerStats stats, int maxInFlightPerConnection, QueueAdmission admission, CallRunner runner,
                  ResponseWriter responses) {
        this.services = services;
        this.executor = executor;
        this.serialization = serialization;
        this.stats = stats;
        this.maxInFlightPerConnection = maxInFlightPerConnection;
        this.admission = admission;
        this.runner = runner;
        this.responses = responses;
    }

    void onRequest(Channel channel, Frame frame) {
        long start = System.nanoTime();
        stats.lastRequestNanos = start;
        Map<String, String> md = frame.metadata();
        long id = frame.id();
        boolean oneWay = frame.oneWay();
        String service = md.get(Wire.SERVICE);
        String methodName = md.get(Wire.METHOD);
        if (service == null || methodName == null) {
            responses.reject(channel, frame, start, Status.INVALID_ARGUMENT, "request lacks " + (service == null ? ":service" : ":method"));
            return;
        }
        ServiceSkeleton skeleton = services.get().get(service);
        if (skeleton == null) {
            responses.reject(channel, frame, start, Status.NOT_FOUND, "no service " + service + " on this provider");
            return;
        }
        String params = md.get(Wire.PARAMS);
        SkeletonMethod method = skeleton.find(methodName, params);
        boolean jsonCall = frame.serialization() == Wire.SERIALIZATION_JSON;
        if (skeleton.isGeneric() && !jsonCall) {
            responses.reject(channel, frame, start, Status.INVALID_ARGUMENT, "service " + service
                    + " accepts JSON only (serialization " + Wire.SERIALIZATION_JSON + "), got serialization "
                    + frame.serialization() + ": call it with a generic reference or a JSON client");
            return;
        }
        // JSON without :params: an overloaded name is resolved by argument count once the body is read
        if (method == null && !(jsonCall && params == null && !skeleton.overloads(methodName).isEmpty())) {
            if (params == null && !skeleton.overloads(methodName).isEmpty()) {
                responses.reject(channel, frame, start, Status.INVALID_ARGUMENT, "method " + methodName + " of " + service
                        + " is overloaded: send :params with the parameter types");
            } else {
                responses.reject(channel, frame, start, Status.NOT_FOUND, "service " + service + " has no method " + methodName
                        + (params == null ? "" : "(" + params + ")"));
            }
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
                responses.reject(channel, frame, start, Status.INVALID_ARGUMENT, ":timeout-ms is not a number: '" + timeout + "'");
                return;
            }
            if (ms <= 0) {
                responses.reject(channel, frame, start, Status.DEADLINE_EXCEEDED, "deadline already expired on arrival");
                return;
            }
            deadline = Deadline.after(ms, TimeUnit.MILLISECONDS);
        }
        if (frame.body().isReadable() && frame.serialization() != serialization.id() && !jsonCall) {
            responses.reject(channel, frame, start, Status.INVALID_ARGUMENT, "unsupported serialization " + frame.serialization()
                    + " (this provider reads 1 = hessian2 and 2 = json)");
            return;
        }
        AtomicInteger connectionInFlight = channel.attr(IN_FLIGHT).get();
        if (connectionInFlight != null && connectionInFlight.incrementAndGet() > maxInFlightPerConnection) {
            connectionInFlight.decrementAndGet();
            responses.reject(channel, frame, start, Status.RESOURCE_EXHAUSTED, "too many requests in flight on this connection (limit "
                    + maxInFlightPerConnection + ")");
            return;
        }
        long enqueued = System.nanoTime();
        boolean here = method != null && method.nonBlocking(); // @NonBlocking: no hand-off, no queue
        String refusal = admission == null || here ? null
                : admission.refusal(deadline.remaining(TimeUnit.NANOSECONDS), enqueued);
        if (refusal != null) {
            if (connectionInFlight != null) {
                connectionInFlight.decrementAndGet();
            }
            responses.reject(channel, frame, start, Status.RESOURCE_EXHAUSTED, refusal);
            return;
        }
        stats.inFlight.incrementAndGet();
        stats.calls.increment();
        if (stats.listener != null) {
            stats.listener.callStarted(io.weft.spi.CallListener.Side.SERVER, service);
        }
        OpenCalls open = channel.attr(OPEN_CALLS).get();
        OpenCalls.Token cancelled = oneWay || open == null ? null : open.open(id);
        if (here) {
            runner.serveNow(channel, frame, skeleton, method, methodName, deadline, oneWay, id, cancelled, enqueued);
            return;
        }
        try {
            executor.execute(() -> runner.dequeued(channel, frame, skeleton, method, methodName, deadline, oneWay, id,
                    cancelled, enqueued));
        } catch (RejectedExecutionException e) {
            if (admission != null) {
                admission.notQueued();
            }
            responses.done(channel, id);
            responses.reject(channel, frame, start, Status.RESOURCE_EXHAUSTED, "provider overloaded: business queue is full",
                    true);
        }
    }
}
