package io.weft.console;

import io.weft.test.WeftExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rule history and rollback through the console on a real ZooKeeper (curator-test's in-process server). */
class ConsoleRuleHistoryZooKeeperIT extends RuleHistoryContract {
    @RegisterExtension
    static final WeftExtension ZOOKEEPER = WeftExtension.zooKeeper();

    ConsoleRuleHistoryZooKeeperIT() {
        super(ZOOKEEPER);
    }
}
