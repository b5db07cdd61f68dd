package io.weft.demo;

import io.weft.WeftConfig;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * The all-in-one demos' setup: an embedded ZooKeeper on a free port, the loaded configuration with
 * its address ({@code base}), and from it the providers' and the consumer's configurations.
 * Closing stops ZooKeeper.
 */
record EmbeddedMesh(EmbeddedZooKeeper zk, WeftConfig base) implements AutoCloseable {

    /** Starts ZooKeeper and prints its address to {@code out}. */
    static EmbeddedMesh start(PrintWriter out) throws IOException {
        EmbeddedZooKeeper zk = EmbeddedZooKeeper.start();
        out.println("registry   embedded ZooKeeper at " + zk.registryAddress());
        return new EmbeddedMesh(zk, WeftConfig.load().with(WeftConfig.REGISTRY_ADDRESS, zk.registryAddress()));
    }

    /** The providers': {@link Labels#PROVIDER_APP}, serving on 127.0.0.1 on any free port. */
    WeftConfig providerConfig() {
        return base.with(WeftConfig.APPLICATION, Labels.PROVIDER_APP)
                .with(WeftConfig.SERVER_HOST, "127.0.0.1").with(WeftConfig.SERVER_PORT, "0");
    }

    /** The consumer's: {@link Labels#CONSUMER_APP}. */
    WeftConfig consumerConfig() {
        return base.with(WeftConfig.APPLICATION, Labels.CONSUMER_APP);
    }

    @Override
    public void close() {
        zk.close();
    }
}
