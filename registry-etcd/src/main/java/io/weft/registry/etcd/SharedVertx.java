package io.weft.registry.etcd;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The one Vert.x instance that the etcd registry clients of a JVM share, instead of the instance
 * jetcd creates per client (each with its own event-loop and blocked-thread-checker thread).
 *
 * <p>jetcd uses its Vert.x instance only for the timers of its lease keep-alive: a keep-alive task
 * every 500 ms, a deadline check every second, a restart after a failed keep-alive stream. gRPC does
 * not run on it ({@link EtcdRegistryFactory} sets back the {@code useVertx} flag that giving jetcd a
 * Vert.x sets). One event-loop thread serves the timers of all clients.
 *
 * <p>Each jetcd client is given its own {@link #view()}. A view takes a reference on the instance
 * when first used and gives it back when closed (jetcd's {@code Client.close()} closes "its"
 * Vert.x); the instance is created by the first reference and closed when the last one is given
 * back, so a JVM whose etcd clients are all closed has no Vert.x threads left, and the next client
 * creates a new instance. Thread-safe.
 */
final class SharedVertx {
    private static final SharedVertx JVM = new SharedVertx(SharedVertx::newVertx);

    private final Supplier<Vertx> factory;
    private Vertx instance; // guarded by this; null while no view holds a reference
    private int references; // guarded by this

    /** @param factory makes the instance when the first reference is taken */
    SharedVertx(Supplier<Vertx> factory) {
        this.factory = factory;
    }

    /** The instance shared by all etcd registries of this JVM. */
    static SharedVertx jvm() {
        return JVM;
    }

    /** A new view for one jetcd client ({@code ClientBuilder.vertx}); it takes no reference until used. */
    Vertx view() {
        return VertxView.of(this);
    }

    /** Takes a reference, creating the instance if there is none. */
    synchronized Vertx acquire() {
        if (instance == null) {
            instance = factory.get();
        }
        references++;
        return instance;
    }

    /** Gives a reference back; the last one closes the instance (its threads end shortly after). */
    synchronized void release() {
        if (--references == 0) {
            Vertx last = instance;
            instance = null;
            last.close();
        }
    }

    /**
     * Daemon threads, as jetcd's own instance has, and only as many as timers need: one event loop,
     * one worker. The blocked-thread checker wakes every 10 minutes rather than every second, and
     * with file caching and class-path resolving off there is no {@code vertx-cache-*} directory in
     * {@code java.io.tmpdir} (jetcd reads no files), which a killed JVM would leave behind.
     */
    static Vertx newVertx() {
        return Vertx.vertx(new VertxOptions()
                .setUseDaemonThread(true)
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                .setBlockedThreadCheckInterval(10)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MINUTES)
                .setFileSystemOptions(new FileSystemOptions()
                        .setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
    }
}
