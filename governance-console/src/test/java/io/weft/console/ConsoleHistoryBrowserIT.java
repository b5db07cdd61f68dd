package io.weft.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.RpcException;
import io.weft.Status;
import io.weft.spi.InstanceRole;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console over time in a real headless Chromium, over a real ZooKeeper with real providers and
 * consumers writing their status every second (the console samples every second too): charts drawn
 * from the heartbeats, the degraded banner while a failing provider pulls h̄ below δ, and the
 * topology graph with the consumer's edge.
 */
class ConsoleHistoryBrowserIT extends BrowserTestBase {
    private static final String FLAKY = Flaky.class.getName();
    private static final AtomicBoolean failing = new AtomicBoolean();
    @RegisterExtension
    static final Mesh mesh = Mesh.perClass(Duration.ofSeconds(1));
    private static Echo echo;
    private static Flaky flaky;

    @BeforeAll
    static void startNodes() {
        mesh.provider("stable");
        mesh.provider("canary");
        echo = mesh.consumer("web");
        mesh.node("flaky").export(Flaky.class, text -> {
            if (failing.get()) {
                throw new RpcException(Status.UNAVAILABLE, "failing on purpose");
            }
            return text;
        });
        flaky = mesh.node("batch").reference(Flaky.class);
    }

    @BeforeEach
    void logIn() {
        Browser.logIn(browser, wait, mesh.console.url(), Mesh.PASSWORD);
    }

    private static void callEcho(int times) {
        for (int i = 0; i < times; i++) {
            echo.echo("hello");
        }
    }

    private static int callFlaky(int times) {
        int failed = 0;
        for (int i = 0; i < times; i++) {
            try {
                flaky.call("x");
            } catch (RpcException e) {
                failed++;
            }
        }
        return failed;
    }

    // Read in one script: the page re-renders on every heartbeat, so element references go stale.
    private static String script(WebDriver d, String js, String metric) {
        Object value = ((org.openqa.selenium.JavascriptExecutor) d).executeScript(js, metric);
        return value == null ? null : value.toString();
    }

    private static int points(WebDriver d, String metric) {
        String points = script(d, "const c = document.getElementById('chart-' + arguments[0]);"
                + " return c && c.querySelector('canvas') ? c.dataset.points : null;", metric);
        return points == null ? 0 : Integer.parseInt(points);
    }

    private static String latestText(WebDriver d, String metric) {
        return script(d, "const l = document.querySelector('#chart-' + arguments[0] + ' .latest');"
                + " return l ? l.textContent : null;", metric);
    }

    private static double latest(WebDriver d, String metric) {
        String text = latestText(d, metric);
        return text == null || text.equals("—") ? Double.NaN : Double.parseDouble(text.replaceAll("[^0-9.]", ""));
    }

    @Test
    void serviceChartsDrawTheCallsThatRealProvidersReportAndHealthAgainstTheDeltaLine() throws IOException {
        browser.get(mesh.console.url() + "#/service/" + Mesh.SERVICE);
        wait.until(d -> {
            callEcho(20); // traffic while we wait: the providers report it in their next heartbeat
            return points(d, "callsPerSecond") >= 3 && latest(d, "callsPerSecond") > 0;
        });
        assertThat(points(browser, "health")).isGreaterThanOrEqualTo(3);
        assertThat(latest(browser, "health")).isEqualTo(1.0);
        assertThat(script(browser, "return document.getElementById(arguments[0]).textContent;", "chart-health"))
                .contains("δ");
        assertThat(latestText(browser, "p99Ms")).matches("—|[0-9.]+ ms"); // p99Ms only when the instances report it
        assertThat(browser.findElements(By.id("degraded-banner"))).isEmpty();
        Browser.saveScreenshot(browser, "console-history.png");

        String instance = mesh.registry.list(Mesh.SERVICE, InstanceRole.PROVIDER).get(0).instanceId();
        wait.until(d -> {
            d.findElement(By.linkText(instance)).click();
            return true;
        });
        wait.until(ExpectedConditions.textToBe(By.id("instance-name"), instance));
        wait.until(d -> {
            callEcho(20);
            return points(d, "callsPerSecond") >= 2 && points(d, "health") >= 2;
        });
    }

    @Test
    void failingProviderPullsHealthBelowDeltaAndTheBannerSaysSinceWhenUntilItRecovers() {
        try {
            browser.get(mesh.console.url() + "#/service/" + FLAKY);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("chart-health")));
            assertThat(browser.findElements(By.id("degraded-banner"))).isEmpty();

            failing.set(true);
            WebElement banner = wait.until(d -> {
                assertThat(callFlaky(10)).isEqualTo(10);
                return d.findElements(By.id("degraded-banner")).stream().findFirst().orElse(null);
            });
            assertThat(banner.getText()).matches("Degraded since \\d\\d:\\d\\d: h̄ is below δ = 0\\.5\\.");
            wait.until(d -> latest(d, "health") < 0.5);

            failing.set(false);
            wait.until(d -> {
                callFlaky(10);
                return d.findElements(By.id("degraded-banner")).isEmpty() && latest(d, "health") == 1.0;
            });
        } finally {
            failing.set(false);
        }
    }

    @Test
    void topologyShowsTheConsumerApplicationsServicesAndProvidersWithCallsPerSecondOnTheEdges() throws IOException {
        browser.get(mesh.console.url() + "#/topology");
        String providerNode = "provider:" + Mesh.SERVICE + "/"
                + mesh.registry.list(Mesh.SERVICE, InstanceRole.PROVIDER).get(0).instanceId();
        By webToEcho = By.cssSelector("#topology-graph g.edge[data-from='application:web'][data-to='service:"
                + Mesh.SERVICE + "'] text.edge-label");
        wait.until(d -> {
            callEcho(20);
            d.navigate().refresh(); // the topology page refreshes itself every 5 s; do not wait for that
            String label = d.findElement(webToEcho).getText();
            return label.matches("[0-9]+\\.[0-9]/s") && !label.equals("0.0/s");
        });
        assertThat(browser.findElements(By.cssSelector("#topology-graph g.edge[data-from='service:" + Mesh.SERVICE
                + "'][data-to='" + providerNode + "']"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#topology-graph g.edge[data-from='application:batch']"
                + "[data-to='service:" + FLAKY + "']"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#topology-graph g.node.application"))).hasSize(2);
        Browser.saveScreenshot(browser, "console-topology.png");
    }
}
