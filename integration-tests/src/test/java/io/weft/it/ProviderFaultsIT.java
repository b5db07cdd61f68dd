package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.CallContext;
import io.weft.ReferenceOptions;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.Weft;
import io.weft.test.WeftExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Provider-side fault injection from the faults rule. */
class ProviderFaultsIT {
    @RegisterExtension
    static final WeftExtension weft = WeftExtension.zooKeeper();

    @Test
    void abortOnOneInstanceFailsOnlyThatInstance() {
        try (RuledProvider down = new RuledProvider(weft);
             RuledProvider up = new RuledProvider(weft);
             Weft consumer = Outcomes.consumer("web", null)) {
            down.put("faults", """
                    {"faults":[
                      {"name":"down","side":"provider","match":{"instances":["%s"]},
                       "abort":{"status":"UNAVAILABLE","percent":100,"message":"injected outage"}},
                      {"name":"never","side":"provider","match":{"instances":["%s"]},
                       "abort":{"status":"INTERNAL","percent":0}}]}""".formatted(down.address(), up.address()));

            assertThatThrownBy(() -> Nodes.stub(consumer, down.weft).echo("x"))
                    .isInstanceOfSatisfying(RpcException.class, e -> {
                        assertThat(e.status()).isEqualTo(Status.UNAVAILABLE);
                        assertThat(e.description()).isEqualTo("injected outage");
                    });
            assertThat(down.impl.calls.get()).isZero();
            assertThat(Outcomes.count(20, () -> Nodes.stub(consumer, up.weft).echo("y"))).isEqualTo(Map.of(Status.OK, 20));
        }
    }

    @Test
    void delayAddsLatencyAndTheServiceStillSeesItsCallContext() {
        try (RuledProvider provider = new RuledProvider(weft); Weft consumer = Outcomes.consumer("web", null)) {
            provider.put("faults", """
                    {"faults":[{"side":"provider","match":{"methods":["metadata"]},"delay":{"ms":300,"percent":100}}]}""");
            EchoService echo = Nodes.stub(consumer, provider.weft);

            long start = System.nanoTime();
            String seen;
            try (var scope = CallContext.current().withMetadata("tier", "beta").attach()) {
                seen = echo.metadata("tier");
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(seen).isEqualTo("beta");
            assertThat(elapsed).isBetween(Duration.ofMillis(300), Duration.ofSeconds(5));
        }
    }

    @Test
    void delayLongerThanTheDeadlineEndsWithTheDeadline() {
        try (RuledProvider provider = new RuledProvider(weft); Weft consumer = Outcomes.consumer("web", null)) {
            provider.put("faults", """
                    {"faults":[{"side":"provider","delay":{"ms":60000,"percent":100}}]}""");
            EchoService echo = consumer.reference(EchoService.class, ReferenceOptions.builder()
                    .directAddress(provider.address()).timeout(Duration.ofMillis(300)).build());

            long start = System.nanoTime();
            assertThat(Outcomes.of(() -> echo.echo("x"))).isEqualTo(Status.DEADLINE_EXCEEDED);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }
}
