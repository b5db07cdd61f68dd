package io.weft.internal.observe;

import io.weft.WeftConfig;
import io.weft.WeftKeys;
import io.weft.spi.CallListener;
import io.weft.spi.MetricsProvider;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/** What a Weft instance observes with, from its configuration and class path (DESIGN §10). */
public final class Observability {
    private Observability() {
    }

    /**
     * The {@link MetricsProvider}s on the class path (e.g. {@code weft-micrometer}) an instance of
     * {@code config} records through: none when {@code weft.metrics} is false.
     */
    public static List<MetricsProvider> metricsProviders(WeftConfig config) {
        if (!config.get(WeftKeys.METRICS)) {
            return List.of();
        }
        List<MetricsProvider> found = new ArrayList<>();
        ServiceLoader.load(MetricsProvider.class, Observability.class.getClassLoader()).forEach(found::add);
        return found;
    }

    /**
     * The Prometheus text of the metrics providers on the class path (null when none keeps a
     * Prometheus registry, or {@code weft.metrics} is false), for admin endpoints of their own (the sidecar's).
     */
    public static Supplier<String> scrape(WeftConfig config) {
        return AdminServer.scrapeOf(metricsProviders(config));
    }

    /**
     * The listener of one Weft: the builder's listeners, the metrics providers' and the access log
     * (from {@link AccessLog#create}, null when off); null when there is none, so nothing is called per call.
     */
    public static CallListener listener(List<CallListener> given, List<MetricsProvider> metrics, AccessLog accessLog) {
        List<CallListener> all = new ArrayList<>(given);
        for (MetricsProvider m : metrics) {
            CallListener l = m.listener(List.copyOf(given));
            if (l != null) {
                all.add(l);
            }
        }
        if (accessLog != null) {
            all.add(accessLog);
        }
        return Listeners.of(all);
    }

    /**
     * The admin endpoint when {@code weft.admin.port} is set, else null. It listens on
     * {@code weft.admin.host}, else {@code weft.server.host}, else every interface.
     *
     * @param notReady why the instance is not ready, or null when it is
     */
    public static AdminServer admin(WeftConfig config, List<MetricsProvider> metrics, Supplier<String> notReady) {
        Integer port = config.get(WeftKeys.ADMIN_PORT);
        if (port == null) {
            return null;
        }
        String host = config.get(WeftKeys.ADMIN_HOST);
        if (host == null) {
            host = config.get(WeftKeys.SERVER_HOST);
        }
        InetSocketAddress address = host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
        return AdminServer.start(address, AdminServer.scrapeOf(metrics), notReady);
    }
}
