package io.weft.internal.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.RpcException;
import io.weft.Status;
import io.weft.rule.RuleKind;
import io.weft.rules.RuleCodec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Limiter state follows the throttling revision, not the snapshot. */
class ServicePolicyTest {
    private static final String ONE_CALL = """
            {"limits":[{"name":"one","side":"provider","qps":0.001,"burst":1}]}""";
    private static final String ONE_AT_A_TIME = """
            {"limits":[{"name":"conc","side":"provider","maxConcurrent":1}]}""";

    private static RuleSnapshot with(RuleSnapshot s, RuleKind kind, String json, long revision) {
        return s.with(RuleCodec.parse(kind, json), revision);
    }

    private static void call(ServicePolicy p) {
        p.limiters.acquire("echo", "web", Map.of(), null, "127.0.0.1:1", () -> 1);
    }

    @Test
    void limiterStateSurvivesChangesOfOtherRuleKinds() {
        RuleSnapshot s1 = with(RuleSnapshot.EMPTY, RuleKind.THROTTLING, ONE_CALL, 3);
        ServicePolicy p1 = ServicePolicy.of(s1, null);
        call(p1);
        RuleSnapshot s2 = with(s1, RuleKind.FAULTS, """
                {"faults":[{"side":"provider","abort":{"status":"INTERNAL","percent":0}}]}""", 4);
        ServicePolicy p2 = ServicePolicy.of(s2, p1);

        assertThat(p2.limiters).isSameAs(p1.limiters);
        assertThatThrownBy(() -> call(p2)).isInstanceOfSatisfying(RpcException.class,
                e -> assertThat(e.status()).isEqualTo(Status.RESOURCE_EXHAUSTED));
    }

    @Test
    void limiterStateResetsWhenTheThrottlingRevisionChanges() {
        ServicePolicy p1 = ServicePolicy.of(with(RuleSnapshot.EMPTY, RuleKind.THROTTLING, ONE_CALL, 3), null);
        call(p1);
        assertThatThrownBy(() -> call(p1)).isInstanceOf(RpcException.class);

        ServicePolicy p2 = ServicePolicy.of(with(p1.snapshot, RuleKind.THROTTLING, ONE_CALL, 5), p1);

        assertThat(p2.limiters).isNotSameAs(p1.limiters);
        call(p2);
    }

    @Test
    void concurrencySlotIsFreedOnReleaseAndRefusalTakesNothing() {
        ServicePolicy p = ServicePolicy.of(with(RuleSnapshot.EMPTY, RuleKind.THROTTLING, ONE_AT_A_TIME, 1), null);
        var held = p.limiters.acquire("echo", null, Map.of(), null, "x", () -> 1);
        assertThatThrownBy(() -> call(p)).isInstanceOf(RpcException.class);
        ProviderLimiters.release(held);
        ProviderLimiters.release(p.limiters.acquire("echo", null, Map.of(), null, "x", () -> 1));
    }

    @Test
    void consumerSideLimitsAndFaultsLeaveNothingForTheProvider() {
        RuleSnapshot s = with(RuleSnapshot.EMPTY, RuleKind.THROTTLING, """
                {"limits":[{"side":"consumer","qps":1}]}""", 1);
        s = with(s, RuleKind.FAULTS, """
                {"faults":[{"side":"consumer","delay":{"ms":10,"percent":100}}]}""", 2);
        assertThat(ServicePolicy.of(s, null).isEmpty()).isTrue();
    }
}
