package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.CallContext;
import io.weft.ReferenceOptions;
import io.weft.TraceContext;
import io.weft.Weft;
import io.weft.WeftConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * W3C trace context without OpenTelemetry (DESIGN §10): consumer → relay A → leaf B over real
 * sockets. Every call carries a {@code traceparent} with a new span id; providers continue the
 * caller's trace, also from async callbacks and executor tasks; a bad header starts a new trace.
 */
class TracePropagationIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final List<String> sentByConsumer = new CopyOnWriteArrayList<>();
    private static final List<String> receivedByLeaf = new CopyOnWriteArrayList<>();
    private static ExecutorService executor;
    private static Weft leaf;
    private static Weft relay;
    private static Weft relayClient;
    private static Weft consumer;
    private static TraceProbe probe;

    @BeforeAll
    static void start() {
        executor = Executors.newFixedThreadPool(2);
        leaf = Weft.builder(providerConfig("leaf"))
                .serverInterceptor((call, next) -> {
                    receivedByLeaf.add(call.metadata().get(TraceContext.TRACEPARENT));
                    return next.handle(call);
                })
                .build();
        leaf.export(TraceProbe.class, new TraceProbeImpl());
        relayClient = Nodes.consumer();
        TraceProbe toLeaf = relayClient.reference(TraceProbe.class, direct(leaf));
        relay = Weft.create(providerConfig("relay"));
        relay.export(TraceProbe.class, new TraceProbeImpl(toLeaf, executor));
        consumer = Weft.builder(WeftConfig.of(Map.of(WeftConfig.APPLICATION, "web")))
                .clientFilter((call, next) -> {
                    String bad = CallContext.current().metadata().get("send-traceparent");
                    if (bad != null) {
                        call.metadata().put(TraceContext.TRACEPARENT, bad);
                    }
                    sentByConsumer.add(call.metadata().get(TraceContext.TRACEPARENT));
                    return next.invoke(call);
                })
                .build();
        probe = consumer.reference(TraceProbe.class, direct(relay));
    }

    @AfterAll
    static void stop() {
        consumer.close();
        relay.close();
        relayClient.close();
        leaf.close();
        executor.shutdownNow();
    }

    @BeforeEach
    void clear() {
        sentByConsumer.clear();
        receivedByLeaf.clear();
    }

    @Test
    void aCallWithoutTraceStartsOneThatTheProviderAndItsDownstreamContinue() {
        String[] hops = probe.relay().split(" \\| ");
        TraceContext sent = TraceContext.parse(sentByConsumer.get(0), null);
        assertThat(sentByConsumer.get(0)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(hops[0]).isEqualTo(TraceProbeImpl.describe(sent));
        TraceContext atLeaf = TraceContext.parse(receivedByLeaf.get(0), null);
        assertThat(hops[1]).isEqualTo(TraceProbeImpl.describe(atLeaf));
        assertThat(atLeaf.traceId()).isEqualTo(sent.traceId());
        assertThat(atLeaf.spanId()).isNotEqualTo(sent.spanId());
    }

    @Test
    void eachCallSendsANewSpanAndANewTraceWhenNoneIsAttached() {
        probe.seen();
        probe.seen();
        TraceContext first = TraceContext.parse(sentByConsumer.get(0), null);
        TraceContext second = TraceContext.parse(sentByConsumer.get(1), null);
        assertThat(first.traceId()).isNotEqualTo(second.traceId());
    }

    @Test
    void anAttachedTraceIsContinuedWithItsFlagsAndTracestate() {
        TraceContext parent = TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00",
                "vendor=opaque");
        String[] hops;
        try (var ignored = CallContext.current().withTrace(parent).attach()) {
            hops = probe.relay().split(" \\| ");
        }
        for (String hop : hops) {
            assertThat(hop).startsWith("4bf92f3577b34da6a3ce929d0e0e4736 ").endsWith(" 0 vendor=opaque");
        }
        assertThat(hops[0]).doesNotContain(parent.spanIdHex());
        assertThat(hops[0].split(" ")[1]).isNotEqualTo(hops[1].split(" ")[1]);
    }

    @Test
    void downstreamCallsFromAnAsyncCallbackKeepTheTrace() throws Exception {
        String[] hops = probe.relayFromCallback().get(WAIT.toSeconds(), TimeUnit.SECONDS).split(" \\| ");
        String traceId = TraceContext.parse(sentByConsumer.get(0), null).traceId();
        assertThat(hops).hasSize(3).allSatisfy(hop -> assertThat(hop).startsWith(traceId + " "));
        assertThat(receivedByLeaf).hasSize(2);
    }

    @Test
    void downstreamCallsFromAnExecutorTaskKeepTheTrace() throws Exception {
        String[] hops = probe.relayFromExecutor().get(WAIT.toSeconds(), TimeUnit.SECONDS).split(" \\| ");
        String traceId = TraceContext.parse(sentByConsumer.get(0), null).traceId();
        assertThat(hops).hasSize(2).allSatisfy(hop -> assertThat(hop).startsWith(traceId + " "));
    }

    @Test
    void aBadTraceparentStartsANewTraceThatDownstreamCallsContinue() {
        String[] hops;
        try (var ignored = CallContext.current().withMetadata("send-traceparent",
                "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01").attach()) {
            hops = probe.relay().split(" \\| ");
        }
        String newTrace = hops[0].split(" ")[0];
        assertThat(newTrace).matches("[0-9a-f]{32}").isNotEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(hops[1]).startsWith(newTrace + " ");
    }

    @Test
    void callbacksOfAnAsyncCallRunInTheCallersContext() throws Exception {
        CallContext mine = CallContext.current().withMetadata("tier", "beta");
        java.util.concurrent.CompletableFuture<String> inCallback;
        java.util.concurrent.CompletableFuture<String> inAsyncCallback;
        try (var ignored = mine.attach()) {
            var call = probe.seenAsync();
            inCallback = call.thenApply(r -> CallContext.current().metadata().get("tier"));
            inAsyncCallback = call.thenApplyAsync(r -> CallContext.current().metadata().get("tier"))
                    .thenApply(r -> r + "/" + CallContext.current().metadata().get("tier"));
        }
        assertThat(inCallback.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("beta");
        assertThat(inAsyncCallback.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("beta/beta");
    }

    private static WeftConfig providerConfig(String application) {
        return WeftConfig.of(Map.of(WeftConfig.SERVER_PORT, "0", WeftConfig.SERVER_HOST, "127.0.0.1",
                WeftConfig.APPLICATION, application));
    }

    private static ReferenceOptions direct(Weft provider) {
        return ReferenceOptions.builder().directAddress("127.0.0.1:" + provider.serverAddress().orElseThrow().getPort())
                .build();
    }
}
