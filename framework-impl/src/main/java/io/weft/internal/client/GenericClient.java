package io.weft.internal.client;

import io.weft.CallContext;
import io.weft.ClientInvoker;
import io.weft.Deadline;
import io.weft.GenericReference;
import io.weft.GenericRequest;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.TraceContext;
import io.weft.internal.Failures;
import io.weft.internal.serialization.EncodedJsonArguments;
import io.weft.internal.serialization.JsonSerialization;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link GenericReference}: each call becomes an {@link OutgoingCall} of a generic
 * {@link ClientMethod} (made once per method name and {@code :params}, then reused) and runs the
 * same client chain as a stub's calls — filters, consumer governance, routing, cluster, health —
 * in JSON. The arguments are checked to be one JSON array before anything is sent, and sent as
 * the caller's text; filters that ask see them as plain values (decoded then). Results complete
 * on the callback executor ({@link #callAsyncInline}: where they are settled); cancelling a returned
 * future cancels the call on the provider.
 */
final class GenericClient implements GenericReference, InlineCompletion {
    private static final long SAFETY_MARGIN_MS = 1000;
    private static final int MAX_CACHED_METHODS = 1024;

    private final String service;
    private final ClientInvoker chain;
    private final Executor callbackExecutor;
    private final JsonSerialization json;
    private final MethodFactory methodFactory;
    private final Map<String, ClientMethod> methods = new ConcurrentHashMap<>();

    GenericClient(String service, ClientInvoker chain, Executor callbackExecutor, JsonSerialization json,
                  MethodFactory methodFactory) {
        this.service = service;
        this.chain = chain;
        this.callbackExecutor = callbackExecutor;
        this.json = json;
        this.methodFactory = methodFactory;
    }

    @Override
    public String service() {
        return service;
    }

    @Override
    public String call(String method, String argumentsJson) {
        GenericRequest request = GenericRequest.of(method, argumentsJson);
        Sent sent = send(request, CallContext.current());
        try {
            long waitMs = sent.call.deadline().remaining(TimeUnit.MILLISECONDS) + SAFETY_MARGIN_MS;
            return (String) sent.stage.toCompletableFuture().get(Math.max(waitMs, 1), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable t = Failures.forCaller(Failures.unwrap(e), GenericClient.class);
            throw t instanceof RuntimeException r ? r : new RpcException(Status.INTERNAL, t.toString(), t);
        } catch (TimeoutException e) {
            sent.call.cancel();
            throw new RpcException(Status.DEADLINE_EXCEEDED, "deadline exceeded calling " + service + "." + method);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sent.call.cancel();
            throw new RpcException(Status.CANCELLED, "interrupted while calling " + service + "." + method);
        }
    }

    @Override
    public CompletableFuture<String> callAsync(GenericRequest request) {
        CallContext context = CallContext.current();
        Sent sent = send(request, context);
        CallFuture<String> user = new CallFuture<>(sent.call, context);
        sent.stage.whenCompleteAsync((r, e) -> user.settle((String) r, e == null ? null : Failures.unwrap(e)),
                callbackExecutor);
        return user;
    }

    @Override
    public CompletableFuture<String> callAsyncInline(GenericRequest request) {
        CallContext context = CallContext.current();
        Sent sent = send(request, context);
        CallFuture<String> user = new CallFuture<>(sent.call, context);
        sent.stage.whenComplete((r, e) -> user.settle((String) r, e == null ? null : Failures.unwrap(e)));
        return user;
    }

    private record Sent(OutgoingCall call, CompletionStage<Object> stage) {}

    private Sent send(GenericRequest request, CallContext context) {
        // Checked, not decoded (IllegalArgumentException: nothing sent); sent as the caller's JSON text.
        EncodedJsonArguments args = json.checkArguments(request.argumentsJson());
        String key = key(request);
        ClientMethod method = methods.get(key);
        if (method == null) {
            method = methodFactory.create(request.method(), request.parameterTypes(), request.idempotent());
            if (methods.size() < MAX_CACHED_METHODS) { // a caller inventing names must not grow this forever
                methods.putIfAbsent(key, method);
            }
        }
        Deadline deadline = Deadline.after(request.timeout() != null ? request.timeout() : method.timeout);
        if (context.deadline().isPresent()) {
            deadline = deadline.min(context.deadline().get());
        }
        Map<String, String> metadata = context.metadata();
        TraceContext trace = context.trace().orElse(null);
        if (!request.metadata().isEmpty()) {
            metadata = new HashMap<>(metadata);
            metadata.putAll(request.metadata());
            // A traceparent in the request (e.g. a sidecar's application sent one) is the trace to continue.
            String traceparent = metadata.remove(TraceContext.TRACEPARENT);
            String tracestate = metadata.remove(TraceContext.TRACESTATE);
            TraceContext sent = TraceContext.parse(traceparent, tracestate);
            if (sent != null) {
                trace = sent;
            }
        }
        OutgoingCall call = new OutgoingCall(method, args, metadata, trace, deadline);
        CompletionStage<Object> stage;
        try {
            stage = chain.invoke(call);
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        return new Sent(call, stage);
    }

    private static String key(GenericRequest request) {
        String key = request.parameterTypes().isEmpty() ? request.method()
                : request.method() + "(" + String.join(",", request.parameterTypes()) + ")";
        return request.idempotent() ? key + "!" : key;
    }

    /** Prepares the {@link ClientMethod} of a method name, its {@code :params} and whether it may be resent. */
    @FunctionalInterface
    interface MethodFactory {
        ClientMethod create(String method, List<String> parameterTypes, boolean idempotent);
    }

    @Override
    public String toString() {
        return "GenericReference[" + service + "]";
    }
}
