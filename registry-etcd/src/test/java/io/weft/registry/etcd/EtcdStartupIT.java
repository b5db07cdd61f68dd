package io.weft.registry.etcd;

import io.weft.test.etcd.EtcdCluster;
import io.weft.registry.tests.StartupContract;

/** The start-up contract against a real etcd process that starts after the Weft process. */
class EtcdStartupIT extends StartupContract {

    @Override
    protected Server newServer() {
        EtcdCluster etcd = EtcdCluster.notStarted(1);
        return new Server() {
            @Override
            public String address() {
                return etcd.address();
            }

            @Override
            public void start() throws Exception {
                etcd.startAll();
            }

            @Override
            public void stop() {
                etcd.member(0).stop();
            }

            @Override
            public void close() {
                etcd.close();
            }
        };
    }
}
