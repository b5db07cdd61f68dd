package io.weft.bench.mesh;

import io.weft.RegistryAddress;
import io.weft.WeftConfig;
import io.weft.spi.Registry;
import io.weft.spi.RegistryFactory;
import io.weft.test.etcd.EtcdCluster;
import java.net.InetSocketAddress;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

/**
 * The registry server of one mesh run: a real ZooKeeper (curator-test's {@link TestingServer}, in this
 * JVM, no client-connection limit) or a real etcd process (weft-test's launcher, the {@code etcd}
 * binary). Also opens Weft registry clients through the real {@link RegistryFactory}.
 *
 * @param endpoint the server's {@code host:port}
 */
record MeshRegistry(String scheme, AutoCloseable server, InetSocketAddress endpoint) implements AutoCloseable {

    static MeshRegistry start(String backend) throws Exception {
        if (backend.equals("etcd")) {
            EtcdCluster etcd = EtcdCluster.start(1);
            RegistryAddress a = RegistryAddress.parse(etcd.address());
            return new MeshRegistry("etcd", etcd, endpoint(a));
        }
        if (!backend.equals("zookeeper")) {
            throw new IllegalArgumentException("registry must be zookeeper or etcd, not " + backend);
        }
        // maxClientCnxns 0: every consumer holds its own session from 127.0.0.1 (the default allows 60).
        // The data directory is in memory (/dev/shm when there is one), as weft-test's etcd members' are: on a
        // machine shared with other builds a disk fsync takes up to a second, which measures the disk.
        java.io.File shm = new java.io.File("/dev/shm");
        java.io.File data = shm.isDirectory()
                ? java.nio.file.Files.createTempDirectory(shm.toPath(), "weft-mesh-zk").toFile() : null;
        TestingServer zk = new TestingServer(new InstanceSpec(data, -1, -1, -1, true, -1, -1, 0), true);
        return new MeshRegistry("zookeeper", zk, new InetSocketAddress("127.0.0.1", zk.getPort()));
    }

    private static InetSocketAddress endpoint(RegistryAddress address) {
        String hostPort = address.endpoints().get(0);
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /** The registry address of the server itself. */
    String address() {
        return address(endpoint.getHostString() + ":" + endpoint.getPort());
    }

    /** A registry address for {@code hostPort} in this run's scheme (e.g. a {@link CountingProxy}). */
    String address(String hostPort) {
        return scheme + "://" + hostPort;
    }

    /**
     * Settings of the drivers' own registry clients: a 30 s connection and operation timeout, as a
     * registry on a small machine busy with a thousand sessions answers slowly.
     */
    static final WeftConfig PATIENT = WeftConfig.empty().with("weft.registry.connect-timeout-ms", "30000");

    /** A new Weft registry client of {@code address}, made by the real factory of its scheme. */
    static Registry open(String address, WeftConfig config) {
        RegistryAddress parsed = RegistryAddress.parse(address);
        return RegistryFactory.forScheme(parsed.scheme(), MeshRegistry.class.getClassLoader()).orElseThrow()
                .create(parsed, config);
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
