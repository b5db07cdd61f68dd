package io.weft.internal.server;

import io.weft.WeftConfig;
import io.weft.WeftConfigException;
import io.weft.rule.SecurityRule.ConnectionLimits;
import java.time.Duration;

/**
 * Server limits and timings, read from configuration (each key checked, naming key and value).
 *
 * @param maxConnections open connections in total; one more is closed at once
 * @param maxConnectionsPerIp open connections per source IP (a security rule may lower it)
 * @param maxRequestsPerSecondPerIp requests a second per source IP, 0 for no default limit (a
 *     security rule may set or lower it)
 * @param maxInFlightPerConnection requests being served at once on one connection; more are
 *     answered {@code RESOURCE_EXHAUSTED}
 * @param idleTimeout a connection that sends no frame this long is closed
 * @param frameReadTimeout a frame must arrive whole within this time once its first byte came;
 *     zero for no limit
 * @param directDispatch run interceptors and services on the connection's event loop instead of
 *     the business executor ({@code weft.server.dispatch=direct}); only for services that never block
 * @param maxMetadataEntries metadata entries one frame may carry; more is a protocol error (GOAWAY)
 * @param maxPingsPerSecond PINGs a second one connection may send (bursts of twice that); more gets
 *     GOAWAY {@code RESOURCE_EXHAUSTED} and the connection is closed
 * @param writeBufferHighWaterMark bytes queued for a peer beyond which the server stops reading
 *     from it until it has read its answers (down to half of it)
 * @param maxQueueWait longest a request may wait in the business queue (refused with
 *     {@code RESOURCE_EXHAUSTED} at once when the expected wait is longer, or when it did wait
 *     longer); zero for no bound but the queue size
 */
public record ServerSettings(
        int maxFrameBytes,
        int businessThreads,
        int queueSize,
        Duration heartbeatInterval,
        Duration shutdownTimeout,
        int maxConnections,
        int maxConnectionsPerIp,
        int maxRequestsPerSecondPerIp,
        int maxInFlightPerConnection,
        Duration idleTimeout,
        Duration frameReadTimeout,
        boolean directDispatch,
        int maxMetadataEntries,
        int maxPingsPerSecond,
        int writeBufferHighWaterMark,
        Duration maxQueueWait) {

    public static final String MAX_FRAME_BYTES = "weft.server.max-frame-bytes";
    public static final String THREADS = "weft.server.threads";
    public static final String QUEUE_SIZE = "weft.server.queue-size";
    public static final String HEARTBEAT_INTERVAL_MS = "weft.heartbeat.interval-ms";
    public static final String SHUTDOWN_TIMEOUT_MS = "weft.server.shutdown-timeout-ms";
    public static final String MAX_CONNECTIONS = "weft.server.max-connections";
    public static final String MAX_CONNECTIONS_PER_IP = "weft.server.max-connections-per-ip";
    public static final String MAX_REQUESTS_PER_SECOND_PER_IP = "weft.server.max-requests-per-second-per-ip";
    public static final String MAX_IN_FLIGHT_PER_CONNECTION = "weft.server.max-in-flight-per-connection";
    public static final String IDLE_TIMEOUT_MS = "weft.server.idle-timeout-ms";
    public static final String FRAME_READ_TIMEOUT_MS = "weft.server.frame-read-timeout-ms";
    public static final String DISPATCH = "weft.server.dispatch";
    public static final String MAX_METADATA_ENTRIES = "weft.server.max-metadata-entries";
    public static final String MAX_PINGS_PER_SECOND = "weft.server.max-pings-per-second";
    public static final String WRITE_BUFFER_HIGH_WATER_MARK = "weft.server.write-buffer-high-water-mark";
    public static final String MAX_QUEUE_WAIT_MS = "weft.server.max-queue-wait-ms";

    public static ServerSettings from(WeftConfig config) {
        Duration heartbeat = config.getMillis(HEARTBEAT_INTERVAL_MS, 10_000, 10);
        return new ServerSettings(
                config.getInt(MAX_FRAME_BYTES, 8 * 1024 * 1024, 1024, Integer.MAX_VALUE),
                config.getInt(THREADS, 200, 1, 10_000),
                config.getInt(QUEUE_SIZE, 1024, 0, 1_000_000),
                heartbeat,
                config.getMillis(SHUTDOWN_TIMEOUT_MS, 10_000, 0),
                config.getInt(MAX_CONNECTIONS, 10_000, 1, 10_000_000),
                config.getInt(MAX_CONNECTIONS_PER_IP, 1000, 1, 10_000_000),
                config.getInt(MAX_REQUESTS_PER_SECOND_PER_IP, 0, 0, Integer.MAX_VALUE),
                config.getInt(MAX_IN_FLIGHT_PER_CONNECTION, 1000, 1, 10_000_000),
                config.getMillis(IDLE_TIMEOUT_MS, heartbeat.toMillis() * 3, 10),
                config.getMillis(FRAME_READ_TIMEOUT_MS, 10_000, 0),
                directDispatch(config.get(DISPATCH).orElse("pool")),
                config.getInt(MAX_METADATA_ENTRIES, 64, 8, 65_535),
                config.getInt(MAX_PINGS_PER_SECOND, 20, 1, Integer.MAX_VALUE),
                config.getInt(WRITE_BUFFER_HIGH_WATER_MARK, 1024 * 1024, 16 * 1024, Integer.MAX_VALUE),
                config.getMillis(MAX_QUEUE_WAIT_MS, 500, 0));
    }

    private static boolean directDispatch(String mode) {
        return switch (mode.trim()) {
            case "pool" -> false;
            case "direct" -> true;
            default -> throw WeftConfigException.badValue(DISPATCH, mode, "pool or direct");
        };
    }

    /** The per-IP limits configured here, before any security rule lowers them. */
    public ConnectionLimits connectionLimits() {
        return new ConnectionLimits(maxConnectionsPerIp,
                maxRequestsPerSecondPerIp == 0 ? null : maxRequestsPerSecondPerIp);
    }
}
