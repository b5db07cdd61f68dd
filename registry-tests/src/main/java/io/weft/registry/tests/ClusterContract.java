package io.weft.registry.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.weft.ServiceInstance;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import io.weft.spi.RuleValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Registry} must survive in a real three-member cluster: losing the member a
 * client talks to (or the leader). A backend's cluster test extends this and supplies registries
 * connected to all members and the means to kill one.
 */
public abstract class ClusterContract {
    private static final Duration RECOVERY = Duration.ofSeconds(45);
    private static final String SERVICE = "io.weft.test.Clustered";

    private final List<Registry> opened = new ArrayList<>();

    /** A new registry connected to every member of the running cluster. */
    protected abstract Registry connect();

    /**
     * Kills the member that {@code registry} is talking to, or the leader when that cannot be told;
     * the cluster keeps a quorum.
     */
    protected abstract void killMemberServing(Registry registry) throws Exception;

    @AfterEach
    void closeRegistries() {
        opened.forEach(Registry::close);
    }

    private Registry newRegistry() {
        Registry registry = connect();
        opened.add(registry);
        return registry;
    }

    @Test
    void registrationsWatchesAndRulesSurviveLosingAMember() throws Exception {
        Registry provider = newRegistry();
        Registry consumer = newRegistry();
        ServiceInstance first = ServiceInstance.provider(SERVICE, "app", "127.0.0.1", 20880).withWeight(1);
        provider.register(InstanceRole.PROVIDER, first);
        long rule = provider.putRule(SERVICE, "routing", "{\"routes\":[]}", -1);
        Snapshots<List<ServiceInstance>> seen = new Snapshots<>();
        consumer.watch(SERVICE, InstanceRole.PROVIDER, seen);
        Snapshots<Optional<RuleValue>> rules = new Snapshots<>();
        consumer.watchRule(SERVICE, "routing", rules);
        await().atMost(RECOVERY).until(() -> seen.latestIs(List.of(first)));
        await().atMost(RECOVERY).until(() -> rules.latestIs(Optional.of(new RuleValue("{\"routes\":[]}", rule))));

        killMemberServing(provider);

        ServiceInstance second = ServiceInstance.provider(SERVICE, "app", "127.0.0.1", 20881).withWeight(2);
        await().atMost(RECOVERY).ignoreExceptions().until(() -> {
            provider.register(InstanceRole.PROVIDER, second);
            return true;
        });
        await().atMost(RECOVERY).until(() -> seen.latestIs(List.of(first, second)));
        assertThat(consumer.list(SERVICE, InstanceRole.PROVIDER)).containsExactly(first, second);
        long changed = provider.putRule(SERVICE, "routing", "{\"routes\":[1]}", rule);
        await().atMost(RECOVERY).until(() -> rules.latestIs(Optional.of(new RuleValue("{\"routes\":[1]}", changed))));
    }
}
