package io.weft.registry.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weft.InstanceStatus;
import io.weft.RegistryAddress;
import io.weft.RpcException;
import io.weft.ServiceInstance;
import io.weft.Status;
import io.weft.WeftConfig;
import io.weft.WeftConfigException;
import io.weft.registry.support.InstanceJson;
import io.weft.registry.support.RegistryPaths;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import io.weft.spi.Registry.Registration;
import io.weft.spi.Registry.Watch;
import io.weft.spi.RegistryFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The instance half of what every {@link Registry} must do, against a real backend: registration
 * and discovery, watches and their snapshots, recovery from session or lease loss and server
 * restarts, bad input, and scale; with the hooks a backend supplies (its factory, the address of a
 * running server, the means to break things). Backends subclass {@link RegistryContract}, which
 * adds the rule keys.
 *
 * <p>Each test works on its own service name, so tests never see each other's keys; registries
 * opened through {@link #newRegistry()} are closed after each test.
 */
public abstract class InstanceContract extends RegistrySuite {
    /** Bound for anything that involves a reconnect, a new session or lease, or a restart. */
    protected static final Duration RECOVERY = Duration.ofSeconds(30);

    /**
     * Configuration for the registries under test: short session or lease times (a few seconds) so
     * that loss tests stay quick, and the connect timeout.
     */
    protected abstract WeftConfig config();

    /**
     * Makes {@code registry} lose its session or lease from the server's side (as after a long pause
     * or a partition): its ephemeral nodes or leased keys vanish.
     */
    protected abstract void loseSession(Registry registry) throws Exception;

    /**
     * Makes {@code registry}'s watches lose their server-side stream so that they must read their
     * keys again (ZooKeeper: session expiry; etcd: a watch cancelled because its revision was
     * compacted).
     */
    protected abstract void interruptWatches(Registry registry) throws Exception;

    /** Stops the backend server; its data stays. */
    protected abstract void stopServer() throws Exception;

    /** Starts the stopped backend server again on the same data and waits until it serves. */
    protected abstract void startServer() throws Exception;

    /** Ends {@code registry}'s session the way a crashing process would, without deregistering. */
    protected abstract void endSessionAbruptly(Registry registry) throws Exception;

    /** Writes {@code value} at {@code path}, bypassing the registry (as a foreign or broken writer would). */
    protected abstract void writeRaw(String path, byte[] value) throws Exception;

    /** The value at {@code path} read bypassing the registry, {@code null} when absent. */
    protected abstract byte[] readRaw(String path) throws Exception;

    /** A new registry on its own session or lease, connected to the test backend (not closed for you). */
    protected Registry connect() {
        return factory().create(RegistryAddress.parse(address()), config());
    }

    /** A new registry, closed after the test. */
    protected final Registry newRegistry() {
        return opened(connect());
    }

    protected void restartServer() throws Exception {
        stopServer();
        startServer();
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
        Snapshots<List<ServiceInstance>> seen = new Snapshots<>();
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
        Snapshots<List<ServiceInstance>> seen = new Snapshots<>();
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
        Snapshots<List<ServiceInstance>> seen = new Snapshots<>();
        newRegistry().watch(service, InstanceRole.PROVIDER, seen);
        await().atMost(SHORT).until(() -> seen.count() > 0 && seen.latest().size() == 2);

        endSessionAbruptly(doomed);

        await().atMost(RECOVERY).until(() -> seen.latestIs(List.of(provider(20881))));
    }

    /** Provider 20880 registered through one new registry and seen by a watch through another. */
    private record Watched(Registry provider, Registry consumer, Registration registration,
                           Snapshots<List<ServiceInstance>> seen) {}

    private Watched registeredAndWatched() {
        Registry provider = newRegistry();
        Registry consumer = newRegistry();
        Registration registration = provider.register(InstanceRole.PROVIDER, provider(20880));
        Snapshots<List<ServiceInstance>> seen = new Snapshots<>();
        consumer.watch(service, InstanceRole.PROVIDER, seen);
        await().atMost(SHORT).until(() -> seen.latestIs(List.of(provider(20880))));
        return new Watched(provider, consumer, registration, seen);
    }

    @Test
    void registrationAndWatchComeBackAfterSessionOrLeaseLoss() throws Exception {
        Watched w = registeredAndWatched();

        loseSession(w.provider());
        ServiceInstance updated = provider(20880).withStatus(new InstanceStatus(0.9, 7, 3, 0));
        w.registration().update(updated);
        interruptWatches(w.consumer());

        Registry observer = newRegistry();
        await().atMost(RECOVERY).until(() -> observer.list(service, InstanceRole.PROVIDER).equals(List.of(updated)));
        await().atMost(RECOVERY).until(() -> w.seen().latestIs(List.of(updated)));
        // The watch is live on the new session: it sees a change made after the expiry.
        newRegistry().register(InstanceRole.PROVIDER, provider(20881));
        await().atMost(RECOVERY).until(() -> w.seen().latestIs(List.of(updated, provider(20881))));
    }

    @Test
    void watcherNeverSeesAShrunkenListWhileProvidersAndItselfComeBackFromLostSessions() throws Exception {
        Registry first = newRegistry();
        Registry second = newRegistry();
        Registration one = first.register(InstanceRole.PROVIDER, provider(20880));
        Registration two = second.register(InstanceRole.PROVIDER, provider(20881));
        Registry consumer = newRegistry();
        Snapshots<List<ServiceInstance>> seen = new Snapshots<>();
        consumer.watch(service, InstanceRole.PROVIDER, seen);
        await().atMost(SHORT).until(() -> seen.latestIs(List.of(provider(20880), provider(20881))));
        int before = seen.count();

        loseSession(first);
        loseSession(second);
        interruptWatches(consumer);
        ServiceInstance oneUpdated = provider(20880).withWeight(50);
        ServiceInstance twoUpdated = provider(20881).withWeight(50);
        one.update(oneUpdated);
        two.update(twoUpdated);

        await().atMost(RECOVERY).until(() -> seen.latestIs(List.of(oneUpdated, twoUpdated)));
        assertThat(seen.all().subList(before, seen.count()))
                .as("every list published while the sessions were re-established")
                .allSatisfy(list -> assertThat(list).hasSize(2));
    }

    @Test
    void registrationAndWatchComeBackAfterServerRestart() throws Exception {
        Watched w = registeredAndWatched();

        restartServer();
        ServiceInstance updated = provider(20880).withWeight(50);
        w.registration().update(updated);

        await().atMost(RECOVERY).until(() -> w.seen().latestIs(List.of(updated)));
        Registry late = newRegistry();
        late.register(InstanceRole.PROVIDER, provider(20881));
        await().atMost(RECOVERY).until(() -> w.seen().latestIs(List.of(updated, provider(20881))));
        assertThat(late.list(service, InstanceRole.PROVIDER)).containsExactly(updated, provider(20881));
    }

    @Test
    void malformedNodeIsSkippedWhileGoodInstancesAreListedAndWatched() throws Exception {
        Registry registry = newRegistry();
        registry.register(InstanceRole.PROVIDER, provider(20880));
        writeRaw(providerPath(20999), "{\"service\":".getBytes(StandardCharsets.UTF_8));
        Snapshots<List<ServiceInstance>> seen = new Snapshots<>();
        registry.watch(service, InstanceRole.PROVIDER, seen);

        assertThat(registry.list(service, InstanceRole.PROVIDER)).containsExactly(provider(20880));
        await().atMost(SHORT).until(() -> seen.latestIs(List.of(provider(20880))));

        writeRaw(providerPath(20998), "{\"host\":\"127.0.0.1\",\"port\":20998}".getBytes(StandardCharsets.UTF_8));
        newRegistry().register(InstanceRole.PROVIDER, provider(20881));
        await().atMost(SHORT).until(() -> seen.latestIs(List.of(provider(20880), provider(20881))));
        assertThat(registry.list(service, InstanceRole.PROVIDER)).containsExactly(provider(20880), provider(20881));
    }

    @Test
    void persistentProviderNodeIsIgnoredByListAndWatch() throws Exception {
        Registry registry = newRegistry();
        registry.register(InstanceRole.PROVIDER, provider(20880));
        Snapshots<List<ServiceInstance>> seen = new Snapshots<>();
        registry.watch(service, InstanceRole.PROVIDER, seen);
        await().atMost(SHORT).until(() -> seen.latestIs(List.of(provider(20880))));

        // Well-formed instance JSON, but not ephemeral/leased: written by hand, not by a live provider.
        writeRaw(providerPath(20999), InstanceJson.encode(provider(20999)));
        newRegistry().register(InstanceRole.PROVIDER, provider(20881));

        await().atMost(SHORT).until(() -> seen.latestIs(List.of(provider(20880), provider(20881))));
        assertThat(seen.all()).noneMatch(snapshot -> snapshot.contains(provider(20999)));
        assertThat(newRegistry().list(service, InstanceRole.PROVIDER)).containsExactly(provider(20880), provider(20881));
    }

    @Test
    void listenerThatThrowsDoesNotStopTheWatch() {
        AtomicInteger calls = new AtomicInteger();
        Snapshots<List<ServiceInstance>> seen = new Snapshots<>();
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
        Snapshots<List<ServiceInstance>> seen = new Snapshots<>();
        Watch watch = registry.watch(service, InstanceRole.PROVIDER, seen);
        Snapshots<List<ServiceInstance>> control = new Snapshots<>();
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

    @Test
    void providerKeyLivesAtTheLayoutPathAndHoldsTheInstanceJson() throws Exception {
        Registry registry = newRegistry();
        ServiceInstance instance = provider(20880).withMethods(List.of("greet"));
        registry.register(InstanceRole.PROVIDER, instance);

        byte[] value = readRaw("/weft/services/" + service + "/providers/127.0.0.1:20880");

        assertThat(value).isEqualTo(InstanceJson.encode(instance));
        JsonNode json = new ObjectMapper().readTree(value);
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("service", "instanceId", "application", "host", "port", "protocol",
                "serializations", "version", "weight", "tags", "methods", "tls", "startedAt", "appliedRules");
        assertThat(json.get("instanceId").asText()).isEqualTo("127.0.0.1:20880");
        assertThat(json.get("port").asInt()).isEqualTo(20880);
        assertThat(json.get("tags").get("env").asText()).isEqualTo("stable");
    }

    @Test
    void namespaceComesFromConfiguration() throws Exception {
        Registry staging = opened(factory().create(RegistryAddress.parse(address()),
                config().with(WeftConfig.REGISTRY_NAMESPACE, "staging")));

        staging.register(InstanceRole.PROVIDER, provider(20880));

        assertThat(readRaw("/staging/services/" + service + "/providers/127.0.0.1:20880")).isNotNull();
        assertThat(newRegistry().list(service, InstanceRole.PROVIDER)).isEmpty();
        assertThat(staging.list(service, InstanceRole.PROVIDER)).containsExactly(provider(20880));
    }

    @Test
    void successiveUpdatesAreSeenInOrderAndNeverGoBack() {
        Registration registration = newRegistry().register(InstanceRole.PROVIDER, provider(20880).withWeight(1));
        Snapshots<List<ServiceInstance>> seen = new Snapshots<>();
        newRegistry().watch(service, InstanceRole.PROVIDER, seen);
        await().atMost(SHORT).until(() -> seen.count() > 0);

        for (int weight = 2; weight <= 40; weight++) {
            registration.update(provider(20880).withWeight(weight));
        }

        await().atMost(SHORT).until(() -> seen.latestIs(List.of(provider(20880).withWeight(40))));
        List<Integer> weights = seen.all().stream().map(snapshot -> {
            assertThat(snapshot).hasSize(1);
            return snapshot.get(0).weight();
        }).toList();
        assertThat(weights).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void concurrentRegistrationsFromSeveralClientsAreAllListedAndWatched() throws Exception {
        int clients = 6;
        int perClient = 20;
        Snapshots<List<ServiceInstance>> seen = new Snapshots<>();
        newRegistry().watch(service, InstanceRole.PROVIDER, seen);
        await().atMost(SHORT).until(() -> seen.count() > 0);
        List<Registry> registries = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            registries.add(newRegistry());
        }

        List<Runnable> tasks = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Registry registry = registries.get(c);
            int base = 30_000 + c * perClient;
            tasks.add(() -> {
                for (int i = 0; i < perClient; i++) {
                    registry.register(InstanceRole.PROVIDER, provider(base + i));
                }
            });
        }
        List<Throwable> failures = runConcurrently(tasks);

        assertThat(failures).isEmpty();
        List<ServiceInstance> expected = new ArrayList<>();
        for (int port = 30_000; port < 30_000 + clients * perClient; port++) {
            expected.add(provider(port));
        }
        assertThat(newRegistry().list(service, InstanceRole.PROVIDER)).containsExactlyElementsOf(expected);
        await().atMost(SHORT).until(() -> seen.latestIs(expected));
        // Only additions happened: every snapshot holds all of the previous one, sorted, without duplicates.
        List<List<ServiceInstance>> all = seen.all();
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i)).containsAll(all.get(i - 1)).doesNotHaveDuplicates()
                    .isSortedAccordingTo(java.util.Comparator.comparing(ServiceInstance::instanceId));
        }
    }

    @Test
    void aThousandInstancesAreListedAndWatched() {
        Snapshots<List<ServiceInstance>> seen = new Snapshots<>();
        newRegistry().watch(service, InstanceRole.PROVIDER, seen);
        Registry first = newRegistry();
        Registry second = newRegistry();
        List<ServiceInstance> expected = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ServiceInstance instance = provider(40_000 + i);
            (i % 2 == 0 ? first : second).register(InstanceRole.PROVIDER, instance);
            expected.add(instance);
        }

        assertThat(newRegistry().list(service, InstanceRole.PROVIDER)).containsExactlyElementsOf(expected);
        await().atMost(RECOVERY).until(() -> seen.latestIs(expected));

        second.close();

        List<ServiceInstance> remaining = expected.stream().filter(i -> i.port() % 2 == 0).toList();
        await().atMost(RECOVERY).until(() -> seen.latestIs(remaining));
        assertThat(first.list(service, InstanceRole.PROVIDER)).containsExactlyElementsOf(remaining);
    }

    @Test
    void unreachableAddressWithCheckFailsWithUnavailableWithinTheConnectTimeout() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String nowhere = factory().scheme() + "://127.0.0.1:" + closedPort;
        long start = System.nanoTime();

        assertThatThrownBy(() -> factory().create(RegistryAddress.parse(nowhere),
                config().with(CONNECT_TIMEOUT_MS, "1000").with(CHECK, "true")))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.status()).isEqualTo(Status.UNAVAILABLE))
                .hasMessageContaining("cannot reach")
                .hasMessageContaining(nowhere);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void registerWhileTheServerIsDownFailsWithUnavailableAndLeavesNothingBehind() throws Exception {
        Registry registry = opened(factory().create(RegistryAddress.parse(address()),
                config().with(CONNECT_TIMEOUT_MS, "1000")));
        stopServer();
        try {
            assertThatThrownBy(() -> registry.register(InstanceRole.PROVIDER, provider(20880)))
                    .isInstanceOfSatisfying(RpcException.class,
                            e -> assertThat(e.status()).isEqualTo(Status.UNAVAILABLE))
                    .hasMessageContaining(providerPath(20880));
        } finally {
            startServer();
        }
        await().atMost(RECOVERY).ignoreExceptions()
                .until(() -> registry.list(service, InstanceRole.PROVIDER).isEmpty());
        await().atMost(RECOVERY).ignoreExceptions().until(() -> {
            registry.register(InstanceRole.PROVIDER, provider(20880));
            return true;
        });
        assertThat(registry.list(service, InstanceRole.PROVIDER)).containsExactly(provider(20880));
    }

    @Test
    void malformedConnectTimeoutNamesTheKeyAndTheValue() {
        WeftConfig bad = config().with(CONNECT_TIMEOUT_MS, "abc");

        assertThatThrownBy(() -> factory().create(RegistryAddress.parse(address()), bad))
                .isInstanceOf(WeftConfigException.class)
                .hasMessageContaining(CONNECT_TIMEOUT_MS)
                .hasMessageContaining("'abc'");
    }

    @Test
    void factoryIsFoundThroughServiceLoaderByItsScheme() {
        assertThat(ServiceLoader.load(RegistryFactory.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(f -> {
                    assertThat(f).isInstanceOf(factory().getClass());
                    assertThat(f.scheme()).isEqualTo(factory().scheme());
                });
    }

    @Test
    void forSchemeFindsTheFactoryIgnoringCaseAndNothingForAnUnknownScheme() {
        ClassLoader loader = InstanceContract.class.getClassLoader();
        assertThat(RegistryFactory.forScheme(factory().scheme().toUpperCase(Locale.ROOT), loader))
                .get().isInstanceOf(factory().getClass());
        assertThat(RegistryFactory.forScheme("consul", loader)).isEmpty();
    }

    /** The connect timeout key, the same for every backend. */
    protected static final String CONNECT_TIMEOUT_MS = "weft.registry.connect-timeout-ms";
    /** Strict start-up: fail when the registry is unreachable instead of waiting for it. */
    protected static final String CHECK = "weft.registry.check";

    /** Runs each task on its own thread, all at once; waits for them and returns what they threw. */
    protected static List<Throwable> runConcurrently(List<Runnable> tasks) throws InterruptedException {
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (Runnable task : tasks) {
            Thread t = new Thread(() -> {
                try {
                    task.run();
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join(RECOVERY.toMillis());
        }
        return failures;
    }
}
