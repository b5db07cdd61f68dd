package io.weft.test.etcd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Real etcd members on free loopback ports with temporary data directories (on {@code /dev/shm}
 * when there is one, so that fsync is cheap). Start with {@link #start(int)}, close to kill the
 * members and delete their data. Prefer {@link EtcdExtension} in JUnit 5 tests.
 *
 * <p>Not thread-safe; driven by the test thread.
 */
public final class EtcdCluster implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final int PORT_ATTEMPTS = 3;

    private final EtcdRuntime runtime;
    private final String token = UUID.randomUUID().toString().substring(0, 8);
    private final Path root;
    private final List<EtcdMember> members = new ArrayList<>();
    private final EtcdServerTls tls;

    private EtcdCluster(EtcdRuntime runtime, int size, EtcdServerTls tls) throws IOException {
        this.runtime = runtime;
        this.tls = tls;
        Path shm = Path.of("/dev/shm");
        this.root = Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "weft-etcd-") : Files.createTempDirectory("weft-etcd-");
        for (int i = 0; i < size; i++) {
            String name = "m" + i;
            members.add(new EtcdMember(this, name, freePort(), freePort(), freePort(), root.resolve(name)));
        }
    }

    /**
     * Starts {@code size} members forming one cluster and waits until every one is healthy.
     *
     * @throws IllegalStateException when there is neither an etcd binary nor Docker (the message
     *     says how to get one), or a member does not become healthy in time (with its log)
     */
    public static EtcdCluster start(int size) {
        return start(size, null);
    }

    /** Like {@link #start(int)}, with TLS on the client URLs when {@code tls} is not null. */
    public static EtcdCluster start(int size, EtcdServerTls tls) {
        // A port found free can be taken before etcd binds it (ports come from the ephemeral range, where
        // outgoing connections, the members' own peer streams included, take their source ports): then the
        // whole cluster starts again on new ports, since every member names every peer's port.
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(size, tls);
            } catch (IllegalStateException e) {
                if (attempt == PORT_ATTEMPTS || !String.valueOf(e.getMessage()).contains("address already in use")) {
                    throw e;
                }
            }
        }
    }

    private static EtcdCluster startOnce(int size, EtcdServerTls tls) {
        EtcdCluster cluster;
        try {
            cluster = new EtcdCluster(EtcdRuntime.detect(), size, tls);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create etcd data directories", e);
        }
        try {
            for (EtcdMember m : cluster.members) {
                m.launch();
            }
            for (EtcdMember m : cluster.members) {
                m.awaitHealthy(START_TIMEOUT);
            }
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot start etcd", io);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * {@code size} members with their ports reserved but not started: nothing listens at
     * {@link #address()} until {@link #startAll()} (for processes that start before their registry).
     */
    public static EtcdCluster notStarted(int size) {
        try {
            return new EtcdCluster(EtcdRuntime.detect(), size, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create etcd data directories", e);
        }
    }

    /** Starts every member not running and waits until all are healthy. */
    public void startAll() throws IOException {
        for (EtcdMember m : members) {
            m.launch();
        }
        for (EtcdMember m : members) {
            m.awaitHealthy(START_TIMEOUT);
        }
    }

    public List<EtcdMember> members() {
        return List.copyOf(members);
    }

    public EtcdMember member(int index) {
        return members.get(index);
    }

    /** {@code 127.0.0.1:p1,127.0.0.1:p2,…}. */
    public String endpoints() {
        return members.stream().map(EtcdMember::endpoint).collect(Collectors.joining(","));
    }

    /** The {@code weft.registry.address} of this cluster: {@code etcd://127.0.0.1:p1,…}. */
    public String address() {
        return "etcd://" + endpoints();
    }

    /** Stops every member gracefully, then starts them all again on the same data. */
    public void restart() throws IOException {
        for (EtcdMember m : members) {
            m.stop();
        }
        for (EtcdMember m : members) {
            m.launch();
        }
        for (EtcdMember m : members) {
            m.awaitHealthy(START_TIMEOUT);
        }
    }

    String initialCluster() {
        return members.stream().map(m -> m.name() + "=" + m.peerUrl()).collect(Collectors.joining(","));
    }

    EtcdServerTls tls() {
        return tls;
    }

    String token() {
        return token;
    }

    EtcdRuntime runtime() {
        return runtime;
    }

    /** Kills every member and deletes the data. Idempotent. */
    @Override
    public void close() {
        members.forEach(EtcdMember::kill);
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp directory
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
