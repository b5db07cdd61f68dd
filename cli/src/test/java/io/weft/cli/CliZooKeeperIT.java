package io.weft.cli;

import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The {@code weft} command on a real ZooKeeper (curator-test's in-process server). */
class CliZooKeeperIT extends CliContract {
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
