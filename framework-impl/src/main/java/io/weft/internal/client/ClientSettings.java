package io.weft.internal.client;

import io.weft.ClusterStrategy;
import io.weft.WeftConfig;
import io.weft.WeftKeys;
import java.time.Duration;

/**
 * Consumer-side timings, limits and cluster defaults, read (and checked) from configuration.
 * {@code tokenAllowPlaintext} ({@code weft.client.token.allow-plaintext}, default false): whether a call
 * carrying {@code :token} may go over a connection without TLS. {@code warmupCalls}
 * ({@code weft.transport.warmup-calls}): the synthetic calls of the JVM's first stub, in rounds ({@link ClientWarmup}).
 */
record ClientSettings(Duration defaultTimeout, Duration connectTimeout, Duration heartbeatInterval,
                      int maxFrameBytes, Duration maxReconnectBackoff, int failoverAttempts,
                      String loadBalancer, ClusterStrategy cluster, int retries, int retryBudgetPercent,
                      int retryBudgetMinPerSecond, boolean check, HealthSettings health,
                      boolean tokenAllowPlaintext, int warmupCalls) {

    static ClientSettings from(WeftConfig config) {
        return new ClientSettings(
                config.clientTimeout(),
                config.get(WeftKeys.CLIENT_CONNECT_TIMEOUT),
                config.get(WeftKeys.HEARTBEAT_INTERVAL),
                config.get(WeftKeys.CLIENT_MAX_FRAME_BYTES),
                config.get(WeftKeys.CLIENT_MAX_RECONNECT_BACKOFF),
                config.get(WeftKeys.CLIENT_FAILOVER_ATTEMPTS),
                config.get(WeftKeys.CLIENT_LOAD_BALANCER),
                config.get(WeftKeys.CLIENT_CLUSTER),
                config.get(WeftKeys.CLIENT_RETRIES),
                config.get(WeftKeys.CLIENT_RETRY_BUDGET_PERCENT),
                config.get(WeftKeys.CLIENT_RETRY_BUDGET_MIN_PER_SECOND),
                config.get(WeftKeys.CLIENT_CHECK),
                HealthSettings.from(config),
                config.get(WeftKeys.CLIENT_TOKEN_ALLOW_PLAINTEXT),
                config.get(WeftKeys.TRANSPORT_WARMUP_CALLS));
    }
}
