package io.weft.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.weft.CallContext;
import io.weft.ExportOptions;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.test.WeftExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DESIGN §10 end to end on a real ZooKeeper: a provider and a consumer with weft-micrometer on the class
 * path, the admin endpoint scraped over HTTP, refusals under a throttling rule, {@code /ready} around the
 * registry session, and the access log with the caller's trace id.
 */
class ObservabilityIT {
    private static final String SERVICE = Echo.class.getName();
    private static final HttpClient http = HttpClient.newHttpClient();

    @RegisterExtension
    static final WeftExtension weft = WeftExtension.zooKeeper();

    private static HttpResponse<String> get(Weft instance, String path) throws IOException, InterruptedException {
        int port = instance.adminAddress().orElseThrow().getPort();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the sample {@code name{labels}} in Prometheus text, or -1 when absent. */
    private static double sample(String text, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name + "{" + labels + "}") + " (\\S+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    @Test
    void metricsEndpointCountsCallsOnBothSidesWithHistogramBuckets() throws Exception {
        Weft provider = exportWithAdmin(Echo.class, text -> text);
        Echo echo = weft.newWeft("web").reference(Echo.class);
        int n = 25;
        for (int i = 0; i < n; i++) {
            assertThat(echo.echo("hi " + i)).isEqualTo("hi " + i);
        }

        HttpResponse<String> metrics = get(provider, "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
        String labels = "method=\"echo\",service=\"" + SERVICE + "\",status=\"OK\"";
        // one registry per process: the consumer in this JVM records into it too
        assertThat(sample(metrics.body(), "weft_client_requests_seconds_count", labels)).isGreaterThanOrEqualTo(n);
        assertThat(sample(metrics.body(), "weft_server_requests_seconds_count", labels)).isGreaterThanOrEqualTo(n);
        assertThat(metrics.body()).contains("weft_server_requests_seconds_bucket{" + labels + ",le=\"");
        assertThat(metrics.body()).contains("weft_server_inflight{service=\"" + SERVICE + "\"}");
        assertThat(get(provider, "/health").statusCode()).isEqualTo(200);
        assertThat(get(provider, "/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void refusalsUnderAThrottlingRuleAreCountedByRule() throws Exception {
        String limited = Limited.class.getName();
        Weft provider = exportWithAdmin(Limited.class, text -> text);
        Limited echo = weft.newWeft("batch").reference(Limited.class);
        long revision = throttleUntilRefused(limited, """
                {"limits":[{"name":"one-per-minute","side":"provider","qps":0.016,"burst":1}]}""", () -> echo.echo("x"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String text = get(provider, "/metrics").body();
            assertThat(sample(text, "weft_governance_refusals_total", "kind=\"throttling\",rule=\"one-per-minute\","
                    + "service=\"" + limited + "\",side=\"provider\"")).isGreaterThanOrEqualTo(1);
            assertThat(sample(text, "weft_server_requests_seconds_count",
                    "method=\"echo\",service=\"" + limited + "\",status=\"RESOURCE_EXHAUSTED\""))
                    .isGreaterThanOrEqualTo(1);
            assertThat(sample(text, "weft_rules_revision", "kind=\"throttling\",service=\"" + limited + "\""))
                    .isEqualTo(revision);
        });
    }

    @Test
    void consumerSideRefusalsAreCountedOnTheConsumerWithSideConsumer() throws Exception {
        String limited = ClientLimited.class.getName();
        Weft provider = exportWithAdmin(ClientLimited.class, text -> text);
        ClientLimited echo = weft.newWeft("greedy").reference(ClientLimited.class);
        throttleUntilRefused(limited, """
                {"limits":[{"name":"client-cap","side":"consumer","qps":0.016,"burst":1}]}""", () -> echo.echo("x"));
        String text = get(provider, "/metrics").body(); // one registry per process: the consumer's meters too
        assertThat(sample(text, "weft_governance_refusals_total", "kind=\"throttling\",rule=\"client-cap\","
                + "service=\"" + limited + "\",side=\"consumer\"")).isGreaterThanOrEqualTo(1);
        assertThat(sample(text, "weft_client_requests_seconds_count",
                "method=\"echo\",service=\"" + limited + "\",status=\"RESOURCE_EXHAUSTED\""))
                .isGreaterThanOrEqualTo(1);
    }

    /** A registered provider of {@code iface} with an admin endpoint on a free loopback port. */
    private static <T> Weft exportWithAdmin(Class<T> iface, T implementation) {
        Weft provider = weft.export(iface, implementation, ExportOptions.defaults(),
                "weft.admin.port", "0", "weft.admin.host", "127.0.0.1");
        weft.awaitProviders(iface.getName(), 1);
        return provider;
    }

    /** Writes the throttling rule, waits until every instance applied it and {@code call} is refused; its revision. */
    private static long throttleUntilRefused(String service, String rule, java.util.function.Supplier<String> call) {
        long revision = weft.putRule(service, "throttling", rule);
        weft.awaitApplied(service, "throttling", revision);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try {
                call.get();
                return false;
            } catch (RpcException e) {
                return e.status() == Status.RESOURCE_EXHAUSTED;
            }
        });
        return revision;
    }

    @Test
    void readyIs503UntilTheRegistrySessionIsUpThen200() throws Exception {
        // a free port, and a ZooKeeper on it that starts only later
        try (TestingServer zooKeeper = new TestingServer(InstanceSpec.getRandomPort(), false)) {
            WeftConfig config = WeftConfig.of(Map.of("weft.application", "late", "weft.server.host", "127.0.0.1",
                    "weft.server.port", "0", "weft.admin.port", "0", "weft.admin.host", "127.0.0.1",
                    "weft.registry.address", "zookeeper://" + zooKeeper.getConnectString()));
            try (Weft provider = Weft.create(config)) {
                provider.export(Echo.class, text -> text);
                HttpResponse<String> notReady = get(provider, "/ready");
                assertThat(notReady.statusCode()).isEqualTo(503);
                assertThat(notReady.body()).contains("no registry session");
                assertThat(get(provider, "/health").statusCode()).isEqualTo(200);

                zooKeeper.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> get(provider, "/ready").statusCode() == 200);
            }
        }
    }

    @Test
    void accessLogWritesOneLinePerCallOnEachSideWithTheCallersTraceId() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String traceparent = "00-" + traceId + "-00f067aa0ba902b7-01";
        String traced = Traced.class.getName();
        weft.export(Traced.class, text -> text, ExportOptions.defaults(), "weft.access-log", "true");
        weft.awaitProviders(traced, 1);
        Traced echo = weft.newWeft("web", "weft.access-log", "true").reference(Traced.class);
        try (AccessLogCapture log = new AccessLogCapture()) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                try (CallContext.Scope ignored = CallContext.current()
                        .withTrace(io.weft.TraceContext.parse(traceparent, null)).attach()) {
                    return echo.echo("traced").equals("traced");
                }
            });
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(log.lines()).anySatisfy(line -> assertThat(line).matches(
                        "server " + Pattern.quote(traced) + "/echo OK \\d+ 127\\.0\\.0\\.1:\\d+ web " + traceId));
                assertThat(log.lines()).anySatisfy(line -> assertThat(line).matches(
                        "client " + Pattern.quote(traced) + "/echo OK \\d+ 127\\.0\\.0\\.1:\\d+ web " + traceId));
            });
        }
    }

    @Test
    void statusHeartbeatCarriesInflightWhileACallIsHeldAndP99OfTheIntervalsCalls() throws Exception {
        String held = Held.class.getName();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        weft.export(Held.class, text -> {
            try {
                release.await(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return text;
        }, ExportOptions.defaults(), "weft.status.interval-ms", "200");
        weft.awaitProviders(held, 1);
        Held client = weft.newWeft("web", "weft.client.timeout-ms", "30000").reference(Held.class);
        java.util.concurrent.CompletableFuture<String> call =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> client.hold("held"));
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> status(held).inflight() == 1);
        } finally {
            release.countDown();
        }
        assertThat(call.get(20, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("held");
        // p99Ms covers the calls of the last interval (0 when idle): keep calling while waiting for it
        await().atMost(Duration.ofSeconds(20)).until(() -> client.hold("quick").equals("quick")
                && status(held).p99Ms() > 0);
        await().atMost(Duration.ofSeconds(20)).until(() -> status(held).inflight() == 0);
    }

    private static io.weft.InstanceStatus status(String service) {
        return weft.registry().list(service, io.weft.spi.InstanceRole.PROVIDER).get(0).status();
    }

    /** A service only the metrics-off test calls, so no other test's samples can name it. */
    public interface Unmetered {
        String echo(String text);
    }

    @Test
    void instancesWithMetricsOffRecordNothingAndTheirMetricsEndpointSaysWhy() throws Exception {
        Weft provider = weft.export(Unmetered.class, text -> text, ExportOptions.defaults(),
                "weft.metrics", "false", "weft.admin.port", "0", "weft.admin.host", "127.0.0.1");
        weft.awaitProviders(Unmetered.class.getName(), 1);
        Unmetered client = weft.newWeft("quiet", "weft.metrics", "false").reference(Unmetered.class);
        for (int i = 0; i < 5; i++) {
            assertThat(client.echo("x" + i)).isEqualTo("x" + i);
        }

        HttpResponse<String> off = get(provider, "/metrics");
        assertThat(off.statusCode()).isEqualTo(501);
        assertThat(off.body()).contains("weft.metrics");
        // the process's registry (scraped through an instance with metrics on) holds none of those calls
        Weft metered = weft.newWeft("metered", "weft.admin.port", "0", "weft.admin.host", "127.0.0.1");
        HttpResponse<String> on = get(metered, "/metrics");
        assertThat(on.statusCode()).isEqualTo(200);
        assertThat(on.body()).doesNotContain(Unmetered.class.getName());
    }

    @Test
    void metricsEndpointAnswers404ForUnknownPaths() throws Exception {
        Weft instance = weft.newWeft("lonely", "weft.admin.port", "0", "weft.admin.host", "127.0.0.1");
        HttpResponse<String> response = get(instance, "/nope");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("/metrics");
        assertThatThrownBy(() -> WeftConfig.of(Map.of("weft.access-log.format", "xml")).get(
                io.weft.WeftKeys.ACCESS_LOG_FORMAT)).hasMessageContaining("weft.access-log.format");
    }
}
