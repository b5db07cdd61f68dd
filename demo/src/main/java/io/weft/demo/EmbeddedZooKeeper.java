package io.weft.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/**
 * A real, standalone ZooKeeper server running inside this JVM, with its data in a temporary
 * directory. {@link #close()} stops it and deletes the directory. Not for production: one node,
 * no persistence across runs.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {
    private static final int TICK_MILLIS = 500;
    private static final int MAX_CLIENT_CONNECTIONS = 1000;

    private final Path dataDir;
    private final String clientHost;
    private final ZooKeeperServer server;
    private final ServerCnxnFactory connections;
    private boolean closed;

    private EmbeddedZooKeeper(Path dataDir, String clientHost, ZooKeeperServer server,
                              ServerCnxnFactory connections) {
        this.dataDir = dataDir;
        this.clientHost = clientHost;
        this.server = server;
        this.connections = connections;
    }

    /** Starts on a free loopback port. */
    public static EmbeddedZooKeeper start() throws IOException {
        return start(new InetSocketAddress("127.0.0.1", 0));
    }

    /**
     * Starts listening on {@code address} (port 0 picks a free port).
     *
     * @throws IOException if the port is taken or the data directory cannot be created
     */
    public static EmbeddedZooKeeper start(InetSocketAddress address) throws IOException {
        Path dir = Files.createTempDirectory("weft-zookeeper-");
        ZooKeeperServer server = null;
        ServerCnxnFactory factory = null;
        try {
            server = new ZooKeeperServer(dir.toFile(), dir.toFile(), TICK_MILLIS);
            factory = ServerCnxnFactory.createFactory(address, MAX_CLIENT_CONNECTIONS);
            factory.startup(server);
            String host = address.getAddress() == null || address.getAddress().isAnyLocalAddress()
                    ? "127.0.0.1"
                    : address.getAddress().getHostAddress();
            return new EmbeddedZooKeeper(dir, host, server, factory);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdownQuietly(factory, server);
            deleteRecursively(dir);
            throw new IOException("interrupted while starting ZooKeeper", e);
        } catch (IOException | RuntimeException | Error e) {
            shutdownQuietly(factory, server);
            deleteRecursively(dir);
            throw e;
        }
    }

    /** The port clients connect to. */
    public int port() {
        return connections.getLocalPort();
    }

    /** {@code host:port} for clients ({@code 127.0.0.1} when bound to every interface). */
    public String connectString() {
        return clientHost + ":" + port();
    }

    /** {@code zookeeper://host:port}, a value for {@code weft.registry.address}. */
    public String registryAddress() {
        return "zookeeper://" + connectString();
    }

    /** Stops the server, dropping every session, and deletes the data directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        shutdownQuietly(connections, server);
        deleteRecursively(dataDir);
    }

    private static void shutdownQuietly(ServerCnxnFactory factory, ZooKeeperServer server) {
        if (factory != null) {
            factory.shutdown();
        }
        if (server != null && server.isRunning()) {
            server.shutdown();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
