package io.weft.registry.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.weft.RegistryAddress;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.WeftConfig;
import io.weft.WeftConfigException;
import io.weft.registry.support.RegistryCredentials;
import io.weft.registry.support.RegistryStartup;
import io.weft.spi.Registry;
import io.weft.spi.RegistryFactory;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RegistryFactory} for {@code etcd://h1:2379,h2:2379} addresses: a {@link Registry} on
 * jetcd, using the layout of DESIGN §5 under {@code weft.registry.namespace}. Instance keys are bound
 * to one lease per registry, kept alive by jetcd; rule keys are plain keys written by
 * compare-and-set on their mod revision.
 *
 * <p>Configuration keys (milliseconds):
 * <ul>
 *   <li>{@value #LEASE_TTL_MS} (default 10000): the lease TTL, i.e. how long this process's keys
 *       outlive it when it dies without closing. etcd counts whole seconds: the value is rounded up
 *       to the next second (1 s at least), and etcd itself raises TTLs below its minimum (1.5 × its
 *       election timeout, 2 s with default settings);</li>
 *   <li>{@value #CONNECT_TIMEOUT_MS} (default 5000): how long {@link #create} waits to reach etcd,
 *       and how long each registry operation waits for an answer, before failing with
 *       {@link Status#UNAVAILABLE};</li>
 *   <li>{@value #CHECK} (default false): whether start-up fails with {@link Status#UNAVAILABLE}
 *       when etcd cannot be reached within the connect timeout. Without it, when no endpoint accepts
 *       a TCP connection (a refusal answers at once; an address that drops packets is given 1 s), the
 *       registry is returned at once, says once that it is waiting, and obtains its lease in the
 *       background: registrations are put and watches deliver once etcd appears. When something
 *       listens, start-up waits for the lease as with check.</li>
 * </ul>
 * A host in the address that does not resolve is reported as "unknown host" in one line; when no
 * host resolves, start-up fails with that message.
 *
 * <p>Security (DESIGN §7, docs/security.md): {@code weft.registry.username}/{@code password} log in
 * as that etcd user (etcd's RBAC decides what it may read and write); any of
 * {@code weft.registry.tls.trust-file}/{@code cert-file}/{@code key-file} makes the client speak TLS
 * ({@code https://}) to every endpoint.
 *
 * <p>The jetcd clients of all etcd registries of the JVM share one Vert.x instance for their lease
 * timers, with one event-loop thread; it ends when the last registry closes.
 */
public final class EtcdRegistryFactory implements RegistryFactory {
    /** Lease TTL in milliseconds (rounded up to whole seconds). */
    public static final String LEASE_TTL_MS = "weft.registry.lease-ttl-ms";
    /** Connection and operation timeout in milliseconds. */
    public static final String CONNECT_TIMEOUT_MS = RegistryStartup.CONNECT_TIMEOUT_MS;
    /** Fail start-up when the registry is unreachable (default: wait for it in the background). */
    public static final String CHECK = RegistryStartup.CHECK;
    private static final Logger log = LoggerFactory.getLogger(EtcdRegistryFactory.class);
    /** jetcd's {@code ClientBuilder.useVertx}, or null when this jetcd has none (see {@link #withSharedVertx}). */
    private static final Field USE_VERTX = useVertxField();

    @Override
    public String scheme() {
        return "etcd";
    }

    /**
     * Connects and obtains the registry's lease, unless nothing listens at the address and
     * {@value #CHECK} is false (then it returns at once and obtains the lease in the background).
     *
     * @throws io.weft.WeftConfigException when a configuration value is malformed (names key and value)
     * @throws RpcException with {@link Status#UNAVAILABLE} when no host of the address resolves, or when
     *     etcd listens (or {@value #CHECK} is true) but cannot be reached within the connect timeout;
     *     {@link Status#PERMISSION_DENIED} when etcd refuses the credentials
     */
    @Override
    public Registry create(RegistryAddress address, WeftConfig config) {
        if (!scheme().equals(address.scheme())) {
            throw new IllegalArgumentException("not an etcd:// address: " + address);
        }
        Duration leaseTtl = config.getMillis(LEASE_TTL_MS, 10_000, 1);
        long ttlSeconds = Math.max(1, (leaseTtl.toMillis() + 999) / 1000);
        RegistryStartup startup = RegistryStartup.read(address, config);
        Duration connectTimeout = startup.connectTimeout();
        RegistryCredentials credentials = startup.credentials();
        EtcdTls tls = EtcdTls.from(config).orElse(null);
        String scheme = tls == null ? "http://" : "https://";
        String[] endpoints = address.endpoints().stream().map(hp -> scheme + hp).toArray(String[]::new);
        ClientBuilder builder = Client.builder()
                .endpoints(endpoints)
                .connectTimeout(connectTimeout)
                .keepaliveTime(Duration.ofSeconds(10))
                .keepaliveTimeout(Duration.ofSeconds(5));
        withSharedVertx(builder);
        if (credentials != null) {
            builder.user(ByteSequence.from(credentials.username(), StandardCharsets.UTF_8))
                    .password(ByteSequence.from(credentials.password(), StandardCharsets.UTF_8));
        }
        if (tls != null) {
            withTls(builder, tls);
        }
        Client client = builder.build();
        EtcdRegistry registry = new EtcdRegistry(client, address, config.namespace(), connectTimeout, ttlSeconds);
        if (startup.startsInBackground(address)) {
            startup.warnWaiting(address, log);
            registry.startInBackground();
            return registry;
        }
        try {
            registry.start();
        } catch (RuntimeException e) {
            registry.close();
            if (EtcdRegistry.isPermissionDenied(e)) {
                throw new RpcException(Status.PERMISSION_DENIED, "etcd at " + address + " refused "
                        + (credentials == null ? "a client without credentials (set weft.registry.username and"
                        + " weft.registry.password)" : "user '" + credentials.username() + "'") + ": "
                        + e.getMessage(), e);
            }
            throw startup.unreachable("etcd", address, e);
        }
        return registry;
    }

    /**
     * Gives the client a view of the JVM's {@link SharedVertx} for its lease timers. Giving jetcd a
     * Vert.x also sets its {@code useVertx}, which would carry gRPC over that Vert.x: all clients'
     * I/O and callbacks on its one event loop, and the real instance needed, not a view. That flag is
     * set back, so that gRPC keeps its own Netty transport, as when jetcd makes its Vert.x itself.
     * Should a jetcd version lack the flag, the client is left to make its own Vert.x.
     */
    private static void withSharedVertx(ClientBuilder builder) {
        if (USE_VERTX == null) {
            return;
        }
        builder.vertx(SharedVertx.jvm().view());
        try {
            USE_VERTX.setBoolean(builder, false);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e); // made accessible when found
        }
    }

    private static Field useVertxField() {
        try {
            Field field = ClientBuilder.class.getDeclaredField("useVertx");
            if (field.getType() == boolean.class) {
                field.setAccessible(true);
                return field;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // as when the type differs
        }
        log.debug("jetcd's ClientBuilder has no boolean useVertx to set back: each etcd client makes its own Vert.x");
        return null;
    }

    private static void withTls(ClientBuilder builder, EtcdTls tls) {
        try {
            builder.sslContext(ssl -> {
                if (tls.trustFile() != null) {
                    ssl.trustManager(tls.trustFile().toFile());
                }
                if (tls.certFile() != null) {
                    ssl.keyManager(tls.certFile().toFile(), tls.keyFile().toFile());
                }
            });
        } catch (SSLException | IllegalArgumentException e) {
            throw new WeftConfigException("invalid configuration " + EtcdTls.TRUST_FILE + "/" + EtcdTls.CERT_FILE
                    + "/" + EtcdTls.KEY_FILE + ": cannot build a TLS context from " + tls + ": " + e.getMessage());
        }
    }
}
