package io.weft.spi;

/**
 * Metrics for every {@link io.weft.Weft} in the process, found through {@link java.util.ServiceLoader}:
 * with such a module on the class path (e.g. {@code weft-micrometer}) each Weft adds its
 * {@link #listener()} and serves {@link #scrape()} on the admin endpoint's {@code /metrics}
 * ({@code weft.admin.port}, DESIGN §10).
 */
public interface MetricsProvider {

    /**
     * The listener that records calls and events; may be shared by several Weft instances.
     *
     * @return the listener, the same one on every call
     */
    CallListener listener();

    /**
     * Everything recorded, in the Prometheus text exposition format 0.0.4.
     *
     * @return the text, or null when this provider keeps no Prometheus registry
     */
    String scrape();
}
