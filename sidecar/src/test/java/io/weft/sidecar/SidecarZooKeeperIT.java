package io.weft.sidecar;

import io.weft.test.WeftExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sidecar contract on a real ZooKeeper (curator-test's in-process server). */
class SidecarZooKeeperIT extends SidecarContract {
    @RegisterExtension
    static final WeftExtension ZOOKEEPER = WeftExtension.zooKeeper();

    SidecarZooKeeperIT() {
        super(ZOOKEEPER);
    }
}
