package io.weft.opentelemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.TraceContext;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What the client and server sides share: the §10 attribute keys, outcomes, and W3C headers ⇄ contexts. */
final class RpcSpans {
    static final AttributeKey<String> RPC_SYSTEM = AttributeKey.stringKey("rpc.system");
    static final AttributeKey<String> RPC_SERVICE = AttributeKey.stringKey("rpc.service");
    static final AttributeKey<String> RPC_METHOD = AttributeKey.stringKey("rpc.method");
    static final AttributeKey<Long> RPC_WEFT_STATUS_CODE = AttributeKey.longKey("rpc.weft.status_code");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final String SYSTEM = "weft";

    static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();
    static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private RpcSpans() {}

    /** Starts the {@code kind} span of one call of {@code service}/{@code method}, child of {@code parent}. */
    static Span start(Tracer tracer, SpanKind kind, Context parent, String service, String method) {
        return tracer.spanBuilder(service + "/" + method)
                .setParent(parent)
                .setSpanKind(kind)
                .setAttribute(RPC_SYSTEM, SYSTEM)
                .setAttribute(RPC_SERVICE, service)
                .setAttribute(RPC_METHOD, method)
                .startSpan();
    }

    /** Sets {@code server.address} and {@code server.port}. */
    static void serverAddress(Span span, String host, int port) {
        span.setAttribute(SERVER_ADDRESS, host);
        span.setAttribute(SERVER_PORT, (long) port);
    }

    /** Ends {@code span} with the call's outcome: the status code, and ERROR unless OK. */
    static void end(Span span, Throwable failure) {
        Status status = statusOf(failure);
        span.setAttribute(RPC_WEFT_STATUS_CODE, (long) status.code());
        if (status != Status.OK) {
            Throwable cause = unwrap(failure);
            span.setStatus(StatusCode.ERROR, status.name() + ": " + message(cause));
            span.recordException(cause);
        }
        span.end();
    }

    static Status statusOf(Throwable failure) {
        if (failure == null) {
            return Status.OK;
        }
        return unwrap(failure) instanceof RpcException rpc ? rpc.status() : Status.UNKNOWN;
    }

    private static String message(Throwable t) {
        return t instanceof RpcException rpc ? rpc.description() : String.valueOf(t.getMessage());
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** {@code context} with Weft's {@code trace} as its remote parent span. */
    static Context withRemoteParent(Context context, TraceContext trace) {
        Map<String, String> headers = new HashMap<>(4);
        headers.put(TraceContext.TRACEPARENT, trace.traceparent());
        if (trace.traceState() != null) {
            headers.put(TraceContext.TRACESTATE, trace.traceState());
        }
        return W3C.extract(context, headers, GETTER);
    }

    /** The W3C headers of {@code span} in {@code context}, or null when the span has no valid context. */
    static Map<String, String> headers(Context context, Span span) {
        if (!span.getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> headers = new HashMap<>(4);
        W3C.inject(context.with(span), headers, Map::put);
        return headers;
    }

    /** Weft's view of {@code span}: what downstream calls continue. */
    static TraceContext toWeft(Map<String, String> headers) {
        return TraceContext.parse(headers.get(TraceContext.TRACEPARENT), headers.get(TraceContext.TRACESTATE));
    }

    /** True when {@code span} is a span of its own, not the parent passed through (the no-op API does that). */
    static boolean isNewSpan(Span span, SpanContext parent) {
        SpanContext mine = span.getSpanContext();
        return mine.isValid() && !mine.getSpanId().equals(parent.getSpanId());
    }
}
