package io.weft.registry.zookeeper;

import io.weft.RegistryAddress;
import io.weft.WeftConfig;
import io.weft.registry.tests.ClusterContract;
import io.weft.spi.Registry;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static org.assertj.core.api.Assertions.assertThat;

/** The cluster contract on a real three-node ZooKeeper ensemble: losing the server a client is connected to. */
class ZooKeeperRegistryClusterIT extends ClusterContract {
    private static TestingCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new TestingCluster(3);
        cluster.start();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    @Override
    protected Registry connect() {
        WeftConfig config = WeftConfig.empty()
                .with(ZooKeeperRegistryFactory.SESSION_TIMEOUT_MS, "6000")
                .with(ZooKeeperRegistryFactory.CONNECT_TIMEOUT_MS, "10000");
        return new ZooKeeperRegistryFactory().create(RegistryAddress.parse("zookeeper://" + cluster.getConnectString()),
                config);
    }

    @Override
    protected void killMemberServing(Registry registry) throws Exception {
        InstanceSpec connectedTo = cluster.findConnectionInstance(
                ((ZooKeeperRegistry) registry).curator().getZookeeperClient().getZooKeeper());
        assertThat(cluster.killServer(connectedTo)).isTrue();
    }
}
