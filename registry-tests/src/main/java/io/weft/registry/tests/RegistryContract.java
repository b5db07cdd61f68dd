package io.weft.registry.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.weft.ServiceInstance;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import io.weft.spi.RevisionConflictException;
import io.weft.spi.RuleValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Registry} must do: the instance contract of {@link InstanceContract} plus rule
 * keys (read, watch, compare-and-set writes) and the service list. A backend's test extends this
 * class once per kind of server it runs (single server; see {@link ClusterContract} for member loss).
 */
public abstract class RegistryContract extends InstanceContract {
    private static final String ROUTING = "{\"routes\":[]}";

    @Test
    void absentRuleReadsAsEmpty() {
        assertThat(newRegistry().getRule(service, "routing")).isEmpty();
    }

    @Test
    void ruleIsCreatedReadAndRewrittenByRevision() {
        Registry writer = newRegistry();
        Registry reader = newRegistry();

        long created = writer.putRule(service, "routing", ROUTING, 0);
        assertThat(created).isPositive();
        assertThat(reader.getRule(service, "routing")).contains(new RuleValue(ROUTING, created));

        long rewritten = writer.putRule(service, "routing", "{\"routes\":[1]}", created);
        assertThat(rewritten).isGreaterThan(created);
        assertThat(reader.getRule(service, "routing")).contains(new RuleValue("{\"routes\":[1]}", rewritten));
        assertThat(reader.getRule(service, "throttling")).isEmpty();
    }

    @Test
    void staleRevisionIsAConflictThatNamesTheCurrentRevision() {
        Registry registry = newRegistry();
        long first = registry.putRule(service, "faults", "{\"faults\":[]}", 0);
        long second = registry.putRule(service, "faults", "{\"faults\":[{}]}", first);

        assertThatThrownBy(() -> registry.putRule(service, "faults", "{\"lost\":true}", first))
                .isInstanceOfSatisfying(RevisionConflictException.class, e -> {
                    assertThat(e.currentRevision()).isEqualTo(second);
                    assertThat(e.expectedRevision()).isEqualTo(first);
                    assertThat(e.key()).isEqualTo("/weft/rules/" + service + "/faults");
                });
        assertThat(registry.getRule(service, "faults")).contains(new RuleValue("{\"faults\":[{}]}", second));
    }

    @Test
    void creatingARuleThatExistsOrUpdatingOneThatDoesNotIsAConflict() {
        Registry registry = newRegistry();
        long created = registry.putRule(service, "security", "{}", 0);

        assertThatThrownBy(() -> registry.putRule(service, "security", "{\"again\":1}", 0))
                .isInstanceOfSatisfying(RevisionConflictException.class,
                        e -> assertThat(e.currentRevision()).isEqualTo(created));
        assertThatThrownBy(() -> registry.putRule(service, "routing", "{}", created))
                .isInstanceOfSatisfying(RevisionConflictException.class,
                        e -> assertThat(e.currentRevision()).isZero());
        assertThat(registry.getRule(service, "routing")).isEmpty();
    }

    @Test
    void unconditionalWriteCreatesOrReplaces() {
        Registry registry = newRegistry();
        long created = registry.putRule(service, "throttling", "{\"limits\":[]}", -1);
        long replaced = registry.putRule(service, "throttling", "{\"limits\":[{}]}", -1);

        assertThat(replaced).isGreaterThan(created);
        assertThat(registry.getRule(service, "throttling")).contains(new RuleValue("{\"limits\":[{}]}", replaced));
    }

    @Test
    void deleteChecksTheRevision() {
        Registry registry = newRegistry();
        long created = registry.putRule(service, "routing", ROUTING, 0);
        long updated = registry.putRule(service, "routing", "{\"routes\":[2]}", created);

        assertThatThrownBy(() -> registry.deleteRule(service, "routing", created))
                .isInstanceOfSatisfying(RevisionConflictException.class,
                        e -> assertThat(e.currentRevision()).isEqualTo(updated));
        assertThatThrownBy(() -> registry.deleteRule(service, "routing", 0))
                .isInstanceOf(RevisionConflictException.class);
        assertThat(registry.deleteRule(service, "routing", updated)).isTrue();
        assertThat(registry.getRule(service, "routing")).isEmpty();
        assertThat(registry.deleteRule(service, "routing", -1)).isFalse();
        assertThat(registry.deleteRule(service, "routing", 0)).isFalse();
        assertThatThrownBy(() -> registry.deleteRule(service, "routing", updated))
                .isInstanceOfSatisfying(RevisionConflictException.class,
                        e -> assertThat(e.currentRevision()).isZero());
    }

    @Test
    void concurrentCompareAndSetWritersLoseNoUpdate() throws Exception {
        int writers = 4;
        int incrementsEach = 10;
        List<Registry> registries = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            registries.add(newRegistry());
        }
        registries.get(0).putRule(service, "throttling", "0", 0);
        List<Runnable> tasks = new ArrayList<>();
        for (Registry registry : registries) {
            tasks.add(() -> {
                for (int done = 0; done < incrementsEach; ) {
                    RuleValue current = registry.getRule(service, "throttling").orElseThrow();
                    String next = Integer.toString(Integer.parseInt(current.json()) + 1);
                    try {
                        registry.putRule(service, "throttling", next, current.revision());
                        done++;
                    } catch (RevisionConflictException e) {
                        // someone else won this round: read again
                    }
                }
            });
        }
        List<Throwable> failures = runConcurrently(tasks);

        assertThat(failures).isEmpty();
        assertThat(newRegistry().getRule(service, "throttling").orElseThrow().json())
                .isEqualTo(Integer.toString(writers * incrementsEach));
    }

    @Test
    void ruleWatcherSeesAbsenceThenEveryChange() {
        Registry writer = newRegistry();
        Snapshots<Optional<RuleValue>> seen = new Snapshots<>();
        newRegistry().watchRule(service, "routing", seen);
        await().atMost(SHORT).until(() -> seen.latestIs(Optional.empty()));

        long created = writer.putRule(service, "routing", ROUTING, 0);
        await().atMost(SHORT).until(() -> seen.latestIs(Optional.of(new RuleValue(ROUTING, created))));
        long updated = writer.putRule(service, "routing", "{\"routes\":[3]}", created);
        await().atMost(SHORT).until(() -> seen.latestIs(Optional.of(new RuleValue("{\"routes\":[3]}", updated))));
        writer.deleteRule(service, "routing", updated);
        await().atMost(SHORT).until(() -> seen.latestIs(Optional.empty()));

        assertThat(seen.all()).containsExactly(Optional.empty(), Optional.of(new RuleValue(ROUTING, created)),
                Optional.of(new RuleValue("{\"routes\":[3]}", updated)), Optional.empty());
        writer.putRule(service, "faults", "{}", 0); // another kind: not this watch's business
        assertThat(seen.count()).isEqualTo(4);
    }

    @Test
    void ruleWatchAndWritesComeBackAfterServerRestart() throws Exception {
        Registry registry = newRegistry();
        long created = registry.putRule(service, "routing", ROUTING, 0);
        Snapshots<Optional<RuleValue>> seen = new Snapshots<>();
        registry.watchRule(service, "routing", seen);
        await().atMost(SHORT).until(() -> seen.latestIs(Optional.of(new RuleValue(ROUTING, created))));

        restartServer();

        await().atMost(RECOVERY).ignoreExceptions()
                .until(() -> registry.getRule(service, "routing").isPresent());
        long updated = registry.putRule(service, "routing", "{\"after\":true}", created);
        await().atMost(RECOVERY).until(() -> seen.latestIs(Optional.of(new RuleValue("{\"after\":true}", updated))));
    }

    @Test
    void unknownRuleKindIsRejectedWithAClearMessage() {
        Registry registry = newRegistry();

        assertThatThrownBy(() -> registry.getRule(service, "retries"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown rule kind 'retries'");
        assertThatThrownBy(() -> registry.putRule(service, "routing", "{}", -2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-2");
    }

    @Test
    void servicesListsEveryServiceWithRegisteredInstances() {
        Registry registry = newRegistry();
        String other = service + ".Other";
        registry.register(InstanceRole.PROVIDER, provider(20880));
        registry.register(InstanceRole.CONSUMER, ServiceInstance.provider(other, "web", "10.0.0.1", 1));

        assertThat(newRegistry().services()).contains(service, other).isSorted();
    }

    @Test
    void auditEntriesArePersistentAndReadNewestFirst() {
        Registry writer = newRegistry();
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String entry = "{\"service\":\"" + service + "\",\"n\":" + i + "}";
            writer.appendAudit(entry);
            written.add(0, entry);
        }
        writer.close();

        Registry reader = newRegistry();
        assertThat(reader.audit(2)).containsExactly(written.get(0), written.get(1));
        assertThat(reader.audit(1000)).containsSubsequence(written);
        assertThat(reader.audit(0)).isEmpty();
        assertThatThrownBy(() -> reader.audit(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
