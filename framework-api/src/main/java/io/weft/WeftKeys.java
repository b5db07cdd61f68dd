package io.weft;

import static io.weft.ConfigKey.bool;
import static io.weft.ConfigKey.choice;
import static io.weft.ConfigKey.decimal;
import static io.weft.ConfigKey.file;
import static io.weft.ConfigKey.integer;
import static io.weft.ConfigKey.duration;
import static io.weft.ConfigKey.nonBlank;
import static io.weft.ConfigKey.string;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Every configuration key of Weft, typed, with its default and meaning: the catalogue behind
 * {@link WeftConfig#get(ConfigKey)}, the unknown-key warning (DESIGN §7) and the table in
 * {@code docs/configuration.md} (a test keeps the two equal). The names of DESIGN §7, §9 and §10 are a
 * contract. Keys of every module are here, also of modules not on the class path, so that a key is
 * never reported as unknown for lack of its module.
 */
public final class WeftKeys {
    private WeftKeys() {
    }

    private static final int MAX = Integer.MAX_VALUE;

    // DESIGN §7 (contract names)

    /** {@code weft.application}: the application's name; required to export services when a registry is configured. */
    public static final ConfigKey<String> APPLICATION = nonBlank(WeftConfig.APPLICATION,
            "application name; required to export services when a registry is configured")
            .computedDefault("none (required for providers)");
    /**
     * {@code weft.registry.address}: where the registry is ({@code zookeeper://h1:2181,h2:2181} or
     * {@code etcd://h1:2379}); unset: direct addresses only.
     */
    public static final ConfigKey<RegistryAddress> REGISTRY_ADDRESS = ConfigKey.of(WeftConfig.REGISTRY_ADDRESS,
            RegistryAddress.class, null, "`zookeeper://h1:2181,h2:2181` or `etcd://h1:2379,h2:2379`",
            "where the registry is; unset: direct addresses only", RegistryAddress::parse)
            .rejectingBlank().computedDefault("none (direct addresses only)");
    /**
     * {@code weft.registry.namespace}: the root of the registry tree, {@code {ns}} of DESIGN §5 (default
     * {@code weft}).
     */
    public static final ConfigKey<String> REGISTRY_NAMESPACE = ConfigKey.of(WeftConfig.REGISTRY_NAMESPACE,
            String.class, "weft", "letters, digits, `_`, `.`, `-`", "`{ns}`: the registry tree's root (DESIGN §5)",
            raw -> {
                if (!raw.matches("[A-Za-z0-9_.-]+")) {
                    throw new IllegalArgumentException("letters, digits, '_', '.', '-' only");
                }
                return raw;
            });
    /** {@code weft.server.host}: the address providers listen on and register (default: the first non-loopback one). */
    public static final ConfigKey<String> SERVER_HOST = nonBlank(WeftConfig.SERVER_HOST,
            "address providers listen on and register").computedDefault("first non-loopback");
    /** {@code weft.server.port}: the port providers listen on (default 20880; 0 = any free). */
    public static final ConfigKey<Integer> SERVER_PORT = integer(WeftConfig.SERVER_PORT, 20880, 0, 65535,
            "port providers listen on; 0 = any free");
    /**
     * {@code weft.client.timeout} (deprecated alias {@code weft.client.timeout-ms}): the deadline of calls
     * whose reference and method set none (default 3000 ms).
     */
    public static final ConfigKey<Duration> CLIENT_TIMEOUT = duration("weft.client.timeout",
            ms(3000), ms(1), "default call deadline")
            .withDeprecatedAlias(WeftConfig.CLIENT_TIMEOUT_MS);
    /** {@code weft.serialization.allow}: extra package prefixes, comma-separated, that Hessian may decode. */
    public static final ConfigKey<List<String>> SERIALIZATION_ALLOW = list(WeftConfig.SERIALIZATION_ALLOW,
            "extra package prefixes Hessian may decode");
    /**
     * {@code weft.registry.username}: registry user (ZooKeeper digest, etcd user); with it, Weft's nodes
     * are writable only with these credentials.
     */
    public static final ConfigKey<String> REGISTRY_USERNAME = string("weft.registry.username", null,
            "registry user (ZooKeeper digest, etcd user); with it, Weft's nodes are writable only with these credentials");
    /** {@code weft.registry.password}: the password of {@link #REGISTRY_USERNAME} (a secret: never printed). */
    public static final ConfigKey<String> REGISTRY_PASSWORD = string("weft.registry.password", null,
            "password of `weft.registry.username`");
    /** {@code weft.registry.tls.trust-file}: the PEM CA bundle etcd's certificate must chain to (TLS to etcd). */
    public static final ConfigKey<Path> REGISTRY_TLS_TRUST_FILE = file("weft.registry.tls.trust-file",
            "PEM CA bundle etcd's certificate must chain to (TLS to etcd)");
    /** {@code weft.registry.tls.cert-file}: the PEM client certificate presented to etcd. */
    public static final ConfigKey<Path> REGISTRY_TLS_CERT_FILE = file("weft.registry.tls.cert-file",
            "PEM client certificate presented to etcd");
    /** {@code weft.registry.tls.key-file}: the PKCS#8 PEM key of {@link #REGISTRY_TLS_CERT_FILE}. */
    public static final ConfigKey<Path> REGISTRY_TLS_KEY_FILE = file("weft.registry.tls.key-file",
            "PKCS#8 PEM key of `weft.registry.tls.cert-file`");
    /**
     * {@code weft.admin.port}: the admin HTTP endpoint ({@code /health}, {@code /ready},
     * {@code /metrics}, DESIGN §10); unset: off, 0 = any free.
     */
    public static final ConfigKey<Integer> ADMIN_PORT = integer("weft.admin.port", null, 0, 65535,
            "admin HTTP endpoint `/health`, `/ready`, `/metrics` (DESIGN §10); 0 = any free").computedDefault("off");
    /**
     * {@code weft.access-log}: one line per finished call on logger {@code weft.access} (DESIGN §10;
     * default false).
     */
    public static final ConfigKey<Boolean> ACCESS_LOG = bool("weft.access-log", false,
            "one line per finished call on logger `weft.access` (DESIGN §10)");
    /**
     * {@code weft.metrics}: whether this instance records the DESIGN §10 meters through the metrics
     * providers on the class path (e.g. {@code weft-micrometer}); default true. Without a provider there
     * are no meters either way.
     */
    public static final ConfigKey<Boolean> METRICS = bool("weft.metrics", true,
            "record the DESIGN §10 meters through a metrics provider on the class path (e.g. `weft-micrometer`);"
                    + " false: this instance records none and its `/metrics` answers 501");
    /** The logger the access log writes to (DESIGN §10), at INFO. Not a key. */
    public static final String ACCESS_LOG_LOGGER = "weft.access";
    /**
     * {@code weft.admin.host}: where the admin endpoint listens (default: {@code weft.server.host} if
     * set, else all interfaces).
     */
    public static final ConfigKey<String> ADMIN_HOST = string("weft.admin.host", null,
            "where the admin endpoint listens").computedDefault("weft.server.host if set, else all interfaces");
    /**
     * {@code weft.access-log.format}: {@code text} (default: {@code side service/method status duration_us
     * peer app trace_id}) or {@code json} (one JSON object per line with those fields).
     */
    public static final ConfigKey<String> ACCESS_LOG_FORMAT = choice("weft.access-log.format", "text",
            List.of("text", "json"), "`text`: `side service/method status duration_us peer app trace_id`;"
                    + " `json`: one JSON object per line with those fields");
    /**
     * {@code weft.config.file}: an external properties file read at start-up, below system properties and
     * the environment and above {@code weft.properties} on the class path (a missing or unreadable file
     * fails start-up naming the path).
     */
    public static final ConfigKey<Path> CONFIG_FILE = file(WeftConfig.CONFIG_FILE, "properties file read at"
            + " start-up: below system properties and the environment, above `weft.properties` on the class path;"
            + " a missing or unreadable file fails start-up naming the path");
    /**
     * {@code weft.access-log.file}: a file Weft's own writer appends the access log to, batched on a
     * writer thread; unset: the lines go to the SLF4J logger {@value #ACCESS_LOG_LOGGER}.
     */
    public static final ConfigKey<Path> ACCESS_LOG_FILE = ConfigKey.of("weft.access-log.file", Path.class, null,
            "path", "file Weft's own writer appends the lines to (batched, off the call thread); unset: logger"
                    + " `weft.access`", Path::of);
    /**
     * {@code weft.access-log.sample}: the share of successful, fast calls logged (default 1); errors and
     * slow calls are always logged. Decided by the trace id, so every side and hop of a trace agrees.
     */
    public static final ConfigKey<Double> ACCESS_LOG_SAMPLE = decimal("weft.access-log.sample", 1.0, 0, 1,
            "share of OK calls faster than `weft.access-log.slow` that are logged, decided by the trace id"
                    + " (every side and hop of a trace agrees); errors and slow calls are always logged");
    /** {@code weft.access-log.slow}: calls this slow or slower are logged whatever the sample (default 1s). */
    public static final ConfigKey<Duration> ACCESS_LOG_SLOW = ConfigKey.duration("weft.access-log.slow", ms(1000), ms(0),
            "calls this slow or slower are always logged, whatever `weft.access-log.sample`");
    /**
     * {@code weft.access-log.queue-size}: lines waiting for the writer thread (default 16384); full: a line
     * is dropped and counted, never waited for. 0 writes on the calling thread (logger only).
     */
    public static final ConfigKey<Integer> ACCESS_LOG_QUEUE_SIZE = integer("weft.access-log.queue-size", 16384, 0,
            1 << 24, "lines waiting for the writer thread; full ⇒ the line is dropped and counted (a warning every"
                    + " 10 s), the call never waits. 0 = format and log on the calling thread (logger only)");
    /** {@code weft.access-log.flush}: the longest a line waits in the file writer's buffer (default 1s). */
    public static final ConfigKey<Duration> ACCESS_LOG_FLUSH = ConfigKey.duration("weft.access-log.flush", ms(1000), ms(1),
            "longest a line waits in the file writer's 64 KiB buffer before it is written to `weft.access-log.file`");
    /** Prefix of the sidecar's keys (DESIGN §9: {@code weft.sidecar.*}, the same settings as its flags). */
    public static final String SIDECAR_PREFIX = "weft.sidecar.";

    // provider: server, dispatch, connection limits

    /** {@code weft.server.threads}: threads of the provider's business executor (default 200). */
    public static final ConfigKey<Integer> SERVER_THREADS = integer("weft.server.threads", 200, 1, 10_000,
            "business executor threads");
    /**
     * {@code weft.server.queue-size}: requests waiting for a business thread (default 1024; 0 = hand-off
     * only); full ⇒ {@code RESOURCE_EXHAUSTED}.
     */
    public static final ConfigKey<Integer> SERVER_QUEUE_SIZE = integer("weft.server.queue-size", 1024, 0, 1_000_000,
            "business queue; 0 = hand-off only. Full ⇒ `RESOURCE_EXHAUSTED`");
    /**
     * {@code weft.server.max-queue-wait} (deprecated alias {@code weft.server.max-queue-wait-ms}): the longest
     * a request may wait in the business queue before it is refused with {@code RESOURCE_EXHAUSTED} (default
     * 500 ms; 0 = only the queue size bounds it).
     */
    public static final ConfigKey<Duration> SERVER_MAX_QUEUE_WAIT = duration("weft.server.max-queue-wait",
            ms(500), ms(0),
            "longest a request may wait in the business queue: refused `RESOURCE_EXHAUSTED` at once when "
                    + "the expected wait exceeds half of it (headroom for the estimate's error) or the request's "
                    + "remaining deadline, and at dequeue when it did "
                    + "wait longer; expected wait = the larger of queued × average service time ÷ threads (before any "
                    + "call finished: the oldest running call's age) and the shortest queue wait of the last 100 ms "
                    + "(a standing queue, CoDel-style); 0 = only the queue size bounds it")
            .withDeprecatedAlias("weft.server.max-queue-wait-ms");
    /**
     * {@code weft.server.dispatch}: {@code pool} (default) or {@code direct}, which runs interceptors and
     * services on the event loop; only for services that never block. With {@code pool},
     * {@link NonBlocking} marks single methods to run that way.
     */
    public static final ConfigKey<String> SERVER_DISPATCH = choice("weft.server.dispatch", "pool",
            List.of("pool", "direct"), "`direct` runs interceptors and services on the event loop that read the"
                    + " request (no hand-off, no cross-thread write); only for services that never block. With"
                    + " `pool`, `@NonBlocking` marks single methods (or interfaces, or implementation classes) to run"
                    + " that way");
    /**
     * {@code weft.server.max-frame-bytes}: the largest frame a provider accepts (default 8 MiB); larger ⇒
     * GOAWAY {@code RESOURCE_EXHAUSTED}.
     */
    public static final ConfigKey<Integer> SERVER_MAX_FRAME_BYTES = integer("weft.server.max-frame-bytes",
            8 * 1024 * 1024, 1024, MAX, "largest frame a provider accepts (8 MiB); more ⇒ GOAWAY `RESOURCE_EXHAUSTED`");
    /**
     * {@code weft.server.shutdown-timeout} (deprecated alias {@code weft.server.shutdown-timeout-ms}): how long
     * shutdown waits for calls in flight to drain (default 10000 ms).
     */
    public static final ConfigKey<Duration> SERVER_SHUTDOWN_TIMEOUT = duration("weft.server.shutdown-timeout",
            ms(10_000), ms(0), "bound on draining at shutdown")
            .withDeprecatedAlias("weft.server.shutdown-timeout-ms");
    /** {@code weft.server.max-connections}: open connections in total (default 10000); more are closed at accept. */
    public static final ConfigKey<Integer> SERVER_MAX_CONNECTIONS = integer("weft.server.max-connections", 10_000,
            1, 10_000_000, "open connections in total; more are closed at accept");
    /**
     * {@code weft.server.max-connections-per-ip}: open connections per source IP (default 1000; a
     * security rule may lower it); more ⇒ GOAWAY {@code RESOURCE_EXHAUSTED}.
     */
    public static final ConfigKey<Integer> SERVER_MAX_CONNECTIONS_PER_IP = integer(
            "weft.server.max-connections-per-ip", 1000, 1, 10_000_000, "per source IP; a security rule's"
                    + " `connectionLimits` may lower it. Over ⇒ GOAWAY `RESOURCE_EXHAUSTED`");
    /**
     * {@code weft.server.max-requests-per-second-per-ip}: the default per-IP request rate (0 = off, the
     * default); a security rule may set or lower it.
     */
    public static final ConfigKey<Integer> SERVER_MAX_REQUESTS_PER_SECOND_PER_IP = integer(
            "weft.server.max-requests-per-second-per-ip", 0, 0, MAX,
            "default per-IP request rate (0 = off); a rule may set or lower it");
    /**
     * {@code weft.server.max-in-flight-per-connection}: requests queued or running per connection
     * (default 1000); more ⇒ {@code RESOURCE_EXHAUSTED}.
     */
    public static final ConfigKey<Integer> SERVER_MAX_IN_FLIGHT_PER_CONNECTION = integer(
            "weft.server.max-in-flight-per-connection", 1000, 1, 10_000_000,
            "requests queued or running per connection; more ⇒ `RESOURCE_EXHAUSTED`");
    /**
     * {@code weft.server.idle-timeout} (deprecated alias {@code weft.server.idle-timeout-ms}): a connection
     * without a call this long, and none in flight, gets GOAWAY and is closed (default 3 × heartbeat).
     */
    public static final ConfigKey<Duration> SERVER_IDLE_TIMEOUT = duration("weft.server.idle-timeout",
            null, ms(10), "a connection without a call (REQUEST in, RESPONSE out; PINGs do not count) this long, and"
                    + " none in flight, gets GOAWAY and is closed").withDeprecatedAlias("weft.server.idle-timeout-ms")
            .computedDefault("3 × heartbeat");
    /**
     * {@code weft.server.frame-read-timeout} (deprecated alias {@code weft.server.frame-read-timeout-ms}): a
     * started frame must complete within it, a slow-loris guard (default 10000 ms; 0 = off).
     */
    public static final ConfigKey<Duration> SERVER_FRAME_READ_TIMEOUT = duration("weft.server.frame-read-timeout",
            ms(10_000), ms(0),
            "a started frame must complete within it (slow-loris guard); 0 = off")
            .withDeprecatedAlias("weft.server.frame-read-timeout-ms");
    /**
     * {@code weft.server.max-metadata-entries}: metadata entries one frame may carry (default 64); more ⇒
     * GOAWAY {@code INVALID_ARGUMENT}.
     */
    public static final ConfigKey<Integer> SERVER_MAX_METADATA_ENTRIES = integer("weft.server.max-metadata-entries",
            64, 8, 65_535, "metadata entries one frame may carry; more ⇒ GOAWAY `INVALID_ARGUMENT`"
                    + " (consumers use 64 for responses)");
    /**
     * {@code weft.server.max-pings-per-second}: PINGs one connection may send a second (default 20,
     * bursts of 40); more ⇒ GOAWAY {@code RESOURCE_EXHAUSTED} and close.
     */
    public static final ConfigKey<Integer> SERVER_MAX_PINGS_PER_SECOND = integer("weft.server.max-pings-per-second",
            20, 1, MAX, "PINGs one connection may send a second (bursts of 40); more ⇒ GOAWAY"
                    + " `RESOURCE_EXHAUSTED`, close");
    /**
     * {@code weft.server.write-buffer-high-water-mark}: bytes queued for a peer beyond which the provider
     * stops reading from it until they drain to half (default 1 MiB).
     */
    public static final ConfigKey<Integer> SERVER_WRITE_BUFFER_HIGH_WATER_MARK = integer(
            "weft.server.write-buffer-high-water-mark", 1024 * 1024, 16 * 1024, MAX,
            "bytes queued for a peer beyond which the provider stops reading from it until they drain to half");
    /**
     * {@code weft.server.tls}: {@code off} (default), {@code optional} (TLS or plaintext on one port) or
     * {@code required} (TLS only).
     */
    public static final ConfigKey<String> SERVER_TLS = choice("weft.server.tls", "off",
            List.of("off", "optional", "required"), "`optional`: TLS or plaintext on one port; `required`: TLS only");
    /**
     * {@code weft.server.tls.client-auth}: client certificates not asked for ({@code none}, default),
     * checked when given ({@code optional}) or required ({@code require}).
     */
    public static final ConfigKey<String> SERVER_TLS_CLIENT_AUTH = choice("weft.server.tls.client-auth", "none",
            List.of("none", "optional", "require"), "client certificates: not asked for, checked when given, or"
                    + " required (needs `weft.tls.trust-file`)");

    // serialization

    /**
     * {@code weft.serialization.max-objects}: values one Hessian read may decode, back-references
     * included (default 1000000); more ⇒ {@code INVALID_ARGUMENT}.
     */
    public static final ConfigKey<Integer> SERIALIZATION_MAX_OBJECTS = integer("weft.serialization.max-objects",
            1_000_000, 1, MAX, "values one Hessian read may decode, back-references included; more ⇒"
                    + " `INVALID_ARGUMENT`");
    /** {@code weft.serialization.max-depth}: the nesting depth one Hessian or JSON read may reach (default 64). */
    public static final ConfigKey<Integer> SERIALIZATION_MAX_DEPTH = integer("weft.serialization.max-depth", 64, 2,
            10_000, "nesting depth of one Hessian read");
    /**
     * {@code weft.serialization.max-collection-size}: entries of one decoded map, set or fixed-length
     * list (default 1000000).
     */
    public static final ConfigKey<Integer> SERIALIZATION_MAX_COLLECTION_SIZE = integer(
            "weft.serialization.max-collection-size", 1_000_000, 1, MAX,
            "entries of one map, set or fixed-length list");
    /**
     * {@code weft.serialization.json.max-string-length}: chars of one JSON string (default 1 Mi); longer
     * ⇒ {@code INVALID_ARGUMENT} naming the argument.
     */
    public static final ConfigKey<Integer> SERIALIZATION_JSON_MAX_STRING_LENGTH = integer(
            "weft.serialization.json.max-string-length", 1024 * 1024, 1, MAX,
            "chars of one JSON string; longer ⇒ `INVALID_ARGUMENT` naming the argument (JSON bodies also obey"
                    + " max-depth and, as tokens, max-objects)");
    /**
     * {@code weft.serialization.json.max-number-length}: chars of one JSON number (default 1000); longer
     * ⇒ {@code INVALID_ARGUMENT} naming the argument.
     */
    public static final ConfigKey<Integer> SERIALIZATION_JSON_MAX_NUMBER_LENGTH = integer(
            "weft.serialization.json.max-number-length", 1000, 1, 1_000_000,
            "chars of one JSON number; longer ⇒ `INVALID_ARGUMENT` naming the argument");

    // consumer: connections, cluster, retries

    /** {@code weft.client.max-frame-bytes}: the largest response frame a consumer accepts (default 8 MiB). */
    public static final ConfigKey<Integer> CLIENT_MAX_FRAME_BYTES = integer("weft.client.max-frame-bytes",
            8 * 1024 * 1024, 1024, MAX, "largest response frame a consumer accepts (8 MiB)");
    /**
     * {@code weft.client.connect-timeout} (deprecated alias {@code weft.client.connect-timeout-ms}): the TCP
     * connect timeout to a provider (default 3000 ms).
     */
    public static final ConfigKey<Duration> CLIENT_CONNECT_TIMEOUT = duration("weft.client.connect-timeout",
            ms(3000), ms(1), "TCP connect timeout")
            .withDeprecatedAlias("weft.client.connect-timeout-ms");
    /**
     * {@code weft.client.max-reconnect-backoff} (deprecated alias {@code
     * weft.client.max-reconnect-backoff-ms}): the ceiling of the doubling reconnect backoff (default 5000 ms).
     */
    public static final ConfigKey<Duration> CLIENT_MAX_RECONNECT_BACKOFF = duration("weft.client.max-reconnect-backoff",
            ms(5000), ms(1), "reconnect backoff ceiling")
            .withDeprecatedAlias("weft.client.max-reconnect-backoff-ms");
    /** {@code weft.client.failover-attempts}: instances tried for a request that was never sent (default 3). */
    public static final ConfigKey<Integer> CLIENT_FAILOVER_ATTEMPTS = integer("weft.client.failover-attempts", 3, 1,
            100, "instances tried for a request that was never sent");
    /** {@code weft.client.load-balancer}: the load balancer of references that name none (default {@code p2c}). */
    public static final ConfigKey<String> CLIENT_LOAD_BALANCER = ConfigKey.of("weft.client.load-balancer",
            String.class, "p2c", "`random`, `round_robin`, `least_active`, `consistent_hash`, `p2c` or a plug-in's"
                    + " name", "load balancer of references that name none", raw -> {
                if (!raw.matches("[a-z0-9_]+")) {
                    throw new IllegalArgumentException("lower-case letters, digits and '_' only");
                }
                return raw;
            });
    /** {@code weft.client.cluster}: the cluster strategy of references that name none (default {@code failover}). */
    public static final ConfigKey<ClusterStrategy> CLIENT_CLUSTER = ConfigKey.of("weft.client.cluster",
            ClusterStrategy.class, ClusterStrategy.FAILOVER, "one of failover, failfast, failsafe, forking, broadcast",
            "cluster strategy of references that name none", raw -> {
                try {
                    return ClusterStrategy.fromName(raw);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("expected failover, failfast, failsafe, forking or broadcast");
                }
            });
    /**
     * {@code weft.client.retries}: extra attempts for {@link Idempotent} methods failing with a
     * {@code retryOn} status (default 2).
     */
    public static final ConfigKey<Integer> CLIENT_RETRIES = integer("weft.client.retries", 2, 0, 10,
            "extra attempts for `@Idempotent` methods failing with a `retryOn` status (default `UNAVAILABLE`)");
    /**
     * {@code weft.client.retry-budget-percent}: retries allowed as a share of calls over a 10 s sliding
     * window (default 20).
     */
    public static final ConfigKey<Integer> CLIENT_RETRY_BUDGET_PERCENT = integer("weft.client.retry-budget-percent",
            20, 0, 100, "retries allowed as a share of calls over a 10 s sliding window");
    /**
     * {@code weft.client.retry-budget-min-per-second}: retries a second always allowed, for quiet
     * references (default 10).
     */
    public static final ConfigKey<Integer> CLIENT_RETRY_BUDGET_MIN_PER_SECOND = integer(
            "weft.client.retry-budget-min-per-second", 10, 0, 1_000_000, "retry floor for quiet references");
    /**
     * {@code weft.client.check}: true makes {@code reference()} fail with {@code UNAVAILABLE} unless a
     * provider accepts a connection within the connect timeout (default false).
     */
    public static final ConfigKey<Boolean> CLIENT_CHECK = bool("weft.client.check", false, "true: `reference()`"
            + " fails with `UNAVAILABLE` unless a provider accepts a connection within the connect timeout");
    /**
     * {@code weft.client.warmup} (deprecated alias {@code weft.client.warmup-ms}): the linear weight ramp (5 %
     * to 100 %) after an instance's {@code startedAt} (default 30000 ms; 0 disables).
     */
    public static final ConfigKey<Duration> CLIENT_WARMUP = duration("weft.client.warmup", ms(30_000), ms(0),
            "linear weight ramp (5 %→100 %) after an instance's `startedAt`; 0 disables")
            .withDeprecatedAlias("weft.client.warmup-ms");
    /**
     * {@code weft.client.tls}: {@code false} (default: TLS to providers whose node says {@code tls}),
     * {@code true} (also to direct addresses) or {@code required} (TLS to every provider).
     */
    public static final ConfigKey<String> CLIENT_TLS = choice("weft.client.tls", "false",
            List.of("false", "true", "required"), "`false`: TLS only to providers whose node says `tls`; `true`:"
                    + " also to direct addresses; `required`: TLS to every provider, nodes saying `\"tls\":false`"
                    + " are never called ([security.md](security.md))");
    /**
     * {@code weft.client.tls.server-identity}: with {@code weft.client.tls=required}, the identity every
     * provider certificate must name; a mismatch refuses the connection.
     */
    public static final ConfigKey<String> CLIENT_TLS_SERVER_IDENTITY = string("weft.client.tls.server-identity", null,
            "with `weft.client.tls=required`: the identity (SPIFFE app, CN, or full URI SAN) every provider"
                    + " certificate must name; mismatch ⇒ connection refused, `UNAVAILABLE` naming both");
    /**
     * {@code weft.client.token.allow-plaintext}: whether a call carrying {@code :token} may go over a
     * connection without TLS (default false: it fails before sending).
     */
    public static final ConfigKey<Boolean> CLIENT_TOKEN_ALLOW_PLAINTEXT = bool("weft.client.token.allow-plaintext",
            false, "whether a call carrying `:token` may go over a connection without TLS; otherwise it fails"
                    + " before sending (`UNAVAILABLE`, naming this key)");
    /**
     * {@code weft.security.token}: the token a consumer sends as {@code :token} ({@code
     * authentication.mode: token}; a secret).
     */
    public static final ConfigKey<String> SECURITY_TOKEN = string("weft.security.token", null,
            "token a consumer sends as `:token` (`authentication.mode: token`)");

    // both sides: TLS, heartbeat, transport

    /**
     * {@code weft.tls.cert-file}: the PEM certificate chain this side presents (with
     * {@link #TLS_KEY_FILE}); reloaded when changed.
     */
    public static final ConfigKey<Path> TLS_CERT_FILE = file("weft.tls.cert-file",
            "PEM certificate chain this side presents (with `weft.tls.key-file`); reloaded when changed");
    /** {@code weft.tls.key-file}: the PKCS#8 PEM key of {@link #TLS_CERT_FILE}; reloaded when changed. */
    public static final ConfigKey<Path> TLS_KEY_FILE = file("weft.tls.key-file",
            "PKCS#8 PEM key of `weft.tls.cert-file`; reloaded when changed");
    /**
     * {@code weft.tls.trust-file}: the PEM CA bundle the peer's certificate must chain to (default: the
     * JDK trust store).
     */
    public static final ConfigKey<Path> TLS_TRUST_FILE = file("weft.tls.trust-file",
            "PEM CA bundle the peer's certificate must chain to").computedDefault("JDK trust store");
    /**
     * {@code weft.tls.handshake-timeout} (deprecated alias {@code weft.tls.handshake-timeout-ms}): the TLS
     * handshake time limit (default 10000 ms).
     */
    public static final ConfigKey<Duration> TLS_HANDSHAKE_TIMEOUT = duration("weft.tls.handshake-timeout",
            ms(10_000), ms(1), "TLS handshake time limit")
            .withDeprecatedAlias("weft.tls.handshake-timeout-ms");
    /**
     * {@code weft.heartbeat.interval} (deprecated alias {@code weft.heartbeat.interval-ms}): idle time before a
     * consumer PINGs a connection; one that reads nothing for 3 × it is closed (default 10000 ms).
     */
    public static final ConfigKey<Duration> HEARTBEAT_INTERVAL = duration("weft.heartbeat.interval",
            ms(10_000), ms(10), "idle time before PING; 3× closes")
            .withDeprecatedAlias("weft.heartbeat.interval-ms");
    /**
     * {@code weft.transport.nio}: a JVM system property; true uses NIO instead of epoll where epoll is
     * available (default false).
     */
    public static final ConfigKey<Boolean> TRANSPORT_NIO = bool("weft.transport.nio", false,
            "JVM system property: NIO instead of epoll where epoll is available");
    /**
     * {@code weft.transport.io-threads}: the Netty event loops of one Weft instance, shared by its server
     * and client connections (default 0 = one per available processor).
     */
    public static final ConfigKey<Integer> TRANSPORT_IO_THREADS = integer("weft.transport.io-threads", 0, 0, 1024,
            "event loops shared by the server and client connections; 0 = one per available processor");

    /**
     * {@code weft.transport.warmup-calls}: synthetic calls run through the call path, on no network, by the
     * first export and the first stub of a JVM, so that the JIT has compiled the path before traffic arrives:
     * rounds of one call per method and one refused call, as many rounds as fit in this budget (at least
     * one). Later exports and stubs run one round, which loads their own classes (default 10000; 0 = one
     * round: load only, no compiling).
     */
    public static final ConfigKey<Integer> TRANSPORT_WARMUP_CALLS = integer("weft.transport.warmup-calls", 10_000, 0,
            10_000_000, "synthetic calls (every method, and refusals, in rounds) through the call path at a JVM's"
            + " first export and first stub, so the JIT compiles it before traffic; later ones run one round; 0 = one round");

    // status heartbeat and consumer-side health (DESIGN §3)

    /**
     * {@code weft.status.interval} (deprecated alias {@code weft.status.interval-ms}): how often a provider
     * rewrites {@code status} in its node, ±20 % jitter (default 5000 ms).
     */
    public static final ConfigKey<Duration> STATUS_INTERVAL = duration("weft.status.interval",
            ms(5000), ms(100), "how often a provider rewrites `status` in its node (±20 % jitter, random first delay)")
            .withDeprecatedAlias("weft.status.interval-ms");
    /**
     * {@code weft.status.max-writes-per-second}: the per-process cap on status writes; nodes over it are
     * written next round (default 20).
     */
    public static final ConfigKey<Integer> STATUS_MAX_WRITES_PER_SECOND = integer(
            "weft.status.max-writes-per-second", 20, 1, 100_000, "per-process cap on status writes; nodes over it"
                    + " are written next round with the then-current status");
    /**
     * {@code weft.health.alpha}: the weight of each sample in the health average H (default 0.1: 7
     * failures in a row take H from 1 below 0.5).
     */
    public static final ConfigKey<Double> HEALTH_ALPHA = decimal("weft.health.alpha", 0.1, 0.001, 1,
            "weight of each sample in the health EWMA H (7 failures in a row take H from 1 below 0.5)");
    /** {@code weft.health.ejection-threshold}: δ, the health below which an instance is ejected (default 0.5). */
    public static final ConfigKey<Double> HEALTH_EJECTION_THRESHOLD = decimal("weft.health.ejection-threshold", 0.5,
            0, 1, "δ: H below it ejects the instance");
    /**
     * {@code weft.health.base-ejection} (deprecated alias {@code weft.health.base-ejection-ms}): the first
     * ejection period; it doubles per repeated ejection (default 5000 ms).
     */
    public static final ConfigKey<Duration> HEALTH_BASE_EJECTION = duration("weft.health.base-ejection",
            ms(5000), ms(1), "first ejection period; doubles per repeated ejection")
            .withDeprecatedAlias("weft.health.base-ejection-ms");
    /**
     * {@code weft.health.max-ejection} (deprecated alias {@code weft.health.max-ejection-ms}): the ceiling of
     * the ejection period (default 300000 ms).
     */
    public static final ConfigKey<Duration> HEALTH_MAX_EJECTION = duration("weft.health.max-ejection",
            ms(300_000), ms(1), "ejection period ceiling")
            .withDeprecatedAlias("weft.health.max-ejection-ms");
    /**
     * {@code weft.health.min-healthy-share}: never eject when fewer than this share of instances would
     * stay in rotation (default 0.5).
     */
    public static final ConfigKey<Double> HEALTH_MIN_HEALTHY_SHARE = decimal("weft.health.min-healthy-share", 0.5, 0,
            1, "never eject when fewer than this share of instances would stay in rotation");
    /**
     * {@code weft.health.stall-floor} (deprecated alias {@code weft.health.stall-floor-ms}): a busy connection
     * that read nothing for at least this long after a call was sent is stalled: out of rotation and PINGed
     * (default 250 ms).
     */
    public static final ConfigKey<Duration> HEALTH_STALL_FLOOR = duration("weft.health.stall-floor",
            ms(250), ms(10), "a busy connection that read nothing for this long (at least) after a call was sent is"
                    + " *stalled*: out of rotation and PINGed")
            .withDeprecatedAlias("weft.health.stall-floor-ms");
    /**
     * {@code weft.health.stall-factor}: … or for this many times the connection's average response time,
     * when longer (default 8).
     */
    public static final ConfigKey<Double> HEALTH_STALL_FACTOR = decimal("weft.health.stall-factor", 8.0, 1, 1000,
            "… or for this many times the connection's average response time, when longer (counted after 16"
                    + " answers)");
    /**
     * {@code weft.health.stall-ping-timeout} (deprecated alias {@code weft.health.stall-ping-timeout-ms}): a
     * stalled connection whose PING gets no PONG in this time is closed, failing its calls at once (default
     * 1000 ms).
     */
    public static final ConfigKey<Duration> HEALTH_STALL_PING_TIMEOUT = duration("weft.health.stall-ping-timeout",
            ms(1000), ms(10), "a stalled connection whose PING gets no PONG in this"
                    + " time, and that still read nothing, is closed: its calls fail `UNAVAILABLE` at once instead"
                    + " of at their deadlines")
            .withDeprecatedAlias("weft.health.stall-ping-timeout-ms");

    // registries

    /**
     * {@code weft.registry.session-timeout} (deprecated alias {@code weft.registry.session-timeout-ms}): the
     * ZooKeeper session timeout (default 10000 ms).
     */
    public static final ConfigKey<Duration> REGISTRY_SESSION_TIMEOUT = duration("weft.registry.session-timeout",
            ms(10_000), ms(1), "ZooKeeper session timeout")
            .withDeprecatedAlias("weft.registry.session-timeout-ms");
    /**
     * {@code weft.registry.connect-timeout} (deprecated alias {@code weft.registry.connect-timeout-ms}): how
     * long the first registry connection may take (default 5000 ms).
     */
    public static final ConfigKey<Duration> REGISTRY_CONNECT_TIMEOUT = duration("weft.registry.connect-timeout",
            ms(5000), ms(1), "first registry connection")
            .withDeprecatedAlias("weft.registry.connect-timeout-ms");
    /**
     * {@code weft.registry.lease-ttl} (deprecated alias {@code weft.registry.lease-ttl-ms}): the etcd lease
     * TTL, rounded up to whole seconds (default 10000 ms).
     */
    public static final ConfigKey<Duration> REGISTRY_LEASE_TTL = duration("weft.registry.lease-ttl",
            ms(10_000), ms(1), "etcd lease TTL (rounded up to whole seconds)")
            .withDeprecatedAlias("weft.registry.lease-ttl-ms");
    /**
     * {@code weft.registry.check}: true fails start-up with {@code UNAVAILABLE} when the registry is
     * unreachable; false (default) connects in the background.
     */
    public static final ConfigKey<Boolean> REGISTRY_CHECK = bool("weft.registry.check", false,
            "ZooKeeper and etcd: true fails start-up with `UNAVAILABLE` when the registry is unreachable "
            + "within the connect timeout; false starts at once when no endpoint accepts a TCP connection (a "
            + "refusal answers at once; an address that drops packets gets 1 s), logs once \"waiting for "
            + "registry at …\", connects (etcd: obtains its lease) in the background and writes registrations "
            + "when the registry appears; meanwhile calls with no known provider fail at once with "
            + "`UNAVAILABLE` \"registry at … not reachable yet\". When something listens, start-up waits for "
            + "the connection as with true. A host that does not resolve is reported as \"unknown host\" in "
            + "one line (start-up fails when none resolves)");

    // governance console

    /**
     * {@code weft.console.password}: the governance console's admin password (default: random, printed at
     * start; a secret).
     */
    public static final ConfigKey<String> CONSOLE_PASSWORD = string("weft.console.password", null,
            "the governance console's admin password").computedDefault("none (random, printed at start)");

    // sidecar (DESIGN §9: the same settings as the flags of ./sidecar.sh; a flag wins)

    /** {@code weft.sidecar.app}, flag {@code --app}: the application's name in the registry (required). */
    public static final ConfigKey<String> SIDECAR_APP = nonBlank(SIDECAR_PREFIX + "app",
            "`--app`: the application's name in the registry").computedDefault("none (required)");
    /**
     * {@code weft.sidecar.registry}, flag {@code --registry}: the registry address (default:
     * {@code weft.registry.address}).
     */
    public static final ConfigKey<String> SIDECAR_REGISTRY = nonBlank(SIDECAR_PREFIX + "registry",
            "`--registry`: the registry address").computedDefault("weft.registry.address");
    /**
     * {@code weft.sidecar.services}, flag {@code --service}: the application's services and methods,
     * {@code SVC=m1,m2;SVC2} (no methods = any).
     */
    public static final ConfigKey<String> SIDECAR_SERVICES = string(SIDECAR_PREFIX + "services", null,
            "`--service`, repeatable: the application's services and methods, `SVC=m1,m2;SVC2` (no methods = any)");
    /**
     * {@code weft.sidecar.app-url}, flag {@code --app-url}: where the application listens, HTTP/1.1 +
     * JSON (default {@code http://127.0.0.1:8080}).
     */
    public static final ConfigKey<String> SIDECAR_APP_URL = string(SIDECAR_PREFIX + "app-url",
            "http://127.0.0.1:8080", "`--app-url`: where the application listens (HTTP/1.1 + JSON)");
    /**
     * {@code weft.sidecar.port}, flag {@code --port}: the weft/1 port of the application's services
     * (default 20880; 0 = any free, printed).
     */
    public static final ConfigKey<Integer> SIDECAR_PORT = integer(SIDECAR_PREFIX + "port", 20880, 0, 65535,
            "`--port`: the weft/1 port of the application's services; 0 = any free (printed)");
    /**
     * {@code weft.sidecar.outbound-port}, flag {@code --outbound-port}: the loopback HTTP port the
     * application calls the mesh through (default 15001).
     */
    public static final ConfigKey<Integer> SIDECAR_OUTBOUND_PORT = integer(SIDECAR_PREFIX + "outbound-port", 15001,
            0, 65535, "`--outbound-port`: the loopback HTTP port the application calls the mesh through; 0 = any free");
    /**
     * {@code weft.sidecar.admin-port}, flag {@code --admin-port}: loopback {@code /health} and
     * {@code /ready} (default off; 0 = any free).
     */
    public static final ConfigKey<Integer> SIDECAR_ADMIN_PORT = integer(SIDECAR_PREFIX + "admin-port", null, 0,
            65535, "`--admin-port`: loopback `/health`, `/ready` and `/metrics`; 0 = any free").computedDefault("off");
    /**
     * {@code weft.sidecar.health-path}, flag {@code --health-path}: the application's health endpoint,
     * checked every second (default {@code /health}).
     */
    public static final ConfigKey<String> SIDECAR_HEALTH_PATH = string(SIDECAR_PREFIX + "health-path", "/health",
            "`--health-path`: the application's health endpoint, checked every second");
    /** {@code weft.sidecar.tags}, flag {@code --tag}: the instance tags, {@code k=v,k2=v2}. */
    public static final ConfigKey<String> SIDECAR_TAGS = string(SIDECAR_PREFIX + "tags", null,
            "`--tag k=v`, repeatable: the instance tags, `k=v,k2=v2`");

    // the DESIGN §7 and 0.1 names of the duration keys: the same keys, read from either name
    /**
     * The same key as {@link #CLIENT_TIMEOUT}, which also reads {@code weft.client.timeout-ms}.
     *
     * @deprecated use {@link #CLIENT_TIMEOUT}
     */
    @Deprecated
    public static final ConfigKey<Duration> CLIENT_TIMEOUT_MS = CLIENT_TIMEOUT;
    /**
     * The same key as {@link #SERVER_MAX_QUEUE_WAIT}, which also reads {@code weft.server.max-queue-wait-ms}.
     *
     * @deprecated use {@link #SERVER_MAX_QUEUE_WAIT}
     */
    @Deprecated
    public static final ConfigKey<Duration> SERVER_MAX_QUEUE_WAIT_MS = SERVER_MAX_QUEUE_WAIT;
    /**
     * The same key as {@link #SERVER_SHUTDOWN_TIMEOUT}, which also reads {@code weft.server.shutdown-timeout-ms}.
     *
     * @deprecated use {@link #SERVER_SHUTDOWN_TIMEOUT}
     */
    @Deprecated
    public static final ConfigKey<Duration> SERVER_SHUTDOWN_TIMEOUT_MS = SERVER_SHUTDOWN_TIMEOUT;
    /**
     * The same key as {@link #SERVER_IDLE_TIMEOUT}, which also reads {@code weft.server.idle-timeout-ms}.
     *
     * @deprecated use {@link #SERVER_IDLE_TIMEOUT}
     */
    @Deprecated
    public static final ConfigKey<Duration> SERVER_IDLE_TIMEOUT_MS = SERVER_IDLE_TIMEOUT;
    /**
     * The same key as {@link #SERVER_FRAME_READ_TIMEOUT}, which also reads {@code weft.server.frame-read-timeout-ms}.
     *
     * @deprecated use {@link #SERVER_FRAME_READ_TIMEOUT}
     */
    @Deprecated
    public static final ConfigKey<Duration> SERVER_FRAME_READ_TIMEOUT_MS = SERVER_FRAME_READ_TIMEOUT;
    /**
     * The same key as {@link #CLIENT_CONNECT_TIMEOUT}, which also reads {@code weft.client.connect-timeout-ms}.
     *
     * @deprecated use {@link #CLIENT_CONNECT_TIMEOUT}
     */
    @Deprecated
    public static final ConfigKey<Duration> CLIENT_CONNECT_TIMEOUT_MS = CLIENT_CONNECT_TIMEOUT;
    /**
     * The same key as {@link #CLIENT_MAX_RECONNECT_BACKOFF}, which also reads {@code
     * weft.client.max-reconnect-backoff-ms}.  @deprecated use {@link #CLIENT_MAX_RECONNECT_BACKOFF}
     */
    @Deprecated
    public static final ConfigKey<Duration> CLIENT_MAX_RECONNECT_BACKOFF_MS = CLIENT_MAX_RECONNECT_BACKOFF;
    /**
     * The same key as {@link #CLIENT_WARMUP}, which also reads {@code weft.client.warmup-ms}.
     *
     * @deprecated use {@link #CLIENT_WARMUP}
     */
    @Deprecated
    public static final ConfigKey<Duration> CLIENT_WARMUP_MS = CLIENT_WARMUP;
    /**
     * The same key as {@link #TLS_HANDSHAKE_TIMEOUT}, which also reads {@code weft.tls.handshake-timeout-ms}.
     *
     * @deprecated use {@link #TLS_HANDSHAKE_TIMEOUT}
     */
    @Deprecated
    public static final ConfigKey<Duration> TLS_HANDSHAKE_TIMEOUT_MS = TLS_HANDSHAKE_TIMEOUT;
    /**
     * The same key as {@link #HEARTBEAT_INTERVAL}, which also reads {@code weft.heartbeat.interval-ms}.
     *
     * @deprecated use {@link #HEARTBEAT_INTERVAL}
     */
    @Deprecated
    public static final ConfigKey<Duration> HEARTBEAT_INTERVAL_MS = HEARTBEAT_INTERVAL;
    /**
     * The same key as {@link #STATUS_INTERVAL}, which also reads {@code weft.status.interval-ms}.
     *
     * @deprecated use {@link #STATUS_INTERVAL}
     */
    @Deprecated
    public static final ConfigKey<Duration> STATUS_INTERVAL_MS = STATUS_INTERVAL;
    /**
     * The same key as {@link #HEALTH_BASE_EJECTION}, which also reads {@code weft.health.base-ejection-ms}.
     *
     * @deprecated use {@link #HEALTH_BASE_EJECTION}
     */
    @Deprecated
    public static final ConfigKey<Duration> HEALTH_BASE_EJECTION_MS = HEALTH_BASE_EJECTION;
    /**
     * The same key as {@link #HEALTH_MAX_EJECTION}, which also reads {@code weft.health.max-ejection-ms}.
     *
     * @deprecated use {@link #HEALTH_MAX_EJECTION}
     */
    @Deprecated
    public static final ConfigKey<Duration> HEALTH_MAX_EJECTION_MS = HEALTH_MAX_EJECTION;
    /**
     * The same key as {@link #HEALTH_STALL_FLOOR}, which also reads {@code weft.health.stall-floor-ms}.
     *
     * @deprecated use {@link #HEALTH_STALL_FLOOR}
     */
    @Deprecated
    public static final ConfigKey<Duration> HEALTH_STALL_FLOOR_MS = HEALTH_STALL_FLOOR;
    /**
     * The same key as {@link #HEALTH_STALL_PING_TIMEOUT}, which also reads {@code weft.health.stall-ping-timeout-ms}.
     *
     * @deprecated use {@link #HEALTH_STALL_PING_TIMEOUT}
     */
    @Deprecated
    public static final ConfigKey<Duration> HEALTH_STALL_PING_TIMEOUT_MS = HEALTH_STALL_PING_TIMEOUT;
    /**
     * The same key as {@link #REGISTRY_SESSION_TIMEOUT}, which also reads {@code weft.registry.session-timeout-ms}.
     *
     * @deprecated use {@link #REGISTRY_SESSION_TIMEOUT}
     */
    @Deprecated
    public static final ConfigKey<Duration> REGISTRY_SESSION_TIMEOUT_MS = REGISTRY_SESSION_TIMEOUT;
    /**
     * The same key as {@link #REGISTRY_CONNECT_TIMEOUT}, which also reads {@code weft.registry.connect-timeout-ms}.
     *
     * @deprecated use {@link #REGISTRY_CONNECT_TIMEOUT}
     */
    @Deprecated
    public static final ConfigKey<Duration> REGISTRY_CONNECT_TIMEOUT_MS = REGISTRY_CONNECT_TIMEOUT;
    /**
     * The same key as {@link #REGISTRY_LEASE_TTL}, which also reads {@code weft.registry.lease-ttl-ms}.
     *
     * @deprecated use {@link #REGISTRY_LEASE_TTL}
     */
    @Deprecated
    public static final ConfigKey<Duration> REGISTRY_LEASE_TTL_MS = REGISTRY_LEASE_TTL;

    private static final List<ConfigKey<?>> ALL = List.of(
            APPLICATION, REGISTRY_ADDRESS, REGISTRY_NAMESPACE, SERVER_HOST, SERVER_PORT, CLIENT_TIMEOUT,
            SERIALIZATION_ALLOW, REGISTRY_USERNAME, REGISTRY_PASSWORD, REGISTRY_TLS_TRUST_FILE,
            REGISTRY_TLS_CERT_FILE, REGISTRY_TLS_KEY_FILE, ADMIN_PORT, ACCESS_LOG, METRICS, ADMIN_HOST, ACCESS_LOG_FORMAT, CONFIG_FILE,
            ACCESS_LOG_FILE, ACCESS_LOG_SAMPLE, ACCESS_LOG_SLOW, ACCESS_LOG_QUEUE_SIZE, ACCESS_LOG_FLUSH,
            SERVER_THREADS, SERVER_QUEUE_SIZE, SERVER_MAX_QUEUE_WAIT, SERVER_DISPATCH, SERVER_MAX_FRAME_BYTES,
            SERVER_SHUTDOWN_TIMEOUT, SERVER_MAX_CONNECTIONS, SERVER_MAX_CONNECTIONS_PER_IP,
            SERVER_MAX_REQUESTS_PER_SECOND_PER_IP, SERVER_MAX_IN_FLIGHT_PER_CONNECTION, SERVER_IDLE_TIMEOUT,
            SERVER_FRAME_READ_TIMEOUT, SERVER_MAX_METADATA_ENTRIES, SERVER_MAX_PINGS_PER_SECOND,
            SERVER_WRITE_BUFFER_HIGH_WATER_MARK, SERVER_TLS, SERVER_TLS_CLIENT_AUTH,
            SERIALIZATION_MAX_OBJECTS, SERIALIZATION_MAX_DEPTH, SERIALIZATION_MAX_COLLECTION_SIZE,
            SERIALIZATION_JSON_MAX_STRING_LENGTH, SERIALIZATION_JSON_MAX_NUMBER_LENGTH,
            CLIENT_MAX_FRAME_BYTES, CLIENT_CONNECT_TIMEOUT, CLIENT_MAX_RECONNECT_BACKOFF,
            CLIENT_FAILOVER_ATTEMPTS, CLIENT_LOAD_BALANCER, CLIENT_CLUSTER, CLIENT_RETRIES,
            CLIENT_RETRY_BUDGET_PERCENT, CLIENT_RETRY_BUDGET_MIN_PER_SECOND, CLIENT_CHECK, CLIENT_WARMUP,
            CLIENT_TLS, CLIENT_TLS_SERVER_IDENTITY, CLIENT_TOKEN_ALLOW_PLAINTEXT, SECURITY_TOKEN,
            TLS_CERT_FILE, TLS_KEY_FILE, TLS_TRUST_FILE, TLS_HANDSHAKE_TIMEOUT, HEARTBEAT_INTERVAL,
            TRANSPORT_NIO, TRANSPORT_IO_THREADS, TRANSPORT_WARMUP_CALLS, STATUS_INTERVAL, STATUS_MAX_WRITES_PER_SECOND,
            HEALTH_ALPHA, HEALTH_EJECTION_THRESHOLD, HEALTH_BASE_EJECTION, HEALTH_MAX_EJECTION,
            HEALTH_MIN_HEALTHY_SHARE, HEALTH_STALL_FLOOR, HEALTH_STALL_FACTOR, HEALTH_STALL_PING_TIMEOUT,
            REGISTRY_SESSION_TIMEOUT, REGISTRY_CONNECT_TIMEOUT, REGISTRY_LEASE_TTL, REGISTRY_CHECK,
            CONSOLE_PASSWORD, SIDECAR_APP, SIDECAR_REGISTRY, SIDECAR_SERVICES, SIDECAR_APP_URL, SIDECAR_PORT,
            SIDECAR_OUTBOUND_PORT, SIDECAR_ADMIN_PORT, SIDECAR_HEALTH_PATH, SIDECAR_TAGS);

    /**
     * Every key above, in the order of the docs table.
     *
     * @return an immutable list; what {@link WeftConfig#unknownKeyWarnings()} knows besides plug-ins' keys
     */
    public static List<ConfigKey<?>> all() {
        return ALL;
    }

    /**
     * Prefixes under which every key is known: {@value #SIDECAR_PREFIX}.
     *
     * @return the prefixes, each ending in {@code '.'}
     */
    public static List<String> prefixes() {
        return List.of(SIDECAR_PREFIX);
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    @SuppressWarnings("unchecked")
    private static ConfigKey<List<String>> list(String name, String meaning) {
        Class<List<String>> type = (Class<List<String>>) (Class<?>) List.class;
        return ConfigKey.of(name, type, List.of(), "comma-separated", meaning,
                raw -> Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }
}
