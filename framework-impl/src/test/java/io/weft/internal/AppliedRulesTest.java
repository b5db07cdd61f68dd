package io.weft.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.weft.ServiceInstance;
import io.weft.internal.governance.FakeRuleSource;
import io.weft.internal.governance.Governance;
import io.weft.spi.Registry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AppliedRulesTest {
    private static final String SVC = "io.weft.Svc";
    private static final String FAULT = """
            {"faults":[{"side":"consumer","abort":{"status":"UNAVAILABLE","percent":%d}}]}""";

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final FakeRuleSource source = new FakeRuleSource();
    private final Governance governance = new Governance(source, s -> { });
    private final AppliedRules applied = new AppliedRules(governance, scheduler);
    private final RecordingRegistration node = new RecordingRegistration(ServiceInstance.provider(SVC, "app", "127.0.0.1", 1));

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void changesWithinTheSpreadAreReportedByOneWriteWithTheLatestRevision() {
        governance.rules(SVC);
        long last = 0;
        for (int percent = 1; percent <= 5; percent++) {
            last = source.put(SVC, "faults", FAULT.formatted(percent));
            applied.reportSoon(SVC, () -> List.of(node));
        }
        long revision = last;

        await().atMost(Duration.ofSeconds(5)).until(() -> !node.writes.isEmpty());
        await().during(Duration.ofMillis(AppliedRules.SPREAD_MILLIS + 200)).atMost(Duration.ofSeconds(5))
                .until(() -> node.writes.size() == 1);
        assertThat(node.writes.get(0).appliedRules()).containsEntry("faults", revision);
    }

    @Test
    void aChangeAfterTheWriteIsReportedByAnotherWrite() {
        governance.rules(SVC);
        source.put(SVC, "faults", FAULT.formatted(1));
        applied.reportSoon(SVC, () -> List.of(node));
        await().atMost(Duration.ofSeconds(5)).until(() -> node.writes.size() == 1);

        long second = source.put(SVC, "faults", FAULT.formatted(2));
        applied.reportSoon(SVC, () -> List.of(node));

        await().atMost(Duration.ofSeconds(5)).until(() -> node.writes.size() == 2);
        assertThat(node.writes.get(1).appliedRules()).containsEntry("faults", second);
    }

    @Test
    void nodesOfOtherServicesAreLeftAlone() {
        RecordingRegistration other = new RecordingRegistration(ServiceInstance.provider("io.weft.Other", "app",
                "127.0.0.1", 1));
        governance.rules(SVC);
        source.put(SVC, "faults", FAULT.formatted(1));
        applied.reportSoon(SVC, () -> List.of(node, other));

        await().atMost(Duration.ofSeconds(5)).until(() -> node.writes.size() == 1);
        assertThat(other.writes).isEmpty();
    }

    @Test
    void aReportAfterTheSchedulerStoppedIsDroppedQuietly() {
        scheduler.shutdownNow();
        applied.reportSoon(SVC, () -> List.of(node));
        assertThat(node.writes).isEmpty();
    }

    /** A registration that keeps what it was asked to write. */
    private static final class RecordingRegistration implements Registry.Registration {
        final List<ServiceInstance> writes = new CopyOnWriteArrayList<>();
        private volatile ServiceInstance instance;

        RecordingRegistration(ServiceInstance instance) {
            this.instance = instance;
        }

        @Override
        public ServiceInstance instance() {
            return instance;
        }

        @Override
        public void update(ServiceInstance next) {
            instance = next;
            writes.add(next);
        }

        @Override
        public void close() {
        }
    }
}
