package io.weft.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.weft.Status;
import io.weft.spi.CallListener.RetryOutcome;
import io.weft.spi.CallListener.Side;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dashboard in docs/grafana queries only series that Weft's meters really export. */
class GrafanaDashboardTest {
    private static final Path DASHBOARD = Path.of("..", "docs", "grafana", "weft-dashboard.json");
    private static final Pattern SERIES = Pattern.compile("\\bweft_[a-z_]+");

    @Test
    void everySeriesTheDashboardQueriesIsInTheScrapeOfAMeshThatDidEverythingOnce() throws IOException {
        Set<String> queried = new TreeSet<>();
        Matcher m = SERIES.matcher(Files.readString(DASHBOARD));
        while (m.find()) {
            queried.add(m.group());
        }
        assertThat(queried).contains("weft_server_requests_seconds_bucket", "weft_client_ejections_total",
                "weft_governance_refusals_total");

        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        WeftMetrics metrics = WeftMetrics.of(prometheus);
        String svc = "io.weft.demo.Greeter";
        for (Side side : Side.values()) {
            metrics.callStarted(side, svc);
            metrics.callFinished(side, svc, "greet", Status.OK, 1_000_000, "-", null, Map.of());
        }
        metrics.retry(svc, RetryOutcome.SENT);
        metrics.ejected(svc, "127.0.0.1:1");
        metrics.refused(svc, "throttling", "qps", "provider");
        metrics.ruleApplied(svc, "throttling", 3);
        String scrape = prometheus.scrape();

        for (String series : queried) {
            assertThat(scrape).as("series %s queried by %s", series, DASHBOARD).contains(series + "{");
        }
    }
}
