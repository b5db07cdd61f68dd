package io.weft.registry.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weft.RegistryAddress;
import io.weft.RpcException;
import io.weft.ServiceInstance;
import io.weft.Status;
import io.weft.WeftConfig;
import io.weft.WeftConfigException;
import io.weft.registry.support.InstanceJson;
import io.weft.registry.tests.RegistryContract;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The registry contract and the ZooKeeper specifics, against a real in-process ZooKeeper server. */
class ZooKeeperRegistryIT extends RegistryContract {
    /** Short sessions keep expiry tests fast; the server's tick allows 0.5 s to 5 s. */
    private static final String SESSION_TIMEOUT_MS = "3000";
    private static final String CONNECT_TIMEOUT_MS = "3000";

    private static TestingServer server;
    private static CuratorFramework raw;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        // Let the server sweep empty container nodes quickly, so tests also see parents come and go.
        System.setProperty("znode.container.checkIntervalMs", "100");
        server = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 250, -1), true);
        raw = RawZooKeeper.connect(server.getConnectString(), null);
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        raw.close();
        server.close();
    }

    @Override
    protected WeftConfig config() {
        return WeftConfig.empty()
                .with(ZooKeeperRegistryFactory.SESSION_TIMEOUT_MS, SESSION_TIMEOUT_MS)
                .with(ZooKeeperRegistryFactory.CONNECT_TIMEOUT_MS, CONNECT_TIMEOUT_MS);
    }

    @Override
    protected String address() {
        return "zookeeper://" + server.getConnectString();
    }

    @Override
    protected void loseSession(Registry registry) throws Exception {
        zk(registry).getZookeeperClient().getZooKeeper().getTestable().injectSessionExpiration();
    }

    @Override
    protected void interruptWatches(Registry registry) throws Exception {
        loseSession(registry);
    }

    @Override
    protected void stopServer() throws Exception {
        server.stop();
    }

    @Override
    protected void startServer() throws Exception {
        server.restart();
    }

    @Override
    protected void restartServer() throws Exception {
        server.restart();
    }

    @Override
    protected void endSessionAbruptly(Registry registry) {
        zk(registry).close(); // the session ends; nothing is deregistered first
    }

    @Override
    protected void writeRaw(String path, byte[] value) throws Exception {
        raw.create().orSetData().creatingParentContainersIfNeeded().forPath(path, value);
    }

    @Override
    protected byte[] readRaw(String path) throws Exception {
        return raw.checkExists().forPath(path) == null ? null : raw.getData().forPath(path);
    }

    private static CuratorFramework zk(Registry registry) {
        return ((ZooKeeperRegistry) registry).curator();
    }

    private static long sessionOf(Registry registry) throws Exception {
        return zk(registry).getZookeeperClient().getZooKeeper().getSessionId();
    }

    /** Waits until {@code registry}'s session owns the provider node of {@code instance}, which holds it. */
    private void awaitNodeOf(Registry registry, ServiceInstance instance) throws Exception {
        long session = sessionOf(registry);
        String path = providerPath(instance.port());
        await().atMost(SHORT).until(() -> ownerOf(path) == session);
        assertThat(raw.getData().forPath(path)).isEqualTo(InstanceJson.encode(instance));
    }

    /** The session owning the node at {@code path}; 0 when it is absent or persistent. */
    private static long ownerOf(String path) throws Exception {
        Stat stat = raw.checkExists().forPath(path);
        return stat == null ? 0 : stat.getEphemeralOwner();
    }

    @Test
    void parentsAreContainersThatZooKeeperRemovesOnceTheLastInstanceIsGone() throws Exception {
        Registry.Registration registration = newRegistry().register(InstanceRole.PROVIDER, provider(20880));
        String serviceNode = "/weft/services/" + service;
        assertThat(raw.checkExists().forPath(serviceNode + "/providers")).isNotNull();

        registration.close();

        await().atMost(SHORT).until(() -> raw.checkExists().forPath(serviceNode) == null);
    }

    @Test
    void lingeringNodeOfAnOlderSessionIsReplacedAtOnce() throws Exception {
        String path = providerPath(20880);
        try (CuratorFramework previousProcess = RawZooKeeper.connect(server.getConnectString(), null)) {
            previousProcess.create().creatingParentContainersIfNeeded().withMode(CreateMode.EPHEMERAL)
                    .forPath(path, "{\"service\":\"stale\"}".getBytes(StandardCharsets.UTF_8));
            Registry registry = newRegistry();

            registry.register(InstanceRole.PROVIDER, provider(20880));

            Stat stat = new Stat();
            byte[] value = raw.getData().storingStatIn(stat).forPath(path);
            assertThat(stat.getEphemeralOwner()).isEqualTo(sessionOf(registry));
            assertThat(value).isEqualTo(InstanceJson.encode(provider(20880)));
            assertThat(newRegistry().list(service, InstanceRole.PROVIDER)).containsExactly(provider(20880));
        }
    }

    @Test
    void newerRegistrationOfTheSameIdWinsAndTheOlderOneWaitsInsteadOfFighting() throws Exception {
        Registry older = newRegistry();
        Registry newer = newRegistry();
        older.register(InstanceRole.PROVIDER, provider(20880));
        ServiceInstance newerValue = provider(20880).withWeight(7);

        Registry.Registration newerRegistration = newer.register(InstanceRole.PROVIDER, newerValue);

        long newerSession = sessionOf(newer);
        await().during(Duration.ofMillis(1500)).atMost(SHORT)
                .until(() -> ownerOf(providerPath(20880)) == newerSession);
        assertThat(raw.getData().forPath(providerPath(20880))).isEqualTo(InstanceJson.encode(newerValue));

        newerRegistration.close();

        awaitNodeOf(older, provider(20880));
    }

    @Test
    void forgedPersistentNodeInPlaceOfALiveRegistrationIsReplaced() throws Exception {
        Registry registry = newRegistry();
        registry.register(InstanceRole.PROVIDER, provider(20880));

        // Someone deletes the live node and puts a persistent one pointing elsewhere in its place.
        raw.transaction().forOperations(
                raw.transactionOp().delete().forPath(providerPath(20880)),
                raw.transactionOp().create().withMode(CreateMode.PERSISTENT).forPath(providerPath(20880),
                        "{\"host\":\"203.0.113.66\"}".getBytes(StandardCharsets.UTF_8)));

        awaitNodeOf(registry, provider(20880));
    }

    @Test
    void nodeDeletedByAnotherClientComesBack() throws Exception {
        Registry registry = newRegistry();
        registry.register(InstanceRole.PROVIDER, provider(20880));

        raw.delete().forPath(providerPath(20880));

        await().atMost(SHORT).until(() -> raw.checkExists().forPath(providerPath(20880)) != null);
        assertThat(raw.getData().forPath(providerPath(20880))).isEqualTo(InstanceJson.encode(provider(20880)));
    }

    @Test
    void sessionExpiryRestoresTheNodeUnderTheNewSessionWithTheLatestValue() throws Exception {
        Registry registry = newRegistry();
        Registry.Registration registration = registry.register(InstanceRole.PROVIDER, provider(20880));
        long oldSession = sessionOf(registry);

        loseSession(registry);
        ServiceInstance updated = provider(20880).withTags(Map.of("env", "canary"));
        registration.update(updated);

        await().atMost(RECOVERY).until(() -> ownerOf(providerPath(20880)) != oldSession
                && ownerOf(providerPath(20880)) == sessionOf(registry));
        await().atMost(SHORT).until(() -> List.of(updated).equals(registry.list(service, InstanceRole.PROVIDER)));
    }

    @Test
    void malformedSessionTimeoutNamesTheKeyAndTheValue() {
        WeftConfig bad = config().with(ZooKeeperRegistryFactory.SESSION_TIMEOUT_MS, "abc");

        assertThatThrownBy(() -> new ZooKeeperRegistryFactory().create(RegistryAddress.parse(address()), bad))
                .isInstanceOf(WeftConfigException.class)
                .hasMessageContaining("weft.registry.session-timeout-ms")
                .hasMessageContaining("'abc'");
    }

}
