package io.weft.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Roles in headless Chromium: a viewer has no way to change a rule; an editor's change is audited as theirs. */
class ConsoleRolesBrowserIT extends BrowserTestBase {
    @RegisterExtension
    static final Mesh mesh = Mesh.withViewerAndEditor();

    @Test
    void viewerSeesTheRuleButHasNoSaveOrDeleteAndTheApiRefusesWithTheRoleNeeded() {
        Browser.logIn(browser, wait, mesh.console.url(), "vera", "viewer-password");
        assertThat(browser.findElement(By.id("whoami")).getText()).isEqualTo("vera (viewer)");
        browser.get(mesh.console.url() + "#/service/" + Mesh.SERVICE + "/rules/security");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rule-json")));

        assertThat(browser.findElements(By.id("save-rule"))).allMatch(b -> !b.isDisplayed());
        assertThat(browser.findElements(By.id("delete-rule"))).allMatch(b -> !b.isDisplayed());
        // the same call the Save button makes, from the viewer's own page (session cookie and CSRF token)
        Object status = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/api.js').then(({ api }) => api('PUT', arguments[0], arguments[1]))
                  .then(() => done('200'), e => done(e.status + ' ' + e.body.neededRole));""",
                "/api/services/" + Mesh.SERVICE + "/rules/security", Mesh.DENY_NOBODY);
        assertThat(status).isEqualTo("403 editor");
        assertThat(mesh.registry.getRule(Mesh.SERVICE, "security")).isEmpty();
    }

    @Test
    void editorsSaveIsAuditedUnderTheirName() {
        Browser.logIn(browser, wait, mesh.console.url(), "ed", "editor-password");
        browser.get(mesh.console.url() + "#/service/" + Mesh.SERVICE + "/rules/security");
        // typing before the editor has read the rule races its load, which replaces the JSON
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rule-revision"), "No rule yet"));
        WebElement json = wait.until(ExpectedConditions.elementToBeClickable(By.id("rule-json")));
        Browser.type(json, Mesh.DENY_NOBODY);
        wait.until(d -> {
            d.findElement(By.id("save-rule")).click();
            return true;
        });
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rule-message"), "Saved"));

        JsonNode latest = ConsoleClient.loggedIn(mesh.console).get("/api/audit").json().path("entries").get(0);
        assertThat(latest.path("user").asText()).isEqualTo("ed");
        assertThat(latest.path("kind").asText()).isEqualTo("security");
    }
}
