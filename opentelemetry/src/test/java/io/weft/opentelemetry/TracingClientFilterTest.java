package io.weft.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.weft.CallContext;
import io.weft.ClientCall;
import io.weft.Deadline;
import io.weft.TraceContext;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What the CLIENT span does to the call's {@code traceparent}. */
class TracingClientFilterTest {
    private static final String CORE = "00-4bf92f3577b34da6a3ce929d0e0e4736-1111111111111111-01";

    @Test
    void withTheNoopApiTheCoreTraceparentIsSentUnchanged() {
        FakeCall call = new FakeCall();
        WeftTracing.create(OpenTelemetry.noop()).clientFilter()
                .filter(call, c -> CompletableFuture.completedFuture("ok")).toCompletableFuture().join();
        assertThat(call.metadata()).containsEntry(TraceContext.TRACEPARENT, CORE);
    }

    @Test
    void withAnSdkTheSpansIdsReplaceItInTheContextsTraceAndTracestateIsKept() {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        try (SdkTracerProvider provider = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()) {
            WeftTracing tracing = WeftTracing.create(OpenTelemetrySdk.builder().setTracerProvider(provider).build());
            TraceContext parent = TraceContext.parse("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                    "vendor=x");
            FakeCall call = new FakeCall();
            try (var ignored = CallContext.current().withTrace(parent).attach()) {
                tracing.clientFilter().filter(call, c -> CompletableFuture.completedFuture("ok"))
                        .toCompletableFuture().join();
            }
            var span = exporter.getFinishedSpanItems().get(0);
            assertThat(span.getParentSpanId()).isEqualTo("b7ad6b7169203331");
            assertThat(call.metadata()).containsEntry(TraceContext.TRACEPARENT,
                    "00-0af7651916cd43dd8448eb211c80319c-" + span.getSpanId() + "-01")
                    .containsEntry(TraceContext.TRACESTATE, "vendor=x");
        }
    }

    /** A call as a filter sees it, carrying the header core Weft wrote. */
    private static final class FakeCall implements ClientCall {
        private final Map<String, String> metadata = new HashMap<>(Map.of(TraceContext.TRACEPARENT, CORE));

        @Override
        public String service() {
            return "com.example.Greeter";
        }

        @Override
        public Method method() {
            try {
                return Object.class.getMethod("toString");
            } catch (NoSuchMethodException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public String methodName() {
            return "greet";
        }

        @Override
        public Object[] arguments() {
            return new Object[0];
        }

        @Override
        public Map<String, String> metadata() {
            return metadata;
        }

        @Override
        public Deadline deadline() {
            return Deadline.after(Duration.ofSeconds(1));
        }

        @Override
        public boolean oneWay() {
            return false;
        }
    }
}
