package io.weft.registry.zookeeper.it;

import io.weft.registry.tests.GovernanceContract;
import io.weft.test.WeftExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The governance suite on a real ZooKeeper. */
class ZooKeeperGovernanceIT extends GovernanceContract {
    @RegisterExtension
    static final WeftExtension ZOOKEEPER = WeftExtension.zooKeeper();

    ZooKeeperGovernanceIT() {
        super(ZOOKEEPER);
    }
}
