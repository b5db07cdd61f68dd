package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.weft.CallContext;
import io.weft.ReferenceOptions;
import io.weft.Status;
import io.weft.TraceContext;
import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.spi.CallListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The observation hook on real sockets: one report per call on each side, with what it says. */
class CallListenerIT {

    record Finished(CallListener.Side side, String service, String method, Status status, long nanos, String peer,
                    String app, String traceparent) {}

    static final class Recording implements CallListener {
        final AtomicInteger started = new AtomicInteger();
        final List<Finished> finished = new CopyOnWriteArrayList<>();

        @Override
        public void callStarted(Side side, String service) {
            started.incrementAndGet();
        }

        @Override
        public void callFinished(Side side, String service, String method, Status status, long durationNanos,
                                 String peer, String callerApplication, Map<String, String> metadata) {
            finished.add(new Finished(side, service, method, status, durationNanos, peer, callerApplication,
                    metadata.get("traceparent")));
        }
    }

    @Test
    void everyCallIsReportedOnceOnEachSideWithStatusPeerAppAndMetadata() {
        Recording server = new Recording();
        Recording client = new Recording();
        try (Weft provider = Weft.builder(WeftConfig.of(Map.of(WeftConfig.SERVER_PORT, "0",
                     WeftConfig.SERVER_HOST, "127.0.0.1", WeftConfig.APPLICATION, "echo-provider")))
                     .callListener(server).build();
             Weft consumer = Weft.builder(WeftConfig.of(Map.of(WeftConfig.APPLICATION, "echo-consumer")))
                     .callListener(client).build()) {
            provider.export(EchoService.class, new EchoServiceImpl("p"));
            EchoService echo = consumer.reference(EchoService.class,
                    ReferenceOptions.builder().directAddress(Nodes.address(provider)).build());
            String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
            try (CallContext.Scope ignored = CallContext.current().withTrace(TraceContext.parse(traceparent, null))
                    .attach()) {
                assertThat(echo.echo("a")).isEqualTo("a"); // continues that trace: same trace id, a new span
            }
            assertThat(echo.echo("b")).isEqualTo("b");
            assertThatThrownBy(() -> echo.fail("no"));

            await().atMost(Duration.ofSeconds(10)).until(() -> server.finished.size() == 3);
            assertThat(client.finished).hasSize(3);
            assertThat(client.started).hasValue(3);
            assertThat(server.started).hasValue(3);

            String service = EchoService.class.getName();
            assertThat(client.finished).extracting(Finished::status)
                    .containsExactly(Status.OK, Status.OK, Status.UNKNOWN);
            assertThat(client.finished).allSatisfy(f -> {
                assertThat(f.side()).isEqualTo(CallListener.Side.CLIENT);
                assertThat(f.service()).isEqualTo(service);
                assertThat(f.peer()).isEqualTo(Nodes.address(provider));
                assertThat(f.app()).isEqualTo("echo-consumer");
                assertThat(f.nanos()).isPositive();
            });
            String traceId = traceparent.substring(3, 35);
            assertThat(client.finished.get(0).traceparent()).startsWith("00-" + traceId + "-");
            assertThat(client.finished.get(1).traceparent()).startsWith("00-").doesNotContain(traceId); // a new trace
            assertThat(server.finished).extracting(Finished::method).containsExactlyInAnyOrder("echo", "echo", "fail");
            assertThat(server.finished).allSatisfy(f -> {
                assertThat(f.side()).isEqualTo(CallListener.Side.SERVER);
                assertThat(f.peer()).startsWith("127.0.0.1:");
                assertThat(f.app()).isEqualTo("echo-consumer");
            });
            assertThat(server.finished).extracting(Finished::traceparent)
                    .anySatisfy(t -> assertThat(t).startsWith("00-" + traceId + "-"));
            assertThat(server.finished).extracting(Finished::status).containsOnly(Status.OK, Status.UNKNOWN);
        }
    }

    @Test
    void requestsRefusedBeforeServingAreReportedAsStartedAndFinished() {
        Recording server = new Recording();
        try (Weft provider = Weft.builder(WeftConfig.of(Map.of(WeftConfig.SERVER_PORT, "0",
                     WeftConfig.SERVER_HOST, "127.0.0.1", WeftConfig.APPLICATION, "echo-provider")))
                     .callListener(server).build();
             Weft consumer = Nodes.consumer()) {
            provider.export(Holder.class, new HolderImpl("h", false));
            EchoService echo = Nodes.stub(consumer, provider); // not exported there: NOT_FOUND
            assertThatThrownBy(() -> echo.echo("x"));
            await().atMost(Duration.ofSeconds(10)).until(() -> server.finished.size() == 1);
            assertThat(server.started).hasValue(1);
            assertThat(server.finished.get(0).status()).isEqualTo(Status.NOT_FOUND);
            assertThat(server.finished.get(0).method()).isEqualTo("echo");
        }
    }
}
