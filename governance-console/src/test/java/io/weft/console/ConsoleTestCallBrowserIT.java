package io.weft.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A test call from the service page in a real headless Chromium, to a real provider on a real ZooKeeper. */
class ConsoleTestCallBrowserIT extends BrowserTestBase {
    @RegisterExtension
    static final Mesh mesh = Mesh.perClass();
    private static GovernanceConsole console;

    @BeforeAll
    static void start() {
        mesh.provider("stable");
        console = mesh.consoleOnTheAddress();
    }

    @Test
    void testCallFromTheServicePageReturnsTheGreetingWithStatusAndLatency() {
        Browser.logIn(browser, wait, console.url(), Mesh.PASSWORD);
        browser.get(console.url() + "#/service/" + Mesh.SERVICE);
        wait.until(d -> {
            d.findElement(By.cssSelector("#methods tr[data-method='echo'] a.try-method")).click();
            return true;
        });
        Browser.type(wait.until(ExpectedConditions.elementToBeClickable(By.id("call-arguments"))), "[\"Ada\"]");
        browser.findElement(By.id("call-button")).click();

        wait.until(ExpectedConditions.textToBe(By.id("call-status"), "OK"));
        assertThat(browser.findElement(By.id("call-result")).getText()).isEqualTo("\"stable: Ada\"");
        assertThat(browser.findElement(By.id("call-latency")).getText()).matches("\\d+(\\.\\d)? ms");
    }
}
