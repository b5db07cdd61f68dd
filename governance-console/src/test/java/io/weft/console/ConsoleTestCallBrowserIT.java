package io.weft.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.RegistryAddress;
import io.weft.WeftConfig;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A test call from the service page in a real headless Chromium, to a real provider on a real ZooKeeper. */
class ConsoleTestCallBrowserIT {
    private static Mesh mesh;
    private static GovernanceConsole console;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        mesh = new Mesh();
        mesh.provider("stable");
        console = GovernanceConsole.start(RegistryAddress.parse(mesh.address()), WeftConfig.empty(),
                new ConsoleOptions("127.0.0.1", 0, Mesh.PASSWORD, false, ConsoleOptions.DEFAULT_STALE_AFTER));
    }

    @AfterAll
    static void stop() throws Exception {
        console.close();
        mesh.close();
    }

    @BeforeEach
    void startBrowser() {
        browser = Browser.start(Browser.freshProfile());
        wait = Browser.waiting(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void stopBrowser() {
        browser.quit();
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
