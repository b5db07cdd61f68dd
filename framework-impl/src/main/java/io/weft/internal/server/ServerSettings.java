package io.weft.internal.server;

import io.weft.WeftConfig;
import io.weft.WeftKeys;
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
 * @param warmupCalls synthetic requests the JVM's first export runs through the request path, in rounds
 *     ({@link ServerWarmup}); later exports run one round
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
        Duration maxQueueWait,
        int warmupCalls) {

    public static final String MAX_FRAME_BYTES = WeftKeys.SERVER_MAX_FRAME_BYTES.name();
    public static final String THREADS = WeftKeys.SERVER_THREADS.name();
    public static final String QUEUE_SIZE = WeftKeys.SERVER_QUEUE_SIZE.name();
    public static final String HEARTBEAT_INTERVAL_MS = WeftKeys.HEARTBEAT_INTERVAL.name();
    public static final String SHUTDOWN_TIMEOUT_MS = WeftKeys.SERVER_SHUTDOWN_TIMEOUT.name();
    public static final String MAX_CONNECTIONS = WeftKeys.SERVER_MAX_CONNECTIONS.name();
    public static final String MAX_CONNECTIONS_PER_IP = WeftKeys.SERVER_MAX_CONNECTIONS_PER_IP.name();
    public static final String MAX_REQUESTS_PER_SECOND_PER_IP = WeftKeys.SERVER_MAX_REQUESTS_PER_SECOND_PER_IP.name();
    public static final String MAX_IN_FLIGHT_PER_CONNECTION = WeftKeys.SERVER_MAX_IN_FLIGHT_PER_CONNECTION.name();
    public static final String IDLE_TIMEOUT_MS = WeftKeys.SERVER_IDLE_TIMEOUT.name();
    public static final String FRAME_READ_TIMEOUT_MS = WeftKeys.SERVER_FRAME_READ_TIMEOUT.name();
    public static final String DISPATCH = WeftKeys.SERVER_DISPATCH.name();
    public static final String MAX_METADATA_ENTRIES = WeftKeys.SERVER_MAX_METADATA_ENTRIES.name();
    public static final String MAX_PINGS_PER_SECOND = WeftKeys.SERVER_MAX_PINGS_PER_SECOND.name();
    public static final String WRITE_BUFFER_HIGH_WATER_MARK = WeftKeys.SERVER_WRITE_BUFFER_HIGH_WATER_MARK.name();
    public static final String MAX_QUEUE_WAIT_MS = WeftKeys.SERVER_MAX_QUEUE_WAIT.name();

    public static ServerSettings from(WeftConfig config) {
        Duration heartbeat = config.get(WeftKeys.HEARTBEAT_INTERVAL);
        return new ServerSettings(
                config.get(WeftKeys.SERVER_MAX_FRAME_BYTES),
                config.get(WeftKeys.SERVER_THREADS),
                config.get(WeftKeys.SERVER_QUEUE_SIZE),
                heartbeat,
                config.get(WeftKeys.SERVER_SHUTDOWN_TIMEOUT),
                config.get(WeftKeys.SERVER_MAX_CONNECTIONS),
                config.get(WeftKeys.SERVER_MAX_CONNECTIONS_PER_IP),
                config.get(WeftKeys.SERVER_MAX_REQUESTS_PER_SECOND_PER_IP),
                config.get(WeftKeys.SERVER_MAX_IN_FLIGHT_PER_CONNECTION),
                config.find(WeftKeys.SERVER_IDLE_TIMEOUT).orElse(heartbeat.multipliedBy(3)),
                config.get(WeftKeys.SERVER_FRAME_READ_TIMEOUT),
                config.get(WeftKeys.SERVER_DISPATCH).equals("direct"),
                config.get(WeftKeys.SERVER_MAX_METADATA_ENTRIES),
                config.get(WeftKeys.SERVER_MAX_PINGS_PER_SECOND),
                config.get(WeftKeys.SERVER_WRITE_BUFFER_HIGH_WATER_MARK),
                config.get(WeftKeys.SERVER_MAX_QUEUE_WAIT),
                config.get(WeftKeys.TRANSPORT_WARMUP_CALLS));
    }

    /** The per-IP limits configured here, before any security rule lowers them. */
    public ConnectionLimits connectionLimits() {
        return new ConnectionLimits(maxConnectionsPerIp,
                maxRequestsPerSecondPerIp == 0 ? null : maxRequestsPerSecondPerIp);
    }
}
