package io.weft.test.etcd;

import java.io.IOException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs real etcd for a test class: register it as a static field,
 * {@code @RegisterExtension static final EtcdExtension ETCD = EtcdExtension.members(1);}. The
 * members start before all tests (on free loopback ports, temporary data) and are killed after all
 * of them, and on JVM exit at the latest.
 *
 * <p>Uses the {@code etcd} binary (Debian: {@code apt-get install -y etcd-server}); without one but
 * with Docker, containers. With neither, the test class fails with a message saying so.
 */
public final class EtcdExtension implements BeforeAllCallback, AfterAllCallback {
    private final int size;
    private final EtcdServerTls tls;
    private EtcdCluster cluster;

    private EtcdExtension(int size, EtcdServerTls tls) {
        if (size < 1) {
            throw new IllegalArgumentException("at least one member, got " + size);
        }
        this.size = size;
        this.tls = tls;
    }

    /** A cluster of {@code size} members (1 or 3 make sense). */
    public static EtcdExtension members(int size) {
        return new EtcdExtension(size, null);
    }

    /** The same members speaking TLS on their client URLs ({@code https://}). */
    public EtcdExtension withTls(EtcdServerTls tls) {
        return new EtcdExtension(size, tls);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = EtcdCluster.start(size, tls);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    /** The running cluster. @throws IllegalStateException outside the test class's lifetime */
    public EtcdCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("etcd is not running (register the extension on a static field)");
        }
        return cluster;
    }

    /** {@code etcd://127.0.0.1:p1,…}. */
    public String address() {
        return cluster().address();
    }

    /** Stops every member gracefully and starts them again on the same data. */
    public void restart() throws IOException {
        cluster().restart();
    }
}
