package io.weft.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The per-test part of the console's browser ITs: before each test a fresh headless Chromium ({@link #browser},
 * logged out, a profile of its own) and a bounded {@link #wait} on it; after each test, that browser and every
 * other one the test opened with {@link #newBrowser()} quit. The class-wide part, the ZooKeeper and the console,
 * is a {@link Mesh} on a static field of the subclass.
 */
abstract class BrowserTestBase {
    /** How long a wait looks again: pages re-render on live registry events and on status heartbeats. */
    static final Duration WAIT = Duration.ofSeconds(30);

    private final List<ChromeDriver> browsers = new ArrayList<>();
    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeEach
    final void startBrowser() {
        browser = newBrowser();
        wait = Browser.waiting(browser, WAIT);
    }

    @AfterEach
    final void quitBrowsers() {
        browsers.forEach(ChromeDriver::quit);
        browsers.clear();
    }

    /** Another browser session (its own profile and cookies), quit after the test. */
    ChromeDriver newBrowser() {
        ChromeDriver driver = Browser.start(Browser.freshProfile());
        browsers.add(driver);
        return driver;
    }
}
