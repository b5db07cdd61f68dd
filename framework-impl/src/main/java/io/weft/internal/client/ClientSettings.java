package io.weft.internal.client;

import io.weft.ClusterStrategy;
import io.weft.WeftConfig;
import io.weft.WeftKeys;
import java.time.Duration;

/**
 * Consumer-side timings, limits and cluster defaults, read (and checked) from configuration.
 * {@code tokenAllowPlaintext} ({@code weft.client.token.allow-plaintext}, default false): whether a call
 * carrying {@code :token} may go over a connection without TLS.
 */
record ClientSettings(Duration defaultTimeout, Duration connectTimeout, Duration heartbeatInterval,
                      int maxFrameBytes, Duration maxReconnectBackoff, int failoverAttempts,
                      String loadBalancer, ClusterStrategy cluster, int retries, int retryBudgetPercent,
                      int retryBudgetMinPerSecond, boolean check, HealthSettings health,
                      boolean tokenAllowPlaintext) {

    static final String CONNECT_TIMEOUT_MS = WeftKeys.CLIENT_CONNECT_TIMEOUT_MS.name();
    static final String MAX_FRAME_BYTES = WeftKeys.CLIENT_MAX_FRAME_BYTES.name();
    static final String HEARTBEAT_INTERVAL_MS = WeftKeys.HEARTBEAT_INTERVAL_MS.name();
    static final String MAX_RECONNECT_BACKOFF_MS = WeftKeys.CLIENT_MAX_RECONNECT_BACKOFF_MS.name();
    static final String FAILOVER_ATTEMPTS = WeftKeys.CLIENT_FAILOVER_ATTEMPTS.name();
    static final String LOAD_BALANCER = WeftKeys.CLIENT_LOAD_BALANCER.name();
    static final String CLUSTER = WeftKeys.CLIENT_CLUSTER.name();
    static final String RETRIES = WeftKeys.CLIENT_RETRIES.name();
    static final String RETRY_BUDGET_PERCENT = WeftKeys.CLIENT_RETRY_BUDGET_PERCENT.name();
    static final String RETRY_BUDGET_MIN_PER_SECOND = WeftKeys.CLIENT_RETRY_BUDGET_MIN_PER_SECOND.name();
    static final String CHECK = WeftKeys.CLIENT_CHECK.name();
    static final String TOKEN_ALLOW_PLAINTEXT = WeftKeys.CLIENT_TOKEN_ALLOW_PLAINTEXT.name();

    static ClientSettings from(WeftConfig config) {
        return new ClientSettings(
                config.clientTimeout(),
                config.get(WeftKeys.CLIENT_CONNECT_TIMEOUT_MS),
                config.get(WeftKeys.HEARTBEAT_INTERVAL_MS),
                config.get(WeftKeys.CLIENT_MAX_FRAME_BYTES),
                config.get(WeftKeys.CLIENT_MAX_RECONNECT_BACKOFF_MS),
                config.get(WeftKeys.CLIENT_FAILOVER_ATTEMPTS),
                config.get(WeftKeys.CLIENT_LOAD_BALANCER),
                config.get(WeftKeys.CLIENT_CLUSTER),
                config.get(WeftKeys.CLIENT_RETRIES),
                config.get(WeftKeys.CLIENT_RETRY_BUDGET_PERCENT),
                config.get(WeftKeys.CLIENT_RETRY_BUDGET_MIN_PER_SECOND),
                config.get(WeftKeys.CLIENT_CHECK),
                HealthSettings.from(config),
                config.get(WeftKeys.CLIENT_TOKEN_ALLOW_PLAINTEXT));
    }
}
