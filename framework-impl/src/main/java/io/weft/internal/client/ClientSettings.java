package io.weft.internal.client;

import io.weft.WeftConfig;
import java.time.Duration;

/** Consumer-side timings and limits, read from configuration. */
record ClientSettings(Duration defaultTimeout, Duration connectTimeout, Duration heartbeatInterval,
                      int maxFrameBytes, Duration maxReconnectBackoff, int failoverAttempts) {

    static final String CONNECT_TIMEOUT_MS = "weft.client.connect-timeout-ms";
    static final String MAX_FRAME_BYTES = "weft.client.max-frame-bytes";
    static final String HEARTBEAT_INTERVAL_MS = "weft.heartbeat.interval-ms";
    static final String MAX_RECONNECT_BACKOFF_MS = "weft.client.max-reconnect-backoff-ms";
    static final String FAILOVER_ATTEMPTS = "weft.client.failover-attempts";

    static ClientSettings from(WeftConfig config) {
        return new ClientSettings(
                config.clientTimeout(),
                config.getMillis(CONNECT_TIMEOUT_MS, 3000, 1),
                config.getMillis(HEARTBEAT_INTERVAL_MS, 10_000, 10),
                config.getInt(MAX_FRAME_BYTES, 8 * 1024 * 1024, 1024, Integer.MAX_VALUE),
                config.getMillis(MAX_RECONNECT_BACKOFF_MS, 5000, 1),
                config.getInt(FAILOVER_ATTEMPTS, 3, 1, 100));
    }
}
