package io.weft.internal.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.rule.RuleKind;
import io.weft.rule.SecurityRule.ConnectionLimits;
import io.weft.rules.RuleCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The strictest limits across a server's services, and per-IP state that lives only as long as connections. */
class ConnectionGuardTest {

    private static RuleSnapshot security(String json) {
        return RuleSnapshot.EMPTY.with(RuleCodec.parse(RuleKind.SECURITY, json), 1);
    }

    @Test
    void strictestTakesTheSmallestValueOfEachLimitSeparately() {
        ConnectionLimits limits = ConnectionGuard.strictest(List.of(
                security("""
                        {"connectionLimits":{"maxConnectionsPerIp":50,"maxRequestsPerSecondPerIp":100}}"""),
                RuleSnapshot.EMPTY,
                security("""
                        {"connectionLimits":{"maxConnectionsPerIp":10}}"""),
                security("""
                        {"defaultAction":"deny"}""")));

        assertThat(limits).isEqualTo(new ConnectionLimits(10, 100));
    }

    @Test
    void strictestOfServicesWithoutConnectionLimitsIsNoLimits() {
        assertThat(ConnectionGuard.strictest(List.of())).isEqualTo(ConnectionGuard.NO_LIMITS);
        assertThat(ConnectionGuard.strictest(List.of(RuleSnapshot.EMPTY, security("{\"defaultAction\":\"allow\"}"))))
                .isEqualTo(new ConnectionLimits(null, null));
    }
}
