package io.weft.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.weft.CallContext;
import io.weft.ReferenceOptions;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.TraceContext;
import io.weft.Weft;
import io.weft.test.WeftExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CLIENT and SERVER spans with OpenTelemetry's in-memory exporter (DESIGN §10), over a real
 * ZooKeeper: consumer → Front (provider A) → Back (provider B), one trace across all three.
 */
class TracingIT {
    @RegisterExtension
    static final WeftExtension weft = WeftExtension.zooKeeper();

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private static SdkTracerProvider tracerProvider;
    private static int frontPort;
    private static int backPort;
    private static Front front;
    private static Back back;
    private static Front untracedFront;

    @BeforeAll
    static void start() {
        tracerProvider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
        WeftTracing tracing = WeftTracing.create(OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build());
        ReferenceOptions checked = ReferenceOptions.builder().check(true).build();

        Weft backProvider = weft.track(tracing.install(Weft.builder(weft.config("back"))).build());
        backProvider.export(Back.class, new Hops.BackImpl());
        backPort = backProvider.serverAddress().orElseThrow().getPort();

        Weft frontProvider = weft.track(tracing.install(Weft.builder(weft.config("front"))).build());
        frontProvider.export(Front.class, new Hops.FrontImpl(frontProvider.reference(Back.class, checked)));
        frontPort = frontProvider.serverAddress().orElseThrow().getPort();

        Weft consumer = weft.track(tracing.install(Weft.builder(weft.config("web"))).build());
        front = consumer.reference(Front.class, checked);
        back = consumer.reference(Back.class, checked);

        Weft untraced = weft.track(Weft.builder(weft.config("legacy"))
                .clientFilter((call, next) -> {
                    call.metadata().put(TraceContext.TRACEPARENT,
                            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"); // upper case: invalid
                    return next.invoke(call);
                })
                .build());
        untracedFront = untraced.reference(Front.class, checked);
    }

    @AfterAll
    static void stop() {
        tracerProvider.close();
    }

    @BeforeEach
    void reset() {
        exporter.reset();
    }

    @Test
    void oneTraceRunsFromTheConsumerThroughBothProvidersWithExactParentsAndAttributes() {
        String[] seen = front.relay().split(" \\| ");
        List<SpanData> spans = awaitSpans(4);
        SpanData consumerClient = span(spans, SpanKind.CLIENT, Front.class, "relay");
        SpanData frontServer = span(spans, SpanKind.SERVER, Front.class, "relay");
        SpanData frontClient = span(spans, SpanKind.CLIENT, Back.class, "where");
        SpanData backServer = span(spans, SpanKind.SERVER, Back.class, "where");

        String traceId = consumerClient.getTraceId();
        assertThat(spans).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(traceId));
        assertThat(consumerClient.getParentSpanId()).isEqualTo(SpanId.getInvalid());
        assertThat(frontServer.getParentSpanId()).isEqualTo(consumerClient.getSpanId());
        assertThat(frontClient.getParentSpanId()).isEqualTo(frontServer.getSpanId());
        assertThat(backServer.getParentSpanId()).isEqualTo(frontClient.getSpanId());

        assertThat(consumerClient.getName()).isEqualTo(Front.class.getName() + "/relay");
        assertThat(consumerClient.getAttributes().asMap()).isEqualTo(attributes(Front.class, "relay", frontPort));
        assertThat(frontServer.getAttributes().asMap()).isEqualTo(attributes(Front.class, "relay", frontPort));
        assertThat(frontClient.getAttributes().asMap()).isEqualTo(attributes(Back.class, "where", backPort));
        assertThat(backServer.getAttributes().asMap()).isEqualTo(attributes(Back.class, "where", backPort));
        assertThat(spans).allSatisfy(s -> assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET));

        // the MDC while Front's method ran; Back's CallContext.trace() while its method ran: its SERVER span
        assertThat(seen[0]).isEqualTo(traceId + " " + frontServer.getSpanId());
        assertThat(seen[1]).isEqualTo(traceId + " " + backServer.getSpanId());
    }

    @Test
    void downstreamCallsFromACallbackOfAnAsyncCallStayInTheTrace() throws Exception {
        String[] seen = front.relayFromCallback().get(WAIT.toSeconds(), TimeUnit.SECONDS).split(" \\| ");
        List<SpanData> spans = awaitSpans(6);
        SpanData frontServer = span(spans, SpanKind.SERVER, Front.class, "relayFromCallback");
        List<SpanData> frontClients = spans.stream().filter(s -> s.getKind() == SpanKind.CLIENT
                && s.getName().startsWith(Back.class.getName())).toList();
        assertThat(frontClients).hasSize(2).allSatisfy(c -> {
            assertThat(c.getTraceId()).isEqualTo(frontServer.getTraceId());
            assertThat(c.getParentSpanId()).isEqualTo(frontServer.getSpanId());
        });
        List<SpanData> backServers = spans.stream().filter(s -> s.getKind() == SpanKind.SERVER
                && s.getName().startsWith(Back.class.getName())).toList();
        assertThat(backServers).hasSize(2).extracting(SpanData::getParentSpanId)
                .containsExactlyInAnyOrderElementsOf(frontClients.stream().map(SpanData::getSpanId).toList());
        assertThat(seen).allSatisfy(s -> assertThat(s).startsWith(frontServer.getTraceId() + " "));
    }

    @Test
    void aBadIncomingTraceparentStartsANewTraceThatDownstreamContinues() {
        untracedFront.relay();
        List<SpanData> spans = awaitSpans(3);
        SpanData frontServer = span(spans, SpanKind.SERVER, Front.class, "relay");
        assertThat(frontServer.getParentSpanId()).isEqualTo(SpanId.getInvalid());
        assertThat(frontServer.getTraceId()).isNotEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(spans).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(frontServer.getTraceId()));
    }

    @Test
    void aFailedCallEndsBothSpansInErrorWithItsStatusCode() {
        assertThatThrownBy(() -> back.fail()).isInstanceOfSatisfying(RpcException.class,
                e -> assertThat(e.status()).isEqualTo(Status.INVALID_ARGUMENT));
        List<SpanData> spans = awaitSpans(2);
        assertThat(spans).allSatisfy(s -> {
            assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(s.getAttributes().get(AttributeKey.longKey("rpc.weft.status_code")))
                    .isEqualTo((long) Status.INVALID_ARGUMENT.code());
        });
    }

    @Test
    void aCallMadeInsideAnApplicationSpanIsItsChild() {
        var tracer = tracerProvider.get("test");
        var outer = tracer.spanBuilder("handle-request").startSpan();
        try (var ignored = outer.makeCurrent()) {
            back.where();
        } finally {
            outer.end();
        }
        List<SpanData> spans = awaitSpans(3);
        SpanData client = span(spans, SpanKind.CLIENT, Back.class, "where");
        assertThat(client.getParentSpanId()).isEqualTo(outer.getSpanContext().getSpanId());
        assertThat(client.getTraceId()).isEqualTo(outer.getSpanContext().getTraceId());
    }

    @Test
    void aCallInsideAnAttachedWeftTraceContinuesIt() {
        TraceContext parent = TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", null);
        try (var ignored = CallContext.current().withTrace(parent).attach()) {
            back.where();
        }
        List<SpanData> spans = awaitSpans(2);
        SpanData client = span(spans, SpanKind.CLIENT, Back.class, "where");
        assertThat(client.getTraceId()).isEqualTo(parent.traceId());
        assertThat(client.getParentSpanId()).isEqualTo(parent.spanIdHex());
    }

    private static List<SpanData> awaitSpans(int count) {
        await().atMost(WAIT).until(() -> exporter.getFinishedSpanItems().size() >= count);
        List<SpanData> spans = exporter.getFinishedSpanItems();
        assertThat(spans).hasSize(count);
        return spans;
    }

    private static SpanData span(List<SpanData> spans, SpanKind kind, Class<?> service, String method) {
        return spans.stream()
                .filter(s -> s.getKind() == kind && s.getName().equals(service.getName() + "/" + method))
                .reduce((a, b) -> {
                    throw new AssertionError("two " + kind + " spans of " + method + ": " + spans);
                })
                .orElseThrow(() -> new AssertionError("no " + kind + " span of " + method + " in " + spans));
    }

    /** The attributes of a call that ended OK. */
    private static java.util.Map<AttributeKey<?>, Object> attributes(Class<?> service, String method, int port) {
        return Attributes.builder()
                .put("rpc.system", "weft")
                .put("rpc.service", service.getName())
                .put("rpc.method", method)
                .put("rpc.weft.status_code", 0L)
                .put("server.address", "127.0.0.1")
                .put("server.port", (long) port)
                .build().asMap();
    }
}
