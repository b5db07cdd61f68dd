package io.weft.registry.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.weft.InstanceStatus;
import io.weft.ServiceInstance;
import io.weft.internal.registry.RegistryPaths;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import io.weft.spi.Registry.Registration;
import io.weft.spi.Registry.Watch;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * What every {@link Registry} must do, against a real backend. A backend's test subclasses this and
 * supplies connected registries and the means to break them (session expiry, server restart, raw
 * writes). Meant to move to a shared test-jar once a second backend exists.
 */
abstract class RegistryContractTest {
    /** Bound for anything that involves a reconnect or a new session. */
    static final Duration RECOVERY = Duration.ofSeconds(20);
    static final Duration SHORT = Duration.ofSeconds(5);

    private final List<Registry> opened = new ArrayList<>();
    /** A service name unique to the running test, so tests never see each other's nodes. */
    protected String service;

    /** A new registry on its own session, connected to the test backend. */
    protected abstract Registry connect();

    /** Makes {@code registry}'s session expire (as after a long pause or partition). */
    protected abstract void expireSession(Registry registry) throws Exception;

    /** Stops and starts the backend server, keeping its data. */
    protected abstract void restartServer() throws Exception;

    /** Ends {@code registry}'s session the way a crashing process would, without deregistering. */
    protected abstract void endSessionAbruptly(Registry registry) throws Exception;

    /** Writes {@code value} at {@code path}, bypassing the registry (as a foreign or broken writer would). */
    protected abstract void writeRaw(String path, byte[] value) throws Exception;

    protected String namespace() {
        return "weft";
    }

    @BeforeEach
    void nameService(TestInfo info) {
        service = "io.weft.test." + info.getTestMethod().orElseThrow().getName() + System.nanoTime();
    }

    @AfterEach
    void closeRegistries() {
        opened.forEach(Registry::close);
    }

    protected final Registry newRegistry() {
        return opened(connect());
    }

    /** Closes {@code registry} after the test. */
    protected final Registry opened(Registry registry) {
        opened.add(registry);
        return registry;
    }

    protected ServiceInstance provider(int port) {
        return new ServiceInstance(service, "127.0.0.1:" + port, "app", "127.0.0.1", port, null, null, "1.0.0", 100,
                Map.of("env", "stable"), List.of("greet"), false, 1_764_000_000_000L, null, null);
    }

    protected String providerPath(int port) {
        return RegistryPaths.instance(namespace(), service, InstanceRole.PROVIDER, "127.0.0.1:" + port);
    }

    @Test
    void registeredProviderIsListedByAnotherRegistry() {
        Registry provider = newRegistry();
        Registry consumer = newRegistry();
        provider.register(InstanceRole.PROVIDER, provider(20881));
        provider.register(InstanceRole.PROVIDER, provider(20880));

        assertThat(consumer.list(service, InstanceRole.PROVIDER)).containsExactly(provider(20880), provider(20881));
        assertThat(consumer.list(service, InstanceRole.CONSUMER)).isEmpty();
    }

    @Test
    void listOfAServiceNobodyRegisteredIsEmpty() {
        assertThat(newRegistry().list(service, InstanceRole.PROVIDER)).isEmpty();
    }

    @Test
    void consumerIsRegisteredUnderConsumers() {
        Registry registry = newRegistry();
        ServiceInstance consumer = new ServiceInstance(service, "web-1f3a", "web", "10.0.0.7", 0, null, null, null,
                0, null, null, false, 1L, null, null);
        registry.register(InstanceRole.CONSUMER, consumer);

        assertThat(newRegistry().list(service, InstanceRole.CONSUMER)).containsExactly(consumer);
        assertThat(registry.list(service, InstanceRole.PROVIDER)).isEmpty();
    }

    @Test
    void watcherSeesInitialListThenAddUpdateAndRemove() {
        Registry provider = newRegistry();
        Registration first = provider.register(InstanceRole.PROVIDER, provider(20880));
        Snapshots seen = new Snapshots();
        newRegistry().watch(service, InstanceRole.PROVIDER, seen);

        await().atMost(SHORT).until(() -> seen.latestIs(List.of(provider(20880))));

        Registration second = provider.register(InstanceRole.PROVIDER, provider(20881));
        await().atMost(SHORT).until(() -> seen.latestIs(List.of(provider(20880), provider(20881))));

        ServiceInstance updated = provider(20881).withWeight(5).withStatus(new InstanceStatus(0.5, 42, 1.5, 0.1));
        second.update(updated);
        await().atMost(SHORT).until(() -> seen.latestIs(List.of(provider(20880), updated)));
        assertThat(second.instance()).isEqualTo(updated);

        first.close();
        await().atMost(SHORT).until(() -> seen.latestIs(List.of(updated)));
        assertThat(seen.all()).allSatisfy(snapshot -> assertThatThrownBy(() -> snapshot.add(updated))
                .isInstanceOf(UnsupportedOperationException.class));
    }

    @Test
    void watcherOfAServiceWithoutProvidersSeesOneRegisteredLater() {
        Snapshots seen = new Snapshots();
        newRegistry().watch(service, InstanceRole.PROVIDER, seen);
        await().atMost(SHORT).until(() -> seen.count() == 1);
        assertThat(seen.latest()).isEmpty();

        newRegistry().register(InstanceRole.PROVIDER, provider(20880));

        await().atMost(SHORT).until(() -> seen.latestIs(List.of(provider(20880))));
    }

    @Test
    void closingARegistrationRemovesTheInstanceAtOnce() {
        Registry provider = newRegistry();
        Registry consumer = newRegistry();
        Registration registration = provider.register(InstanceRole.PROVIDER, provider(20880));
        assertThat(consumer.list(service, InstanceRole.PROVIDER)).hasSize(1);

        registration.close();

        assertThat(consumer.list(service, InstanceRole.PROVIDER)).isEmpty();
        registration.close(); // idempotent
    }

    @Test
    void closingTheRegistryRemovesItsInstancesForOthers() {
        Registry provider = newRegistry();
        Registry consumer = newRegistry();
        provider.register(InstanceRole.PROVIDER, provider(20880));
        provider.register(InstanceRole.CONSUMER, provider(20881));

        provider.close();

        await().atMost(SHORT).until(() -> consumer.list(service, InstanceRole.PROVIDER).isEmpty()
                && consumer.list(service, InstanceRole.CONSUMER).isEmpty());
        provider.close(); // idempotent
    }

    @Test
    void watcherLosesAnInstanceWhoseProcessEndsAbruptly() throws Exception {
        Registry doomed = newRegistry();
        Registry survivor = newRegistry();
        doomed.register(InstanceRole.PROVIDER, provider(20880));
        survivor.register(InstanceRole.PROVIDER, provider(20881));
        Snapshots seen = new Snapshots();
        newRegistry().watch(service, InstanceRole.PROVIDER, seen);
        await().atMost(SHORT).until(() -> seen.count() > 0 && seen.latest().size() == 2);

        endSessionAbruptly(doomed);

        await().atMost(RECOVERY).until(() -> seen.latestIs(List.of(provider(20881))));
    }

    @Test
    void registrationAndWatchComeBackAfterSessionExpiry() throws Exception {
        Registry provider = newRegistry();
        Registry consumer = newRegistry();
        Registration registration = provider.register(InstanceRole.PROVIDER, provider(20880));
        Snapshots seen = new Snapshots();
        consumer.watch(service, InstanceRole.PROVIDER, seen);
        await().atMost(SHORT).until(() -> seen.latestIs(List.of(provider(20880))));

        expireSession(provider);
        ServiceInstance updated = provider(20880).withStatus(new InstanceStatus(0.9, 7, 3, 0));
        registration.update(updated);
        expireSession(consumer);

        Registry observer = newRegistry();
        await().atMost(RECOVERY).until(() -> observer.list(service, InstanceRole.PROVIDER).equals(List.of(updated)));
        await().atMost(RECOVERY).until(() -> seen.latestIs(List.of(updated)));
        // The watch is live on the new session: it sees a change made after the expiry.
        newRegistry().register(InstanceRole.PROVIDER, provider(20881));
        await().atMost(RECOVERY).until(() -> seen.latestIs(List.of(updated, provider(20881))));
    }

    @Test
    void registrationAndWatchComeBackAfterServerRestart() throws Exception {
        Registry provider = newRegistry();
        Registry consumer = newRegistry();
        Registration registration = provider.register(InstanceRole.PROVIDER, provider(20880));
        Snapshots seen = new Snapshots();
        consumer.watch(service, InstanceRole.PROVIDER, seen);
        await().atMost(SHORT).until(() -> seen.latestIs(List.of(provider(20880))));

        restartServer();
        ServiceInstance updated = provider(20880).withWeight(50);
        registration.update(updated);

        await().atMost(RECOVERY).until(() -> seen.latestIs(List.of(updated)));
        Registry late = newRegistry();
        late.register(InstanceRole.PROVIDER, provider(20881));
        await().atMost(RECOVERY).until(() -> seen.latestIs(List.of(updated, provider(20881))));
        assertThat(late.list(service, InstanceRole.PROVIDER)).containsExactly(updated, provider(20881));
    }

    @Test
    void malformedNodeIsSkippedWhileGoodInstancesAreListedAndWatched() throws Exception {
        Registry registry = newRegistry();
        registry.register(InstanceRole.PROVIDER, provider(20880));
        writeRaw(providerPath(20999), "{\"service\":".getBytes(StandardCharsets.UTF_8));
        Snapshots seen = new Snapshots();
        registry.watch(service, InstanceRole.PROVIDER, seen);

        assertThat(registry.list(service, InstanceRole.PROVIDER)).containsExactly(provider(20880));
        await().atMost(SHORT).until(() -> seen.latestIs(List.of(provider(20880))));

        writeRaw(providerPath(20998), "{\"host\":\"127.0.0.1\",\"port\":20998}".getBytes(StandardCharsets.UTF_8));
        newRegistry().register(InstanceRole.PROVIDER, provider(20881));
        await().atMost(SHORT).until(() -> seen.latestIs(List.of(provider(20880), provider(20881))));
        assertThat(registry.list(service, InstanceRole.PROVIDER)).containsExactly(provider(20880), provider(20881));
    }

    @Test
    void listenerThatThrowsDoesNotStopTheWatch() {
        AtomicInteger calls = new AtomicInteger();
        Snapshots seen = new Snapshots();
        newRegistry().watch(service, InstanceRole.PROVIDER, snapshot -> {
            calls.incrementAndGet();
            seen.accept(snapshot);
            throw new IllegalStateException("listener bug (expected by the test)");
        });
        await().atMost(SHORT).until(() -> calls.get() == 1);

        newRegistry().register(InstanceRole.PROVIDER, provider(20880));

        await().atMost(SHORT).until(() -> seen.latestIs(List.of(provider(20880))));
    }

    @Test
    void closedWatchIsNotCalledAgain() {
        Registry registry = newRegistry();
        Snapshots seen = new Snapshots();
        Watch watch = registry.watch(service, InstanceRole.PROVIDER, seen);
        Snapshots control = new Snapshots();
        registry.watch(service, InstanceRole.PROVIDER, control);
        await().atMost(SHORT).until(() -> seen.count() == 1 && control.count() == 1);

        watch.close();
        registry.register(InstanceRole.PROVIDER, provider(20880));

        await().atMost(SHORT).until(() -> control.latestIs(List.of(provider(20880))));
        assertThat(seen.count()).isEqualTo(1);
        watch.close(); // idempotent
    }

    @Test
    void registeringTheSameInstanceTwiceInOneRegistryFails() {
        Registry registry = newRegistry();
        registry.register(InstanceRole.PROVIDER, provider(20880));

        assertThatThrownBy(() -> registry.register(InstanceRole.PROVIDER, provider(20880)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("127.0.0.1:20880");
    }

    @Test
    void updateMustKeepTheInstanceIdentity() {
        Registration registration = newRegistry().register(InstanceRole.PROVIDER, provider(20880));

        assertThatThrownBy(() -> registration.update(provider(20881)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("127.0.0.1:20881");
    }

    @Test
    void badServiceNamesAreRejectedWithAClearMessage() {
        Registry registry = newRegistry();

        assertThatThrownBy(() -> registry.list("a/b", InstanceRole.PROVIDER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not contain '/'");
        assertThatThrownBy(() -> registry.register(InstanceRole.PROVIDER,
                ServiceInstance.provider("", "app", "127.0.0.1", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("service name must not be empty");
    }

    /** Records every snapshot a watch delivers. */
    static final class Snapshots implements Consumer<List<ServiceInstance>> {
        private final List<List<ServiceInstance>> all = new CopyOnWriteArrayList<>();

        @Override
        public void accept(List<ServiceInstance> snapshot) {
            all.add(snapshot);
        }

        /** The last snapshot delivered, or {@code null} before the first. */
        List<ServiceInstance> latest() {
            return all.isEmpty() ? null : all.get(all.size() - 1);
        }

        boolean latestIs(List<ServiceInstance> expected) {
            return expected.equals(latest());
        }

        int count() {
            return all.size();
        }

        List<List<ServiceInstance>> all() {
            return all;
        }
    }
}
