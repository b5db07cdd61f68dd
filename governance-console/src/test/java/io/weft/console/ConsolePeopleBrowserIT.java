package io.weft.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The People page in headless Chromium, against a console on a real ZooKeeper: what an admin does there
 * takes effect for real — a user added there logs in with their role, a token created there works as a
 * bearer token until it is revoked there — and only admins see the page.
 */
class ConsolePeopleBrowserIT extends BrowserTestBase {
    @RegisterExtension
    static final Mesh mesh = Mesh.withViewerAndEditor();

    @Test
    void editorAddedOnThePeoplePageLogsInElsewhereSavesARuleAndSeesNoPeopleLink() {
        Browser.logIn(browser, wait, mesh.console.url(), Mesh.PASSWORD);
        openPeople();
        Browser.type(browser.findElement(By.id("new-user-name")), "erin");
        new Select(browser.findElement(By.id("new-user-role"))).selectByVisibleText("editor");
        Browser.type(browser.findElement(By.id("new-user-password")), "erin-password");
        browser.findElement(By.id("add-user-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("people-message"), "Added erin (editor)"));
        assertThat(new Select(userRow("erin").findElement(By.tagName("select"))).getFirstSelectedOption().getText())
                .isEqualTo("editor");

        ChromeDriver erin = newBrowser(); // a second browser session, logged in as the new user
        WebDriverWait erinWaits = Browser.waiting(erin, WAIT);
        Browser.logIn(erin, erinWaits, mesh.console.url(), "erin", "erin-password");
        assertThat(erin.findElement(By.id("whoami")).getText()).isEqualTo("erin (editor)");
        assertThat(erin.findElement(By.id("nav-people")).isDisplayed()).isFalse();
        erin.get(mesh.console.url() + "#/service/" + Mesh.SERVICE + "/rules/security");
        // typed before the editor has loaded, the text would be replaced by the empty rule's form
        erinWaits.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rule-revision"), "No rule yet"));
        Browser.type(erinWaits.until(ExpectedConditions.elementToBeClickable(By.id("rule-json"))), Mesh.DENY_NOBODY);
        erinWaits.until(d -> {
            d.findElement(By.id("save-rule")).click();
            return true;
        });
        erinWaits.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rule-message"), "Saved"));
        assertThat(mesh.registry.getRule(Mesh.SERVICE, "security").orElseThrow().json()).isEqualTo(Mesh.DENY_NOBODY);

        JsonNode entries = ConsoleClient.loggedIn(mesh.console).get("/api/audit").json().path("entries");
        assertThat(entries.get(0).path("user").asText()).isEqualTo("erin");
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.path("action").asText()).isEqualTo("add-user");
            assertThat(e.path("target").asText()).isEqualTo("erin");
            assertThat(e.path("user").asText()).isEqualTo("admin");
        });
    }

    @Test
    void tokenCreatedOnThePeoplePageWorksAsBearerUntilRevokedThere() throws IOException {
        ConsoleClient admin = ConsoleClient.loggedIn(mesh.console);
        String readOnly = admin.send("POST", "/api/tokens", "{\"name\":\"grafana-read\",\"role\":\"viewer\"}", null)
                .json().path("token").asText();
        assertThat(ConsoleClient.withToken(mesh.console, readOnly).get("/api/services").status()).isEqualTo(200);
        Browser.logIn(browser, wait, mesh.console.url(), Mesh.PASSWORD);
        openPeople();
        wait.until(d -> !tokenRow("grafana-read").findElement(By.cssSelector("td:nth-child(4)")).getText().equals("—"));

        Browser.type(browser.findElement(By.id("new-token-name")), "ci-deploy");
        new Select(browser.findElement(By.id("new-token-role"))).selectByVisibleText("editor");
        browser.findElement(By.id("create-token")).click();
        String secret = wait.until(d -> {
            String text = d.findElement(By.id("secret-value")).getText();
            return text.startsWith("weft_") ? text : null;
        });
        wait.until(d -> tokenRow("ci-deploy").getText().contains("editor"));
        browser.manage().window().setSize(new Dimension(1360, 1150)); // the token list too
        Browser.saveScreenshot(browser, "console-people.png");

        ConsoleClient token = ConsoleClient.withToken(mesh.console, secret);
        assertThat(token.get("/api/services").status()).isEqualTo(200);
        assertThat(admin.get("/api/tokens").raw().body()).contains("ci-deploy").doesNotContain(secret);

        tokenRow("ci-deploy").findElement(By.className("revoke-token")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("people-message"), "Revoked token ci-deploy"));
        assertThat(browser.findElements(By.cssSelector("#tokens tr.token[data-name='ci-deploy']"))).isEmpty();

        assertThat(token.get("/api/services").status()).isEqualTo(401);
        assertThat(ConsoleClient.withToken(mesh.console, readOnly).get("/api/services").status()).isEqualTo(200);
    }

    @Test
    void generatedPasswordIsShownOnceLogsInWithTheRoleChosenThereUntilTheUserIsDeletedThere() {
        Browser.logIn(browser, wait, mesh.console.url(), Mesh.PASSWORD);
        openPeople();
        WebElement self = userRow("admin");
        assertThat(self.findElements(By.className("delete-user"))).isEmpty(); // not yourself
        assertThat(self.findElements(By.tagName("select"))).isEmpty();
        Browser.type(browser.findElement(By.id("new-user-name")), "temp");
        browser.findElement(By.id("new-user-generate")).click();
        browser.findElement(By.id("add-user-button")).click();
        String password = wait.until(d -> {
            List<WebElement> shown = d.findElements(By.id("secret-value"));
            return shown.isEmpty() || shown.get(0).getText().isEmpty() ? null : shown.get(0).getText();
        });
        ConsoleClient temp = new ConsoleClient(mesh.console);
        assertThat(temp.login("temp", password).status()).isEqualTo(200);
        assertThat(temp.get("/api/session").json().path("role").asText()).isEqualTo("viewer");

        new Select(userRow("temp").findElement(By.tagName("select"))).selectByVisibleText("editor");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("people-message"), "temp is now editor"));
        assertThat(temp.get("/api/session").json().path("role").asText()).isEqualTo("editor"); // at once
        userRow("temp").findElement(By.className("delete-user")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("people-message"), "Deleted temp"));

        assertThat(temp.get("/api/services").status()).isEqualTo(401);
        assertThat(new ConsoleClient(mesh.console).login("temp", password).status()).isEqualTo(401);
    }

    @Test
    void viewerWhoOpensThePeopleAddressSeesTheRefusalAndNoLink() {
        Browser.logIn(browser, wait, mesh.console.url(), "vera", "viewer-password");
        assertThat(browser.findElement(By.id("nav-people")).isDisplayed()).isFalse();
        browser.get(mesh.console.url() + "#/people");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("people-message"), "needs the admin role"));
        assertThat(browser.findElements(By.cssSelector("#users tr.user"))).isEmpty();
    }

    private void openPeople() {
        WebElement link = browser.findElement(By.id("nav-people"));
        assertThat(link.isDisplayed()).isTrue();
        link.click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#users tr.user[data-user='admin']")));
    }

    private WebElement userRow(String name) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#users tr.user[data-user='" + name + "']")));
    }

    private WebElement tokenRow(String name) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#tokens tr.token[data-name='" + name + "']")));
    }
}
