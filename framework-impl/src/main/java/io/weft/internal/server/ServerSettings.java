package io.weft.internal.server;

import io.weft.WeftConfig;
import io.weft.WeftConfigException;
import java.time.Duration;

/**
 * Server limits and timings, read from configuration (each key checked, naming key and value).
 *
 * @param directDispatch run interceptors and services on the connection's event loop instead of
 *     the business executor ({@code weft.server.dispatch=direct}); only for services that never block
 */
public record ServerSettings(
        int maxFrameBytes,
        int businessThreads,
        int queueSize,
        Duration heartbeatInterval,
        Duration shutdownTimeout,
        boolean directDispatch) {

    public static final String MAX_FRAME_BYTES = "weft.server.max-frame-bytes";
    public static final String THREADS = "weft.server.threads";
    public static final String QUEUE_SIZE = "weft.server.queue-size";
    public static final String HEARTBEAT_INTERVAL_MS = "weft.heartbeat.interval-ms";
    public static final String SHUTDOWN_TIMEOUT_MS = "weft.server.shutdown-timeout-ms";
    public static final String DISPATCH = "weft.server.dispatch";

    /** Settings that dispatch to the business executor (the default). */
    public ServerSettings(int maxFrameBytes, int businessThreads, int queueSize, Duration heartbeatInterval,
                          Duration shutdownTimeout) {
        this(maxFrameBytes, businessThreads, queueSize, heartbeatInterval, shutdownTimeout, false);
    }

    public static ServerSettings from(WeftConfig config) {
        return new ServerSettings(
                config.getInt(MAX_FRAME_BYTES, 8 * 1024 * 1024, 1024, Integer.MAX_VALUE),
                config.getInt(THREADS, 200, 1, 10_000),
                config.getInt(QUEUE_SIZE, 1024, 0, 1_000_000),
                config.getMillis(HEARTBEAT_INTERVAL_MS, 10_000, 10),
                config.getMillis(SHUTDOWN_TIMEOUT_MS, 10_000, 0),
                directDispatch(config.get(DISPATCH).orElse("pool")));
    }

    private static boolean directDispatch(String mode) {
        return switch (mode) {
            case "pool" -> false;
            case "direct" -> true;
            default -> throw WeftConfigException.badValue(DISPATCH, mode, "pool or direct");
        };
    }
}
