package io.weft.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The rule editor's preview in a real headless Chromium over a real ZooKeeper, on providers tagged
 * {@code version=v1} and {@code version=v2} as the demo's: a 90/10 canary typed into the editor shows, before
 * it is saved, the v2 instance with 10 % and the v1 instance with 90 % of the calls — and nothing is written;
 * a viewer may preview too (a limit, here, on providers without traffic).
 */
class ConsolePreviewBrowserIT extends BrowserTestBase {
    @RegisterExtension
    static final Mesh mesh = Mesh.perClass();
    /** The audit log after the set-up (adding vera is audited): a preview must add nothing to it. */
    private static List<String> auditBefore;

    @BeforeAll
    static void startProviders() {
        auditBefore = mesh.previewSetting();
    }

    private By shareOf(String instance) {
        return By.cssSelector("#rule-preview tr.preview-share[data-instance='" + instance + "'] td.share");
    }

    @Test
    void previewShowsTheSplitACanaryRuleWillProduceOnTheDemosProvidersBeforeSaving() throws IOException {
        Browser.logIn(browser, wait, mesh.console.url(), Mesh.PASSWORD);
        browser.get(mesh.console.url() + "#/service/" + Mesh.SERVICE + "/rules/routing");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rule-revision"), "No rule yet"));
        Browser.type(wait.until(ExpectedConditions.elementToBeClickable(By.id("rule-json"))), ConsolePreviewIT.CANARY);

        wait.until(ExpectedConditions.elementToBeClickable(By.id("preview-rule"))).click();

        String v1 = mesh.instanceOfVersion("v1");
        String v2 = mesh.instanceOfVersion("v2");
        wait.until(ExpectedConditions.visibilityOfElementLocated(shareOf(v2)));
        assertThat(browser.findElement(shareOf(v2)).getText()).isEqualTo("10.0 %");
        assertThat(browser.findElement(shareOf(v1)).getText()).isEqualTo("90.0 %");
        assertThat(browser.findElement(By.cssSelector("#rule-preview .preview-route h3")).getText())
                .isEqualTo("Route 'canary-v2': every call");
        assertThat(browser.findElement(By.id("rule-message")).getText()).contains("nothing was saved");
        assertThat(browser.findElement(By.id("rule-revision")).getText()).contains("No rule yet");
        assertThat(mesh.registry.getRule(Mesh.SERVICE, "routing")).isEmpty();
        assertThat(mesh.registry.audit(10)).isEqualTo(auditBefore);
        browser.executeScript("document.querySelector('.actions').scrollIntoView()");
        Browser.saveScreenshot(browser, "console-preview.png");
    }

    @Test
    void aViewerPreviewsALimitWithoutSaveAndIsToldThereIsNoTrafficToJudgeBy() {
        Browser.logIn(browser, wait, mesh.console.url(), "vera", "viewer-password");
        browser.get(mesh.console.url() + "#/service/" + Mesh.SERVICE + "/rules/throttling");
        Browser.type(wait.until(ExpectedConditions.elementToBeClickable(By.id("rule-json"))),
                "{\"limits\":[{\"name\":\"echo-qps\",\"side\":\"provider\",\"qps\":5}]}");

        wait.until(ExpectedConditions.elementToBeClickable(By.id("preview-rule"))).click();

        By refused = By.cssSelector("#rule-preview tr.preview-limit td.refused");
        wait.until(ExpectedConditions.visibilityOfElementLocated(refused));
        assertThat(browser.findElement(refused).getText()).isEqualTo("—");
        assertThat(browser.findElement(By.cssSelector("#rule-preview tr.preview-limit")).getText())
                .contains("echo-qps").contains("no current traffic to judge by");
        assertThat(browser.findElements(By.id("save-rule"))).allMatch(b -> !b.isDisplayed());
        assertThat(mesh.registry.getRule(Mesh.SERVICE, "throttling")).isEmpty();
    }
}
