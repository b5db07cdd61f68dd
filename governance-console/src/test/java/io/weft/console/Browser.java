package io.weft.console;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through the system chromedriver (never a downloaded one). Fails,
 * rather than skips, when either is missing.
 */
final class Browser {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Browser() {
    }

    static ChromeDriver start(Path profile) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("the console's browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install -y chromium chromium-driver");
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(System.err)
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1360,1000", "--user-data-dir=" + profile.toAbsolutePath());
        return new ChromeDriver(service, options);
    }

    static Path freshProfile() {
        try {
            return Files.createTempDirectory(Path.of(new File("target").getAbsolutePath()), "chromium-profile-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A bounded wait that looks again when a live re-render replaced what it found. */
    static WebDriverWait waiting(ChromeDriver browser, Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Opens {@code url}, logs in with {@code password} and waits for the services page. */
    static void logIn(ChromeDriver browser, WebDriverWait wait, String url, String password) {
        logIn(browser, wait, url, "admin", password);
    }

    /** Opens {@code url}, logs in as {@code user} and waits for the services page. */
    static void logIn(ChromeDriver browser, WebDriverWait wait, String url, String user, String password) {
        browser.get(url);
        type(wait.until(ExpectedConditions.elementToBeClickable(By.id("username"))), user);
        type(wait.until(ExpectedConditions.elementToBeClickable(By.id("password"))), password);
        wait.until(d -> {
            d.findElement(By.id("login-button")).click();
            return true;
        });
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("services")));
    }

    /** Replaces what {@code input} holds with {@code text}. */
    static void type(WebElement input, String text) {
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(text);
    }

    /**
     * Saves what the browser shows to target/{name}; with {@code -Dweft.console.update-screenshot=true} also to
     * docs/{name} (the README's picture), so ordinary runs leave the tree clean.
     */
    static void saveScreenshot(ChromeDriver browser, String name) throws IOException {
        Path docs = Path.of("").toAbsolutePath().getParent().resolve("docs");
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        if (Boolean.getBoolean("weft.console.update-screenshot") && Files.isDirectory(docs)) {
            Files.copy(shot, docs.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.copy(shot, Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }
}
