package io.weft.registry.zookeeper.it;

import io.weft.registry.tests.StartupContract;
import java.net.ServerSocket;
import org.apache.curator.test.TestingServer;

/** The start-up contract against a real ZooKeeper ({@code TestingServer}) that starts after the process. */
class ZooKeeperStartupIT extends StartupContract {

    @Override
    protected Server newServer() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        TestingServer zookeeper = new TestingServer(port, false);
        return new Server() {
            private boolean started;

            @Override
            public String address() {
                return "zookeeper://127.0.0.1:" + port;
            }

            @Override
            public void start() throws Exception {
                if (started) {
                    zookeeper.restart();
                } else {
                    zookeeper.start();
                    started = true;
                }
            }

            @Override
            public void stop() throws Exception {
                zookeeper.stop();
            }

            @Override
            public void close() throws Exception {
                zookeeper.close();
            }
        };
    }
}
