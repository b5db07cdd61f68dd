package io.weft.test;

import io.weft.test.etcd.EtcdCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.curator.test.TestingServer;

/** A registry server a {@link WeftExtension} starts for one test class: real ZooKeeper or real etcd. */
interface RegistryServer extends AutoCloseable {

    /** {@code scheme://host:port[,…]}, the value of {@code weft.registry.address}. */
    String address();

    @Override
    void close();

    /** A real ZooKeeper server in this JVM (curator-test's {@link TestingServer}) on a free loopback port. */
    static RegistryServer zooKeeper() {
        try {
            TestingServer server = new TestingServer(true);
            return new RegistryServer() {
                @Override
                public String address() {
                    return "zookeeper://" + server.getConnectString();
                }

                @Override
                public void close() {
                    try {
                        server.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        } catch (Exception e) {
            throw new IllegalStateException("cannot start an embedded ZooKeeper: " + e, e);
        }
    }

    /** One real etcd member (the {@code etcd} binary) on free loopback ports with a temporary data directory. */
    static RegistryServer etcd() {
        EtcdCluster cluster = EtcdCluster.start(1);
        return new RegistryServer() {
            @Override
            public String address() {
                return cluster.address();
            }

            @Override
            public void close() {
                cluster.close();
            }
        };
    }
}
