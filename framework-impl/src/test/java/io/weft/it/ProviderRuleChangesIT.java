package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.weft.Status;
import io.weft.Weft;
import io.weft.internal.serialization.Hessian2Serialization;
import io.weft.internal.transport.FrameKind;
import io.weft.internal.transport.FrameWriter;
import io.weft.internal.transport.Wire;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rules change under live traffic: applied at the next call, kept when invalid, never dropping connections. */
class ProviderRuleChangesIT {
    private static final Hessian2Serialization HESSIAN = new Hessian2Serialization(List.of());
    private static final String DENY_ECHO = """
            {"rules":[{"action":"deny","match":{"methods":["echo"]}}]}""";

    static ByteBuf echoRequest(long id, boolean oneWay) throws IOException {
        Map<String, String> md = new LinkedHashMap<>();
        md.put(Wire.SERVICE, EchoService.class.getName());
        md.put(Wire.METHOD, "echo");
        md.put(Wire.APP, "raw");
        return FrameWriter.request(ByteBufAllocator.DEFAULT, id, oneWay, FrameWriter.encodeEntries(md), md.size(), -1,
                Map.of(), HESSIAN, new Object[] {"raw-" + id});
    }

    @Test
    void removedRuleRestoresNormalBehaviour() {
        try (GovernedProvider provider = new GovernedProvider(); Weft consumer = Outcomes.consumer("web", null)) {
            EchoService echo = Outcomes.stub(consumer, provider);
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
        try (GovernedProvider provider = new GovernedProvider(); Weft consumer = Outcomes.consumer("web", null)) {
            EchoService echo = Outcomes.stub(consumer, provider);
            provider.put("security", DENY_ECHO);

            provider.put("security", "{\"defaultAction\":\"maybe\",\"rules\":[]}");

            assertThat(Outcomes.of(() -> echo.echo("x"))).isEqualTo(Status.PERMISSION_DENIED);
            assertThat(provider.governance.rules(GovernedProvider.SERVICE).current().errors())
                    .containsKey("security");
        }
    }

    @Test
    void ruleChangesApplyToTheNextRequestOnTheSameConnection() throws Exception {
        try (GovernedProvider provider = new GovernedProvider(); RawPeer peer = RawPeer.connect(provider.port())) {
            peer.send(echoRequest(1, false));
            assertThat(peer.read().status()).isEqualTo(Status.OK.code());

            provider.put("security", DENY_ECHO);
            peer.send(echoRequest(2, false));
            RawPeer.RawFrame denied = peer.read();
            assertThat(denied.kind()).isEqualTo(FrameKind.REQUEST + 1); // RESPONSE, not GOAWAY
            assertThat(denied.status()).isEqualTo(Status.PERMISSION_DENIED.code());

            provider.put("faults", "{\"faults\":[{\"side\":\"provider\",\"delay\":{\"ms\":1,\"percent\":100}}]}");
            provider.remove("security");
            peer.send(echoRequest(3, false));
            RawPeer.RawFrame ok = peer.read();
            assertThat(ok.id()).isEqualTo(3);
            assertThat(ok.status()).isEqualTo(Status.OK.code());
        }
    }
}
