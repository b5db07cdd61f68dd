package io.weft.registry.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.weft.RegistryAddress;
import io.weft.ServiceInstance;
import io.weft.WeftConfig;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Failover inside a real three-node ZooKeeper ensemble. */
class ZooKeeperRegistryClusterTest {
    private static final String SERVICE = "io.weft.test.Clustered";

    private TestingCluster cluster;
    private Registry provider;
    private Registry consumer;

    @BeforeEach
    void startCluster() throws Exception {
        cluster = new TestingCluster(3);
        cluster.start();
        RegistryAddress address = RegistryAddress.parse("zookeeper://" + cluster.getConnectString());
        WeftConfig config = WeftConfig.empty()
                .with(ZooKeeperRegistryFactory.SESSION_TIMEOUT_MS, "6000")
                .with(ZooKeeperRegistryFactory.CONNECT_TIMEOUT_MS, "10000");
        provider = new ZooKeeperRegistryFactory().create(address, config);
        consumer = new ZooKeeperRegistryFactory().create(address, config);
    }

    @AfterEach
    void stopCluster() throws Exception {
        provider.close();
        consumer.close();
        cluster.close();
    }

    @Test
    void registrationAndWatchSurviveLosingTheServerTheProviderIsConnectedTo() throws Exception {
        ServiceInstance first = ServiceInstance.provider(SERVICE, "app", "127.0.0.1", 20880).withWeight(1);
        provider.register(InstanceRole.PROVIDER, first);
        List<List<ServiceInstance>> seen = new CopyOnWriteArrayList<>();
        consumer.watch(SERVICE, InstanceRole.PROVIDER, seen::add);
        await().atMost(Duration.ofSeconds(10)).until(() -> !seen.isEmpty() && seen.get(seen.size() - 1).size() == 1);

        InstanceSpec connectedTo = cluster.findConnectionInstance(
                ((ZooKeeperRegistry) provider).curator().getZookeeperClient().getZooKeeper());
        assertThat(cluster.killServer(connectedTo)).isTrue();

        ServiceInstance second = ServiceInstance.provider(SERVICE, "app", "127.0.0.1", 20881).withWeight(2);
        provider.register(InstanceRole.PROVIDER, second);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> seen.get(seen.size() - 1).equals(List.of(first, second)));
        assertThat(consumer.list(SERVICE, InstanceRole.PROVIDER)).containsExactly(first, second);
    }
}
