package io.weft.registry.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.RegistryAddress;
import io.weft.ServiceInstance;
import io.weft.spi.Registry;
import io.weft.spi.RuleValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The rule and audit operations of AbstractRegistry reach the composed store and log under the layout's keys. */
class AbstractRegistryTest {
    private final InMemoryRules rules = new InMemoryRules();
    private final InMemoryAudit audit = new InMemoryAudit();
    private final TestRegistry registry = new TestRegistry(rules, audit);

    @Test
    void ruleOperationsReachTheStoreAtTheLayoutKey() {
        long revision = registry.putRule("io.weft.Greeter", "routing", "{\"a\":1}", 0);

        assertThat(rules.values).containsOnlyKeys("/test/rules/io.weft.Greeter/routing");
        assertThat(registry.getRule("io.weft.Greeter", "routing")).contains(new RuleValue("{\"a\":1}", revision));
        assertThat(registry.deleteRule("io.weft.Greeter", "routing", revision)).isTrue();
        assertThat(registry.getRule("io.weft.Greeter", "routing")).isEmpty();
    }

    @Test
    void unknownRuleKindIsRefusedBeforeTheStoreIsAsked() {
        assertThatThrownBy(() -> registry.putRule("io.weft.Greeter", "routes", "{}", -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown rule kind 'routes'");
        assertThat(rules.values).isEmpty();
    }

    @Test
    void expectedRevisionBelowMinusOneIsRefused() {
        assertThatThrownBy(() -> registry.deleteRule("io.weft.Greeter", "routing", -2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got -2");
    }

    @Test
    void auditEntriesReachTheLogAndAZeroLimitReadsNothing() {
        registry.appendAudit("{\"n\":1}");
        registry.appendAudit("{\"n\":2}");

        assertThat(registry.audit(1)).containsExactly("{\"n\":2}");
        int reads = audit.reads;
        assertThat(registry.audit(0)).isEmpty();
        assertThat(audit.reads).isEqualTo(reads);
        assertThatThrownBy(() -> registry.audit(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("audit limit must not be negative: -1");
    }

    @Test
    void closedRegistryRefusesRuleAndAuditCalls() {
        registry.close();

        assertThatThrownBy(() -> registry.getRule("io.weft.Greeter", "routing"))
                .isInstanceOf(IllegalStateException.class).hasMessage("registry is closed");
        assertThatThrownBy(() -> registry.appendAudit("{}")).isInstanceOf(IllegalStateException.class);
        assertThat(audit.entries).isEmpty();
    }

    private static final class InMemoryRules implements RuleStore {
        final Map<String, RuleValue> values = new TreeMap<>();
        long revision;

        @Override
        public Optional<RuleValue> get(String key) {
            return Optional.ofNullable(values.get(key));
        }

        @Override
        public long put(String key, String json, long expectedRevision) {
            values.put(key, new RuleValue(json, ++revision));
            return revision;
        }

        @Override
        public boolean delete(String key, long expectedRevision) {
            return values.remove(key) != null;
        }
    }

    private static final class InMemoryAudit implements AuditLog {
        final List<String> entries = new ArrayList<>();
        int reads;

        @Override
        public void append(String json) {
            entries.add(json);
        }

        @Override
        public List<String> newest(int limit) {
            reads++;
            List<String> newest = new ArrayList<>();
            for (int i = entries.size() - 1; i >= 0 && newest.size() < limit; i--) {
                newest.add(entries.get(i));
            }
            return newest;
        }
    }

    private static final class TestRegistry extends AbstractRegistry<Registry.Registration> {
        TestRegistry(RuleStore rules, AuditLog audit) {
            super("test", RegistryAddress.parse("zookeeper://127.0.0.1:1"), "test", Duration.ofSeconds(1), rules,
                    audit);
        }

        @Override
        protected Registration newRegistration(String key, ServiceInstance instance) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected boolean startAndAwait(Registration registration, Duration timeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void abandonUnfinished(Registration registration) {
        }

        @Override
        protected Watch watchRuleKey(String key, Consumer<Optional<RuleValue>> listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected List<ServiceInstance> listInstances(String parent) {
            return List.of();
        }

        @Override
        protected Watch watchInstances(String parent, Consumer<List<ServiceInstance>> listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> services() {
            return List.of();
        }

        @Override
        public void close() {
            markClosed();
        }
    }
}
