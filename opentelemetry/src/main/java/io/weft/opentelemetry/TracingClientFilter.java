package io.weft.opentelemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.weft.CallContext;
import io.weft.ClientCall;
import io.weft.ClientFilter;
import io.weft.ClientInvoker;
import io.weft.TraceContext;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * A CLIENT span around each outgoing call. Its parent is the current OpenTelemetry span when that
 * belongs to the trace Weft's {@link CallContext} carries (or Weft carries none), else Weft's trace
 * as a remote parent: Weft's context follows {@code CompletableFuture} callbacks, OpenTelemetry's
 * does not. The span's ids replace the call's {@code traceparent}, so the provider's SERVER span
 * becomes its child. {@code server.address}/{@code server.port} name the provider the call was
 * last sent to.
 */
final class TracingClientFilter implements ClientFilter {
    private final Tracer tracer;

    TracingClientFilter(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public CompletionStage<Object> filter(ClientCall call, ClientInvoker next) {
        Context parent = parent();
        SpanContext parentSpan = Span.fromContext(parent).getSpanContext();
        Span span = RpcSpans.start(tracer, SpanKind.CLIENT, parent, call.service(), call.methodName());
        if (RpcSpans.isNewSpan(span, parentSpan)) {
            Map<String, String> headers = RpcSpans.headers(parent, span);
            Map<String, String> metadata = call.metadata();
            metadata.put(TraceContext.TRACEPARENT, headers.get(TraceContext.TRACEPARENT));
            String state = headers.get(TraceContext.TRACESTATE);
            if (state != null) {
                metadata.put(TraceContext.TRACESTATE, state);
            } else {
                metadata.remove(TraceContext.TRACESTATE);
            }
        }
        CompletionStage<Object> stage;
        try (Scope ignored = parent.with(span).makeCurrent()) {
            stage = next.invoke(call);
        } catch (RuntimeException | Error e) {
            RpcSpans.end(span, e);
            throw e;
        }
        return stage.whenComplete((result, failure) -> {
            call.provider().ifPresent(p -> RpcSpans.serverAddress(span, p.host(), p.port()));
            RpcSpans.end(span, failure);
        });
    }

    private static Context parent() {
        Context current = Context.current();
        TraceContext weft = CallContext.current().trace().orElse(null);
        if (weft == null) {
            return current;
        }
        SpanContext otel = Span.fromContext(current).getSpanContext();
        if (otel.isValid() && otel.getTraceId().equals(weft.traceId())) {
            return current;
        }
        return RpcSpans.withRemoteParent(current, weft);
    }
}
