package io.weft.opentelemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.weft.ClientFilter;
import io.weft.ServerInterceptor;
import io.weft.Weft;
import java.util.Objects;

/**
 * OpenTelemetry spans for Weft calls (DESIGN §10): a {@link #clientFilter() client filter} that
 * makes a CLIENT span per outgoing call and a {@link #serverInterceptor() server interceptor} that
 * makes a SERVER span per incoming call, both named {@code {service}/{method}} with the attributes
 * {@code rpc.system=weft}, {@code rpc.service}, {@code rpc.method}, {@code rpc.weft.status_code}
 * (the numeric {@link io.weft.Status} code), {@code server.address} and {@code server.port}, and
 * status ERROR for any outcome but {@code OK}.
 *
 * <p>The spans ride on the W3C {@code traceparent}/{@code tracestate} metadata that core Weft
 * sends with every call: the CLIENT span replaces the call's {@code traceparent} with its own, the
 * SERVER span continues the one it receives (a missing or invalid one starts a new trace), and
 * while the provider's method runs, the SERVER span is current both in OpenTelemetry's
 * {@code Context} and in Weft's {@link io.weft.CallContext#trace()} — so downstream calls, also
 * from {@code CompletableFuture} callbacks of Weft's async calls, are its children — and its ids
 * are in the SLF4J MDC as {@value #MDC_TRACE_ID} and {@value #MDC_SPAN_ID}.
 *
 * <pre>{@code
 * WeftTracing tracing = WeftTracing.create(openTelemetry);
 * Weft weft = tracing.install(Weft.builder(config)).build();
 * }</pre>
 *
 * <p>The application brings and configures the SDK (exporter, sampler); with
 * {@link OpenTelemetry#noop()} no span is recorded and Weft's own propagation is unchanged.
 * Thread-safe; one instance may serve any number of {@link Weft} instances.
 */
public final class WeftTracing {
    /** The MDC key of the current trace id (32 hex digits). */
    public static final String MDC_TRACE_ID = "trace_id";
    /** The MDC key of the current span id (16 hex digits). */
    public static final String MDC_SPAN_ID = "span_id";
    static final String INSTRUMENTATION_NAME = "io.weft.opentelemetry";

    private final TracingClientFilter clientFilter;
    private final TracingServerInterceptor serverInterceptor;

    private WeftTracing(Tracer tracer) {
        this.clientFilter = new TracingClientFilter(tracer);
        this.serverInterceptor = new TracingServerInterceptor(tracer);
    }

    /** Tracing through {@code openTelemetry}'s tracer provider. */
    public static WeftTracing create(OpenTelemetry openTelemetry) {
        Objects.requireNonNull(openTelemetry, "openTelemetry");
        return new WeftTracing(openTelemetry.getTracer(INSTRUMENTATION_NAME));
    }

    /** The filter that makes CLIENT spans; add it first, so that its span covers the other filters. */
    public ClientFilter clientFilter() {
        return clientFilter;
    }

    /** The interceptor that makes SERVER spans; add it first, so that its span covers the others. */
    public ServerInterceptor serverInterceptor() {
        return serverInterceptor;
    }

    /** Adds {@link #clientFilter()} and {@link #serverInterceptor()} to {@code builder}; returns it. */
    public Weft.Builder install(Weft.Builder builder) {
        return builder.clientFilter(clientFilter).serverInterceptor(serverInterceptor);
    }
}
