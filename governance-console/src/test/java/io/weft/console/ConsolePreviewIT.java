package io.weft.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.weft.spi.InstanceRole;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rule preview's REST endpoint over a real ZooKeeper with real Weft providers tagged
 * {@code version=v1} / {@code version=v2} (as the demo's): the split a canary rule would produce, what a
 * limit would refuse at a rate the providers really serve, the errors of an invalid rule — and that none
 * of it writes a rule or an audit entry.
 */
class ConsolePreviewIT {
    static final String CANARY = """
            {"routes":[{"name":"canary-v2","destinations":[{"subset":{"version":"v1"},"weight":90},
                                                           {"subset":{"version":"v2"},"weight":10}]}]}""";
    private static final String PREVIEW = "/api/services/" + Mesh.SERVICE + "/rules/%s/preview";

    @RegisterExtension
    static final Mesh mesh = Mesh.perClass();
    /** The audit log after the set-up (adding vera is audited): a preview must add nothing to it. */
    private static List<String> auditBefore;
    private static ConsoleClient viewer;

    @BeforeAll
    static void startProviders() {
        auditBefore = mesh.previewSetting();
        viewer = new ConsoleClient(mesh.console);
        assertThat(viewer.login("vera", "viewer-password").status()).isEqualTo(200);
    }

    private static ConsoleClient.Answer preview(String kind, String json) {
        return viewer.send("POST", String.format(PREVIEW, kind), json, null);
    }

    private static void assertNothingWritten() {
        assertThat(mesh.registry.getRule(Mesh.SERVICE, "routing")).isEmpty();
        assertThat(mesh.registry.getRule(Mesh.SERVICE, "throttling")).isEmpty();
        assertThat(mesh.registry.audit(10)).isEqualTo(auditBefore);
    }

    @Test
    void aViewersPreviewOfANinetyTenCanaryGivesTheV2InstanceTenPercentAndWritesNothing() {
        ConsoleClient.Answer answer = preview("routing", CANARY);

        assertThat(answer.status()).as("%s", answer.raw().body()).isEqualTo(200);
        JsonNode route = answer.json().path("routes").path(0);
        assertThat(route.path("name").asText()).isEqualTo("canary-v2");
        Map<String, Double> shares = new HashMap<>();
        route.path("shares").forEach(s -> shares.put(s.path("instanceId").asText(), s.path("share").asDouble()));
        assertThat(shares.get(mesh.instanceOfVersion("v2"))).isCloseTo(0.10, within(1e-9));
        assertThat(shares.get(mesh.instanceOfVersion("v1"))).isCloseTo(0.90, within(1e-9));
        assertThat(route.path("destinations").path(1).path("instances").get(0).asText()).isEqualTo(mesh.instanceOfVersion("v2"));
        assertThat(answer.json().path("unmatched").isNull()).as("the route matches every call").isTrue();
        assertThat(answer.json().path("written").asBoolean()).isFalse();
        assertNothingWritten();
    }

    @Test
    void aLimitUnderTheRateTheProvidersServeIsShownRefusingTheExcessAtThatRate() throws Exception {
        Echo echo = mesh.consumer("load");
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong calls = new AtomicLong();
        Thread load = new Thread(() -> {
            while (running.get()) {
                echo.echo("x");
                calls.incrementAndGet();
            }
        }, "preview-load");
        load.start();
        try {
            long startCalls = calls.get();
            long startNanos = System.nanoTime();
            // two heartbeats of the providers under load: their rates are the ones now served
            await().atMost(Duration.ofSeconds(30)).until(() -> providerRate() > 10
                    && System.nanoTime() - startNanos > Duration.ofSeconds(3).toNanos());
            double clientRate = (calls.get() - startCalls) / ((System.nanoTime() - startNanos) / 1e9);

            ConsoleClient.Answer answer = preview("throttling", """
                    {"limits":[{"name":"echo-qps","side":"provider","qps":2}]}""");

            assertThat(answer.status()).as("%s", answer.raw().body()).isEqualTo(200);
            JsonNode body = answer.json();
            JsonNode limit = body.path("limits").path(0);
            double offered = 0;
            double excess = 0;
            for (JsonNode instance : body.path("instances")) {
                double rate = instance.path("qps").asDouble();
                offered += rate;
                excess += Math.max(0, rate - 2);
            }
            assertThat(body.path("traffic").asBoolean()).isTrue();
            assertThat(offered).as("the heartbeats' rate against the %s calls/s sent", clientRate)
                    .isBetween(clientRate * 0.3, clientRate * 3);
            assertThat(limit.path("offeredRate").asDouble()).isCloseTo(offered, within(1e-6));
            assertThat(limit.path("refusedShare").asDouble()).isCloseTo(excess / offered, within(1e-9))
                    .isGreaterThan(0.5);
            assertThat(limit.path("verdict").asText()).startsWith("would refuse ~");
        } finally {
            running.set(false);
            load.join(10_000);
        }
        assertNothingWritten();
    }

    private static double providerRate() {
        return mesh.registry.list(Mesh.SERVICE, InstanceRole.PROVIDER).stream()
                .mapToDouble(p -> p.status() == null ? 0 : p.status().qps()).sum();
    }

    @Test
    void aServiceWithoutProvidersHasNoTrafficToJudgeBy() {
        ConsoleClient.Answer answer = viewer.send("POST", "/api/services/io.weft.preview.Nobody/rules/throttling/preview",
                "{\"limits\":[{\"side\":\"provider\",\"qps\":1}]}", null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("traffic").asBoolean()).isFalse();
        assertThat(answer.json().path("limits").path(0).path("verdict").asText()).isEqualTo("no current traffic to judge by");
        assertThat(answer.json().path("limits").path(0).path("refusedShare").isNull()).isTrue();
    }

    @Test
    void anInvalidRuleIsRefusedWith400NamingTheFieldAndNothingIsWritten() {
        ConsoleClient.Answer invalid = preview("routing", CANARY.replace("\"weight\":10", "\"weight\":101"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("errors").path(0).path("path").asText())
                .isEqualTo("routes[0].destinations[1].weight");

        ConsoleClient.Answer notJson = preview("throttling", "{\"limits\":[");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().path("errors").path(0).path("message").asText()).startsWith("not valid JSON");

        ConsoleClient.Answer faults = preview("faults", "{\"faults\":[]}");
        assertThat(faults.status()).isEqualTo(400);
        assertThat(faults.json().path("error").asText()).startsWith("preview supports routing and throttling");
        assertNothingWritten();
    }
}
