package io.weft.sidecar;

import org.apache.curator.test.TestingServer;

/** The sidecar contract on a real ZooKeeper (curator-test's {@link TestingServer}). */
class SidecarZooKeeperIT extends SidecarContract {
    private TestingServer zookeeper;

    @Override
    protected void startRegistry() throws Exception {
        zookeeper = new TestingServer(true);
    }

    @Override
    protected void stopRegistry() throws Exception {
        if (zookeeper != null) {
            zookeeper.close();
        }
    }

    @Override
    protected String registryAddress() {
        return "zookeeper://" + zookeeper.getConnectString();
    }
}
