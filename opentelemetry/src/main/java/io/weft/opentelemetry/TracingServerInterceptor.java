package io.weft.opentelemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.weft.CallContext;
import io.weft.ServerCall;
import io.weft.ServerHandler;
import io.weft.ServerInterceptor;
import io.weft.TraceContext;
import java.util.concurrent.CompletionStage;
import org.slf4j.MDC;

/**
 * A SERVER span around each incoming call, the child of the caller's {@code traceparent} (a new
 * trace when it is missing or invalid). While the rest of the chain and the method run, the span is
 * current in OpenTelemetry's context and in Weft's {@link CallContext} (so downstream calls are its
 * children, also from callbacks), and its ids are in the MDC; all three are restored afterwards.
 * The span ends when the call's result is complete.
 */
final class TracingServerInterceptor implements ServerInterceptor {
    private final Tracer tracer;

    TracingServerInterceptor(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public CompletionStage<Object> intercept(ServerCall call, ServerHandler next) {
        Context parent = RpcSpans.W3C.extract(Context.root(), call.metadata(), RpcSpans.GETTER);
        Span span = RpcSpans.start(tracer, SpanKind.SERVER, parent, call.service(), call.methodName());
        call.localAddress().ifPresent(local -> RpcSpans.serverAddress(span, local.getHostString(), local.getPort()));
        CallContext context = CallContext.current();
        if (RpcSpans.isNewSpan(span, Span.fromContext(parent).getSpanContext())) {
            TraceContext mine = RpcSpans.toWeft(RpcSpans.headers(parent, span));
            if (mine != null) {
                context = context.withTrace(mine);
            }
        }
        TraceContext trace = context.trace().orElse(null);
        String previousTraceId = MDC.get(WeftTracing.MDC_TRACE_ID);
        String previousSpanId = MDC.get(WeftTracing.MDC_SPAN_ID);
        if (trace != null) {
            MDC.put(WeftTracing.MDC_TRACE_ID, trace.traceId());
            MDC.put(WeftTracing.MDC_SPAN_ID, trace.spanIdHex());
        }
        CompletionStage<Object> stage;
        try (Scope ignored = parent.with(span).makeCurrent(); CallContext.Scope attached = context.attach()) {
            stage = next.handle(call);
        } catch (RuntimeException | Error e) {
            RpcSpans.end(span, e);
            throw e;
        } finally {
            restore(WeftTracing.MDC_TRACE_ID, previousTraceId);
            restore(WeftTracing.MDC_SPAN_ID, previousSpanId);
        }
        return stage.whenComplete((result, failure) -> RpcSpans.end(span, failure));
    }

    private static void restore(String key, String previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
