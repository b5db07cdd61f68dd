package io.weft.spring.boot;

import io.weft.Exported;
import io.weft.Weft;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The Actuator health {@code weft}: UP while Weft runs and every {@link WeftService} export is registered (in
 * rotation); DOWN once Weft has stopped or an export has left the rotation. Details: the registry, the server
 * address and each export's state.
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
        builder.status(exports.isRunning() && allRegistered ? "UP" : "DOWN")
                .withDetail("registry", weft.config().registryAddress().map(Object::toString).orElse("none"))
                .withDetail("exports", states);
        weft.serverAddress().ifPresent(a -> builder.withDetail("server", a.getHostString() + ":" + a.getPort()));
    }
}
