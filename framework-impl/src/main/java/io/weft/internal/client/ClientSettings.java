package io.weft.internal.client;

import io.weft.ClusterStrategy;
import io.weft.WeftConfig;
import io.weft.WeftConfigException;
import java.time.Duration;

/**
 * Consumer-side timings, limits and cluster defaults, read (and checked) from configuration.
 * {@code tokenAllowPlaintext} ({@value #TOKEN_ALLOW_PLAINTEXT}, default false): whether a call
 * carrying {@code :token} may go over a connection without TLS.
 */
record ClientSettings(Duration defaultTimeout, Duration connectTimeout, Duration heartbeatInterval,
                      int maxFrameBytes, Duration maxReconnectBackoff, int failoverAttempts,
                      String loadBalancer, ClusterStrategy cluster, int retries, int retryBudgetPercent,
                      int retryBudgetMinPerSecond, boolean check, HealthSettings health,
                      boolean tokenAllowPlaintext) {

    static final String CONNECT_TIMEOUT_MS = "weft.client.connect-timeout-ms";
    static final String MAX_FRAME_BYTES = "weft.client.max-frame-bytes";
    static final String HEARTBEAT_INTERVAL_MS = "weft.heartbeat.interval-ms";
    static final String MAX_RECONNECT_BACKOFF_MS = "weft.client.max-reconnect-backoff-ms";
    static final String FAILOVER_ATTEMPTS = "weft.client.failover-attempts";
    static final String LOAD_BALANCER = "weft.client.load-balancer";
    static final String CLUSTER = "weft.client.cluster";
    static final String RETRIES = "weft.client.retries";
    static final String RETRY_BUDGET_PERCENT = "weft.client.retry-budget-percent";
    static final String RETRY_BUDGET_MIN_PER_SECOND = "weft.client.retry-budget-min-per-second";
    static final String CHECK = "weft.client.check";
    static final String TOKEN_ALLOW_PLAINTEXT = "weft.client.token.allow-plaintext";

    static ClientSettings from(WeftConfig config) {
        String lb = config.get(LOAD_BALANCER).map(String::trim).orElse("p2c");
        if (!lb.matches("[a-z0-9_]+")) {
            throw WeftConfigException.badValue(LOAD_BALANCER, lb, "lower-case letters, digits and '_' only");
        }
        ClusterStrategy cluster;
        String rawCluster = config.get(CLUSTER).map(String::trim).orElse("failover");
        try {
            cluster = ClusterStrategy.fromName(rawCluster);
        } catch (IllegalArgumentException e) {
            throw WeftConfigException.badValue(CLUSTER, rawCluster,
                    "expected failover, failfast, failsafe, forking or broadcast");
        }
        return new ClientSettings(
                config.clientTimeout(),
                config.getMillis(CONNECT_TIMEOUT_MS, 3000, 1),
                config.getMillis(HEARTBEAT_INTERVAL_MS, 10_000, 10),
                config.getInt(MAX_FRAME_BYTES, 8 * 1024 * 1024, 1024, Integer.MAX_VALUE),
                config.getMillis(MAX_RECONNECT_BACKOFF_MS, 5000, 1),
                config.getInt(FAILOVER_ATTEMPTS, 3, 1, 100),
                lb,
                cluster,
                config.getInt(RETRIES, 2, 0, 10),
                config.getInt(RETRY_BUDGET_PERCENT, 20, 0, 100),
                config.getInt(RETRY_BUDGET_MIN_PER_SECOND, 10, 0, 1_000_000),
                config.getBoolean(CHECK, false),
                HealthSettings.from(config),
                config.getBoolean(TOKEN_ALLOW_PLAINTEXT, false));
    }
}
