package io.weft.cli;

import io.weft.test.WeftExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@code weft} command on a real ZooKeeper (curator-test's in-process server). */
class CliZooKeeperIT extends CliContract {
    @RegisterExtension
    static final WeftExtension ZOOKEEPER = WeftExtension.zooKeeper();

    CliZooKeeperIT() {
        super(ZOOKEEPER);
    }
}
