package io.weft.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;

class EmbeddedZooKeeperIT {

    @Test
    void servesRealClientsOnAFreePortAndCleansUp() throws Exception {
        EmbeddedZooKeeper zk = EmbeddedZooKeeper.start();
        try {
            assertThat(zk.port()).isPositive();
            assertThat(zk.registryAddress()).isEqualTo("zookeeper://127.0.0.1:" + zk.port());
            ZooKeeper client = ZooKeeperClients.connect(zk.connectString());
            try {
                client.create("/weft", "x".getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE,
                        CreateMode.PERSISTENT);
                assertThat(new String(client.getData("/weft", false, null), StandardCharsets.UTF_8)).isEqualTo("x");
            } finally {
                client.close();
            }
        } finally {
            zk.close();
        }
        zk.close(); // idempotent
    }

    @Test
    void refusesAPortThatIsTaken() throws Exception {
        try (EmbeddedZooKeeper first = EmbeddedZooKeeper.start()) {
            assertThatThrownBy(() -> EmbeddedZooKeeper.start(new InetSocketAddress("127.0.0.1", first.port())))
                    .isInstanceOf(java.io.IOException.class);
        }
    }
}
