package io.weft.internal;

import io.weft.spi.ConfigKeys;
import java.util.Collection;
import java.util.List;

/**
 * The keys framework-impl and the registry modules read beyond DESIGN §7 (the table "Configuration keys
 * beyond DESIGN §7" in docs/architecture.md). Keep both in step when a key is added.
 */
public final class ImplConfigKeys implements ConfigKeys {
    private static final List<String> KEYS = List.of(
            "weft.server.threads", "weft.server.queue-size", "weft.server.dispatch", "weft.server.max-frame-bytes",
            "weft.server.shutdown-timeout-ms", "weft.server.max-connections", "weft.server.max-connections-per-ip",
            "weft.server.max-requests-per-second-per-ip", "weft.server.max-in-flight-per-connection",
            "weft.server.idle-timeout-ms", "weft.server.frame-read-timeout-ms", "weft.server.tls",
            "weft.server.tls.client-auth", "weft.server.max-metadata-entries", "weft.server.max-pings-per-second",
            "weft.server.write-buffer-high-water-mark", "weft.server.max-queue-wait-ms",
            "weft.serialization.max-objects", "weft.serialization.max-depth",
            "weft.serialization.max-collection-size", "weft.serialization.json.max-string-length",
            "weft.serialization.json.max-number-length",
            "weft.client.max-frame-bytes", "weft.client.tls", "weft.client.tls.server-identity",
            "weft.client.token.allow-plaintext", "weft.client.connect-timeout-ms",
            "weft.client.max-reconnect-backoff-ms", "weft.client.failover-attempts", "weft.client.load-balancer",
            "weft.client.cluster", "weft.client.retries", "weft.client.retry-budget-percent",
            "weft.client.retry-budget-min-per-second", "weft.client.check", "weft.client.warmup-ms",
            "weft.security.token",
            "weft.tls.cert-file", "weft.tls.key-file", "weft.tls.trust-file", "weft.tls.handshake-timeout-ms",
            "weft.heartbeat.interval-ms", "weft.transport.nio",
            "weft.status.interval-ms", "weft.status.max-writes-per-second",
            "weft.health.alpha", "weft.health.ejection-threshold", "weft.health.base-ejection-ms",
            "weft.health.max-ejection-ms", "weft.health.min-healthy-share",
            "weft.health.stall-floor-ms", "weft.health.stall-factor", "weft.health.stall-ping-timeout-ms",
            "weft.registry.check", "weft.registry.session-timeout-ms", "weft.registry.connect-timeout-ms", "weft.registry.lease-ttl-ms");

    @Override
    public Collection<String> keys() {
        return KEYS;
    }
}
