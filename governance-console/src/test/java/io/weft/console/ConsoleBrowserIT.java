package io.weft.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.ServiceInstance;
import io.weft.Weft;
import io.weft.spi.InstanceRole;
import io.weft.spi.RuleValue;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console in a real headless Chromium, over a real ZooKeeper with real providers and consumers:
 * logging in, watching the mesh change live, editing rules in the form, and registry values that
 * try to be markup.
 */
class ConsoleBrowserIT extends BrowserTestBase {
    @RegisterExtension
    static final Mesh mesh = Mesh.perClass();

    @BeforeAll
    static void startNodes() {
        mesh.provider("stable");
        mesh.provider("canary");
        mesh.consumer("web");
    }

    private void logIn() {
        Browser.logIn(browser, wait, mesh.console.url(), Mesh.PASSWORD);
    }

    private static void type(WebElement input, String text) {
        Browser.type(input, text);
    }

    private By row(String table, String dataAttribute, String value) {
        return By.cssSelector("#" + table + " tr[data-" + dataAttribute + "='" + value + "']");
    }

    private String syncCell(String instanceId, String kind) {
        return browser.findElement(By.cssSelector("#consumers tr[data-instance='" + instanceId
                + "'] td.sync[data-kind='" + kind + "']")).getText();
    }

    @Test
    void wrongPasswordIsRefusedInTheLoginForm() {
        browser.get(mesh.console.url());
        type(wait.until(ExpectedConditions.elementToBeClickable(By.id("password"))), "not the password");
        click(By.id("login-button"));
        wait.until(ExpectedConditions.textToBe(By.id("login-error"), "Wrong user name or password."));
        assertThat(browser.findElements(By.id("services"))).isEmpty();
    }

    @Test
    void routingRuleEditedInTheFormReachesTheRegistryAndTheConsumersGetInSync() throws IOException {
        logIn();
        wait.until(ExpectedConditions.presenceOfElementLocated(row("services", "service", Mesh.SERVICE)));
        click(By.linkText(Mesh.SERVICE));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("providers"), "env=stable"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("providers"), "env=canary"));
        String consumerId = mesh.registry.list(Mesh.SERVICE, InstanceRole.CONSUMER).get(0).instanceId();

        click(By.cssSelector(".rule-card[data-kind='routing'] a.edit-rule"));
        WebElement subset = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("input[data-path='routes[0].destinations[0].subset']")));
        type(subset, "env=canary");
        wait.until(ExpectedConditions.textToBePresentInElementValue(By.id("rule-json"), "\"canary\""));
        click(By.id("save-rule"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rule-message"), "Saved"));
        RuleValue saved = mesh.registry.getRule(Mesh.SERVICE, "routing").orElseThrow();
        assertThat(saved.json()).contains("\"subset\": {\n").contains("\"env\": \"canary\"");

        // an invalid weight: the error shows at the field, saving is refused, the registry keeps its rule
        WebElement weight = browser.findElement(By.cssSelector("input[data-path='routes[0].destinations[0].weight']"));
        type(weight, "150");
        wait.until(ExpectedConditions.attributeContains(weight, "class", "invalid"));
        assertThat(weight.findElement(By.xpath("following-sibling::span[@class='field-error']")).getText()).isNotEmpty();
        assertThat(browser.findElement(By.id("rule-errors")).getText()).contains("routes[0].destinations[0].weight");
        click(By.id("save-rule"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rule-message"), "Not saved"));
        assertThat(mesh.registry.getRule(Mesh.SERVICE, "routing")).contains(saved);

        click(By.linkText(Mesh.SERVICE));
        wait.until(d -> syncCell(consumerId, "routing").equals("in sync r" + saved.revision()));
        browser.manage().window().setSize(new Dimension(1360, 1700)); // the charts, then providers, consumers, rules
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".rule-card[data-kind='security']")));
        Browser.saveScreenshot(browser, "console.png");
    }

    @Test
    void stoppedProviderVanishesFromThePageWithoutReload() {
        logIn();
        browser.get(mesh.console.url() + "#/service/" + Mesh.SERVICE);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("providers"), "env=stable"));
        browser.executeScript("window.notReloaded = true");

        Weft leaving = mesh.provider("leaving"); // appears without reload...
        String leavingId = mesh.registry.list(Mesh.SERVICE, InstanceRole.PROVIDER).stream()
                .filter(p -> "leaving".equals(p.tags().get("env"))).findFirst().orElseThrow().instanceId();
        wait.until(ExpectedConditions.presenceOfElementLocated(row("providers", "instance", leavingId)));

        leaving.close(); // ...and vanishes when stopped

        wait.until(ExpectedConditions.numberOfElementsToBe(row("providers", "instance", leavingId), 0));
        assertThat(browser.executeScript("return window.notReloaded")).isEqualTo(true);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("providers"), "env=stable"));
    }

    @Test
    void sidecarProviderCarriesASidecarBadgeAndJavaProvidersDoNot() {
        String service = "py.Inventory";
        try (Weft sidecar = mesh.sidecarProvider(service)) {
            logIn();
            browser.get(mesh.console.url() + "#/service/" + service);
            // The page re-renders live: read through the wait, which finds the element again each time.
            wait.until(ExpectedConditions.textToBe(By.cssSelector("#providers tr.instance .badge.sidecar"), "sidecar"));
            String id = mesh.registry.list(service, InstanceRole.PROVIDER).get(0).instanceId();
            wait.until(d -> {
                String text = d.findElement(row("providers", "instance", id)).getText();
                return text.contains(id) && text.contains("sidecar") && text.contains("py-app");
            });

            browser.get(mesh.console.url() + "#/service/" + Mesh.SERVICE);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("providers"), "env=stable"));
            assertThat(browser.findElements(By.cssSelector("#providers .badge.sidecar"))).isEmpty();
        }
    }

    @Test
    void registryValuesThatLookLikeMarkupAreShownAsText() {
        String payload = "<img src=x onerror=alert(1)>";
        String service = "<u>weft-xss<u>"; // service names may hold neither '/' nor spaces
        ServiceInstance instance = ServiceInstance.provider(service, payload, "127.0.0.1", 1)
                .withTags(Map.of("env", payload));
        try (var registration = mesh.registry.register(InstanceRole.PROVIDER, instance)) {
            mesh.registry.putRule(service, "routing",
                    "{\"routes\":[{\"name\":\"" + payload + "\",\"destinations\":[{\"weight\":100}]}]}", 0);
            logIn();
            wait.until(ExpectedConditions.presenceOfElementLocated(row("services", "service", service)));
            click(By.linkText(service));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("providers"), "env=" + payload));
            wait.until(ExpectedConditions.textToBe(By.id("service-name"), service));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector(".rule-card[data-kind='routing'] pre"), payload));
            assertThat(browser.findElements(By.tagName("img"))).isEmpty();
            assertThat(browser.findElements(By.tagName("u"))).isEmpty();
            assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        } finally {
            mesh.registry.deleteRule(service, "routing", -1);
        }
    }

    @Test
    void securityRuleDecidingByAppWithoutAuthenticationShowsAForgeryWarningInTheEditorAndOnTheServicePage() {
        String byApp = "{\"defaultAction\":\"allow\",\"rules\":[{\"action\":\"deny\","
                + "\"match\":{\"consumerApps\":[\"nobody\"]}}]}";
        try {
            logIn();
            browser.get(mesh.console.url() + "#/service/" + Mesh.SERVICE + "/rules/security");
            WebElement json = wait.until(ExpectedConditions.elementToBeClickable(By.id("rule-json")));
            type(json, byApp);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rule-warnings"), "can forge it"));
            assertThat(browser.findElement(By.id("rule-errors")).getText()).isEmpty();
            click(By.id("save-rule"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rule-message"), "Saved"));

            browser.get(mesh.console.url() + "#/service/" + Mesh.SERVICE);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector(".rule-card[data-kind='security'] ul.warnings"), "authentication.mode is none"));
        } finally {
            mesh.registry.deleteRule(Mesh.SERVICE, "security", -1);
        }
    }

    @Test
    void serviceEntryWithASpaceIsShownAsInvalidWithTheReasonAndTheOthersStillShow() throws Exception {
        String path = "/weft/services/bad name/providers/10.9.9.9:1";
        try (RawZooKeeper zk = new RawZooKeeper(mesh.zookeeper.getConnectString())) {
            zk.write(path, "{}");
            try {
                logIn();
                By bad = row("services", "service", "bad name"); // rows re-render: find them afresh each time
                wait.until(d -> d.findElement(bad).getText().contains("whitespace")
                        && d.findElement(bad).getAttribute("class").contains("invalid"));
                wait.until(ExpectedConditions.presenceOfElementLocated(row("services", "service", Mesh.SERVICE)));
                assertThat(browser.findElements(By.linkText("bad name"))).isEmpty();
            } finally {
                zk.deleteRecursively("/weft/services/bad name");
            }
        }
    }

    /** Clicks what {@code locator} finds, finding it again if a live re-render replaced it meanwhile. */
    private void click(By locator) {
        wait.until(d -> {
            d.findElement(locator).click();
            return true;
        });
    }

}
