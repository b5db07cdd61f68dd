package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.weft.Status;
import io.weft.Weft;
import io.weft.internal.transport.FrameKind;
import io.weft.spi.InstanceRole;
import io.weft.test.WeftExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rules change under live traffic: applied at the next call, kept when invalid, never dropping connections. */
class ProviderRuleChangesIT {
    @RegisterExtension
    static final WeftExtension weft = WeftExtension.zooKeeper();
    private static final String DENY_ECHO = """
            {"rules":[{"action":"deny","match":{"methods":["echo"]}}]}""";

    @Test
    void removedRuleRestoresNormalBehaviour() {
        try (RuledProvider provider = new RuledProvider(weft); Weft consumer = Outcomes.consumer("web", null)) {
            EchoService echo = Nodes.stub(consumer, provider.weft);
            provider.put("security", DENY_ECHO);
            provider.put("throttling", "{\"limits\":[{\"side\":\"provider\",\"qps\":0.01,\"burst\":1}]}");
            assertThat(Outcomes.of(() -> echo.echo("x"))).isEqualTo(Status.PERMISSION_DENIED);

            provider.remove("security");
            provider.remove("throttling");

            assertThat(Outcomes.count(5, () -> echo.echo("x"))).isEqualTo(Map.of(Status.OK, 5));
        }
    }

    @Test
    void invalidRuleAfterAValidOneKeepsTheValidOneInForce() {
        try (RuledProvider provider = new RuledProvider(weft); Weft consumer = Outcomes.consumer("web", null)) {
            EchoService echo = Nodes.stub(consumer, provider.weft);
            provider.put("security", DENY_ECHO);

            weft.putRule(RuledProvider.SERVICE, "security", "{\"defaultAction\":\"maybe\",\"rules\":[]}");

            // the provider reports the refused value in its registry node (status.ruleErrors, DESIGN §6)
            await().atMost(Duration.ofSeconds(10)).until(() -> weft.registry()
                    .list(RuledProvider.SERVICE, InstanceRole.PROVIDER).stream()
                    .allMatch(i -> i.status().ruleErrors().containsKey("security")));
            assertThat(Outcomes.of(() -> echo.echo("x"))).isEqualTo(Status.PERMISSION_DENIED);
        }
    }

    @Test
    void ruleChangesApplyToTheNextRequestOnTheSameConnection() throws Exception {
        try (RuledProvider provider = new RuledProvider(weft); RawPeer peer = RawPeer.connect(provider.port())) {
            peer.send(RawPeer.echoRequest(1, false));
            assertThat(peer.read().status()).isEqualTo(Status.OK.code());

            provider.put("security", DENY_ECHO);
            peer.send(RawPeer.echoRequest(2, false));
            RawPeer.RawFrame denied = peer.read();
            assertThat(denied.kind()).isEqualTo(FrameKind.REQUEST + 1); // RESPONSE, not GOAWAY
            assertThat(denied.status()).isEqualTo(Status.PERMISSION_DENIED.code());

            provider.put("faults", "{\"faults\":[{\"side\":\"provider\",\"delay\":{\"ms\":1,\"percent\":100}}]}");
            provider.remove("security");
            peer.send(RawPeer.echoRequest(3, false));
            RawPeer.RawFrame ok = peer.read();
            assertThat(ok.id()).isEqualTo(3);
            assertThat(ok.status()).isEqualTo(Status.OK.code());
        }
    }
}
