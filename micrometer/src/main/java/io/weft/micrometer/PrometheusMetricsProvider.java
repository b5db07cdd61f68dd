package io.weft.micrometer;

import io.weft.spi.CallListener;
import io.weft.spi.MetricsProvider;
import java.util.List;

/**
 * Found through {@link java.util.ServiceLoader} by every Weft: records into
 * {@link WeftMetrics#prometheusRegistry()} and serves it on the admin endpoint's {@code /metrics}. A Weft
 * whose builder got a {@link WeftMetrics} listener (the application's own registry, e.g. Spring Boot's) records
 * there only: the process-wide registry is then neither made nor fed for it.
 */
public final class PrometheusMetricsProvider implements MetricsProvider {

    @Override
    public CallListener listener() {
        return WeftMetrics.prometheus();
    }

    @Override
    public CallListener listener(List<CallListener> given) {
        for (CallListener l : given) {
            if (l instanceof WeftMetrics) {
                return null;
            }
        }
        return listener();
    }

    @Override
    public String scrape() {
        return WeftMetrics.prometheusRegistry().scrape();
    }
}
