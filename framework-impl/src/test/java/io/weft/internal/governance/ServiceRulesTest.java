package io.weft.internal.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceRulesTest {
    private static final String SVC = "io.weft.demo.Greeter";
    private static final String LIMIT = "{\"limits\":[{\"side\":\"provider\",\"qps\":5}]}";

    @Test
    void validRuleIsSwappedInWithItsRevision() {
        FakeRuleSource source = new FakeRuleSource();
        List<String> changes = new ArrayList<>();
        Governance governance = new Governance(source, changes::add);
        ServiceRules rules = governance.rules(SVC);
        assertThat(rules.current().isEmpty()).isTrue();

        long rev = source.put(SVC, "throttling", LIMIT);
        assertThat(rules.current().throttling().limits().get(0).qps()).isEqualTo(5.0);
        assertThat(rules.current().revisions()).containsEntry("throttling", rev);
        assertThat(changes).containsExactly(SVC);
    }

    @Test
    void invalidRuleKeepsTheLastGoodOneAndRecordsTheError() {
        FakeRuleSource source = new FakeRuleSource();
        ServiceRules rules = new Governance(source, s -> { }).rules(SVC);
        long good = source.put(SVC, "throttling", LIMIT);
        source.put(SVC, "throttling", "{\"limits\":[{\"side\":\"sideways\",\"qps\":5}]}");

        RuleSnapshot now = rules.current();
        assertThat(now.throttling().limits().get(0).qps()).isEqualTo(5.0);
        assertThat(now.revisions()).containsEntry("throttling", good);
        assertThat(now.errors().get("throttling")).contains("limits[0].side").contains("sideways");

        source.put(SVC, "throttling", "{\"limits\":[{\"side\":\"provider\",\"qps\":9}]}");
        assertThat(rules.current().errors()).isEmpty();
        assertThat(rules.current().throttling().limits().get(0).qps()).isEqualTo(9.0);
    }

    @Test
    void deletedKeyRemovesTheRuleAndOtherKindsStay() {
        FakeRuleSource source = new FakeRuleSource();
        ServiceRules rules = new Governance(source, s -> { }).rules(SVC);
        source.put(SVC, "throttling", LIMIT);
        source.put(SVC, "faults", "{\"faults\":[{\"side\":\"consumer\",\"delay\":{\"ms\":5,\"percent\":100}}]}");
        source.delete(SVC, "throttling");
        assertThat(rules.current().throttling()).isNull();
        assertThat(rules.current().faults()).isNotNull();
        assertThat(rules.current().revisions()).containsOnlyKeys("faults");
    }

    @Test
    void ruleInTheRegistryBeforeWatchingIsAppliedAtOnce() {
        FakeRuleSource source = new FakeRuleSource();
        source.put(SVC, "throttling", LIMIT);
        assertThat(new Governance(source, s -> { }).rules(SVC).current().throttling()).isNotNull();
    }

    @Test
    void withoutARuleSourceEveryServiceHasNoRules() {
        assertThat(new Governance(null, s -> { }).rules(SVC).current().isEmpty()).isTrue();
    }
}
