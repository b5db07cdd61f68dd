package io.weft.micrometer;

import io.weft.spi.CallListener;
import io.weft.spi.MetricsProvider;

/**
 * Found through {@link java.util.ServiceLoader} by every Weft: records into
 * {@link WeftMetrics#prometheusRegistry()} and serves it on the admin endpoint's {@code /metrics}.
 */
public final class PrometheusMetricsProvider implements MetricsProvider {

    @Override
    public CallListener listener() {
        return WeftMetrics.prometheus();
    }

    @Override
    public String scrape() {
        return WeftMetrics.prometheusRegistry().scrape();
    }
}
