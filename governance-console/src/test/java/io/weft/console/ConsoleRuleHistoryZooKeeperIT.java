package io.weft.console;

import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Rule history and rollback through the console on a real ZooKeeper (curator-test's in-process server). */
class ConsoleRuleHistoryZooKeeperIT extends RuleHistoryContract {
    private static TestingServer zookeeper;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("zookeeper.admin.enableServer", "false"); // no Jetty admin server on a fixed port
        zookeeper = new TestingServer(true);
    }

    @AfterAll
    static void stop() throws Exception {
        zookeeper.close();
    }

    @Override
    protected String registryAddress() {
        return "zookeeper://" + zookeeper.getConnectString();
    }
}
