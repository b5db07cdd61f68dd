package io.weft.spring.boot;

import io.weft.Exported;
import io.weft.Weft;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The Actuator health {@code weft}: UP while Weft is ready ({@link Weft#notReadyReason()}: the registry session is
 * up and every export is registered) and every {@link WeftService} export is in rotation; DOWN with the reason as
 * the detail {@code reason} otherwise (no registry session, an export not registered, stopped). Details: the
 * registry, the server address and each export's state.
 */
final class WeftHealthIndicator extends AbstractHealthIndicator {
    private final Weft weft;
    private final WeftExports exports;

    WeftHealthIndicator(Weft weft, WeftExports exports) {
        super("Weft health check failed");
        this.weft = weft;
        this.exports = exports;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, String> states = new LinkedHashMap<>();
        boolean allRegistered = true;
        for (Exported e : exports.exported()) {
            boolean registered = exports.isRunning() && e.inRotation();
            allRegistered &= registered;
            states.put(e.service(), registered ? "registered" : "not registered");
        }
        String reason = exports.isRunning() ? weft.notReadyReason().orElse(null) : "stopped";
        if (reason == null && !allRegistered) {
            reason = "an export left the rotation";
        }
        builder.status(reason == null ? "UP" : "DOWN")
                .withDetail("registry", weft.config().registryAddress().map(Object::toString).orElse("none"))
                .withDetail("exports", states);
        if (reason != null) {
            builder.withDetail("reason", reason);
        }
        weft.serverAddress().ifPresent(a -> builder.withDetail("server", a.getHostString() + ":" + a.getPort()));
    }
}
