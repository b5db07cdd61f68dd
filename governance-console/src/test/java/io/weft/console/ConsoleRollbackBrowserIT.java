package io.weft.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.spi.RuleValue;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A rule's history and rollback in a real headless Chromium over a real ZooKeeper: the history under
 * the rule editor, rolling back to before a change, and a rollback or save that races another edit.
 */
class ConsoleRollbackBrowserIT extends BrowserTestBase {
    private static final AtomicInteger SERVICES = new AtomicInteger();
    private static final String STABLE = "{\"routes\":[{\"name\":\"default\",\"destinations\":"
            + "[{\"subset\":{\"env\":\"stable\"},\"weight\":100}]}],\"fallback\":\"all\"}";
    private static final String CANARY = "{\"routes\":[{\"name\":\"default\",\"destinations\":"
            + "[{\"subset\":{\"env\":\"stable\"},\"weight\":90},{\"subset\":{\"env\":\"canary\"},\"weight\":10}]}],"
            + "\"fallback\":\"all\"}";

    @RegisterExtension
    static final Mesh mesh = Mesh.perClass();
    private ConsoleClient someoneElse;
    private String service;

    @BeforeEach
    void newServiceAndEditor() {
        someoneElse = ConsoleClient.loggedIn(mesh.console);
        service = "io.weft.rollback.Svc" + SERVICES.incrementAndGet();
    }

    private long put(String json, long ifMatch) {
        ConsoleClient.Answer answer = someoneElse.send("PUT", "/api/services/" + service + "/rules/routing", json,
                ifMatch == 0 ? null : "\"" + ifMatch + "\"");
        assertThat(answer.status()).as("%s", answer.raw().body()).isIn(200, 201);
        return answer.json().path("revision").asLong();
    }

    private void openEditor(int entries) {
        Browser.logIn(browser, wait, mesh.console.url(), Mesh.PASSWORD);
        browser.get(mesh.console.url() + "#/service/" + service + "/rules/routing");
        wait.until(d -> d.findElements(By.cssSelector("#rule-history tr.history-entry")).size() == entries);
    }

    private By newestEntry() {
        return By.cssSelector("#rule-history tr.history-entry:first-child");
    }

    private void rollBackNewestAndConfirm() {
        wait.until(d -> {
            d.findElement(newestEntry()).findElement(By.cssSelector("button.rollback")).click();
            return true;
        });
        wait.until(ExpectedConditions.alertIsPresent()).accept();
    }

    @Test
    void rollbackInTheHistoryRestoresThePreviousJsonAndIsListedAsARollbackOfThatChange() throws IOException {
        long first = put(STABLE, 0);
        long second = put(CANARY, first);
        openEditor(2);
        String change = browser.findElement(newestEntry()).getAttribute("data-entry");
        assertThat(browser.findElement(newestEntry()).getText()).contains("admin").contains(first + " → " + second)
                .contains("\"weight\": 10");
        assertThat(browser.findElement(By.cssSelector("#rule-history tr.history-entry:first-child pre.diff .add"))
                .getText()).isNotEmpty();

        rollBackNewestAndConfirm();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rule-message"), "Rolled back to before " + change));
        RuleValue now = mesh.registry.getRule(service, "routing").orElseThrow();
        assertThat(now.json()).isEqualTo(STABLE);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rule-revision"),
                "Editing revision " + now.revision() + "."));
        assertThat(browser.findElement(By.id("rule-json")).getAttribute("value")).doesNotContain("canary");
        wait.until(d -> d.findElement(newestEntry()).getText().contains("rollback of " + change));
        Browser.saveScreenshot(browser, "console-rule-history.png");
    }

    @Test
    void rollbackAndSaveAfterSomeoneElsesEditAreRefusedWith412AndTheirEditStands() {
        long first = put(STABLE, 0);
        long second = put(CANARY, first);
        openEditor(2);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rule-revision"), "revision " + second));

        long theirs = put(CANARY.replace("\"weight\":10", "\"weight\":20"), second); // the page still shows `second`
        rollBackNewestAndConfirm();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rule-message"), "Not rolled back"));
        assertThat(browser.findElement(By.id("rule-message")).getText()).contains("changed meanwhile")
                .contains("revision " + theirs);
        assertThat(mesh.registry.getRule(service, "routing").orElseThrow().revision()).isEqualTo(theirs);

        wait.until(d -> {
            d.findElement(By.id("save-rule")).click();
            return true;
        });
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rule-message"), "Not saved"));
        assertThat(browser.findElement(By.id("rule-message")).getText()).contains("changed meanwhile");
        RuleValue now = mesh.registry.getRule(service, "routing").orElseThrow();
        assertThat(now.revision()).isEqualTo(theirs);
        assertThat(now.json()).contains("\"weight\":20");
    }
}
