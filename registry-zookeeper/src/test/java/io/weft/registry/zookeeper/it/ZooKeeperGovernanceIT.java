package io.weft.registry.zookeeper.it;

import io.weft.RegistryAddress;
import io.weft.WeftConfig;
import io.weft.registry.tests.GovernanceContract;
import io.weft.registry.zookeeper.ZooKeeperRegistryFactory;
import io.weft.spi.Registry;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The governance suite on a real ZooKeeper. */
class ZooKeeperGovernanceIT extends GovernanceContract {
    private static TestingServer zookeeper;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        zookeeper = new TestingServer(true);
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        zookeeper.close();
    }

    @Override
    protected String registryAddress() {
        return "zookeeper://" + zookeeper.getConnectString();
    }

    @Override
    protected Registry newAdminRegistry() {
        return new ZooKeeperRegistryFactory().create(RegistryAddress.parse(registryAddress()), WeftConfig.empty());
    }
}
