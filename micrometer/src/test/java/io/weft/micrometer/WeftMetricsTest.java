package io.weft.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.weft.Status;
import io.weft.spi.CallListener.RetryOutcome;
import io.weft.spi.CallListener.Side;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WeftMetricsTest {
    private static final String SVC = "io.weft.demo.Greeter";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final WeftMetrics metrics = WeftMetrics.of(registry);

    private void call(Side side, String method, Status status, long millis) {
        metrics.callStarted(side, SVC);
        metrics.callFinished(side, SVC, method, status, TimeUnit.MILLISECONDS.toNanos(millis), "127.0.0.1:1", "web",
                Map.of());
    }

    @Test
    void finishedCallsAreTimedPerServiceMethodAndStatusName() {
        call(Side.CLIENT, "greet", Status.OK, 5);
        call(Side.CLIENT, "greet", Status.OK, 7);
        call(Side.CLIENT, "greet", Status.UNAVAILABLE, 1);
        call(Side.SERVER, "greet", Status.OK, 3);

        Timer ok = registry.get("weft.client.requests")
                .tags("service", SVC, "method", "greet", "status", "OK").timer();
        assertThat(ok.count()).isEqualTo(2);
        assertThat(ok.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(12.0);
        assertThat(registry.get("weft.client.requests").tags("status", "UNAVAILABLE").timer().count()).isEqualTo(1);
        assertThat(registry.get("weft.server.requests").tags("service", SVC, "method", "greet", "status", "OK")
                .timer().count()).isEqualTo(1);
    }

    @Test
    void inflightGaugeCountsCallsStartedButNotFinished() {
        metrics.callStarted(Side.SERVER, SVC);
        metrics.callStarted(Side.SERVER, SVC);
        metrics.callStarted(Side.CLIENT, SVC);
        assertThat(registry.get("weft.server.inflight").tag("service", SVC).gauge().value()).isEqualTo(2.0);
        metrics.callFinished(Side.SERVER, SVC, "greet", Status.OK, 1000, "-", null, Map.of());
        assertThat(registry.get("weft.server.inflight").tag("service", SVC).gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("weft.client.inflight").tag("service", SVC).gauge().value()).isEqualTo(1.0);
    }

    @Test
    void retriesEjectionsRefusalsAndRevisionsAreCountedWithTheirTags() {
        metrics.retry(SVC, RetryOutcome.SENT);
        metrics.retry(SVC, RetryOutcome.SENT);
        metrics.retry(SVC, RetryOutcome.BUDGET_EXHAUSTED);
        metrics.ejected(SVC, "127.0.0.1:20880");
        metrics.refused(SVC, "throttling", "greet-qps", "provider");
        metrics.ruleApplied(SVC, "throttling", 7);
        metrics.ruleApplied(SVC, "throttling", 8);

        assertThat(registry.get("weft.client.retries").tags("service", SVC, "outcome", "sent").counter().count())
                .isEqualTo(2);
        assertThat(registry.get("weft.client.retries").tags("outcome", "budget_exhausted").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("weft.client.ejections").tag("service", SVC).counter().count()).isEqualTo(1);
        assertThat(registry.get("weft.governance.refusals")
                .tags("service", SVC, "kind", "throttling", "rule", "greet-qps", "side", "provider")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("weft.rules.revision").tags("service", SVC, "kind", "throttling").gauge().value())
                .isEqualTo(8.0);
    }

    @Test
    void prometheusTextHasTheContractNamesAndHistogramBuckets() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        WeftMetrics m = WeftMetrics.of(prometheus);
        m.callStarted(Side.SERVER, SVC);
        m.callFinished(Side.SERVER, SVC, "greet", Status.OK, 2_000_000, "-", null, Map.of());
        m.refused(SVC, "security", "rules[0]", "provider");

        String text = prometheus.scrape();
        assertThat(text).contains("weft_server_requests_seconds_count{method=\"greet\",service=\"" + SVC
                + "\",status=\"OK\"} 1");
        assertThat(text).contains("weft_server_requests_seconds_bucket{method=\"greet\",service=\"" + SVC
                + "\",status=\"OK\",le=\"");
        assertThat(text).contains("weft_server_inflight{service=\"" + SVC + "\"} 0");
        assertThat(text).contains("weft_governance_refusals_total{kind=\"security\",rule=\"rules[0]\",service=\""
                + SVC + "\",side=\"provider\"} 1");
    }
}
