package fr.adminteleservices.browser;

import static org.assertj.core.api.Assertions.assertThat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.adminteleservices.support.CamundaWebapps;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a person clicks, in Debian's headless Chromium driven by its chromedriver (never a downloaded
 * browser): one browser per test class, signed out before each test, and the gestures tests share.
 */
abstract class BrowserTest {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Duration WAIT = Duration.ofSeconds(10);

    static ChromeDriver driver;
    static Path profile;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startChromium() throws IOException {
        // CI installs both: a missing browser is a failure, never a silent skip
        assertTrue(Files.isExecutable(Path.of(CHROMIUM)), CHROMIUM + " is missing: install Debian's browser with "
                + "'apt-get install -y chromium chromium-driver' to run the browser tests.");
        assertTrue(Files.isExecutable(Path.of(CHROMEDRIVER)), CHROMEDRIVER + " is missing: install Debian's driver with "
                + "'apt-get install -y chromium chromium-driver' to run the browser tests.");
        profile = Files.createTempDirectory("chromium-profile-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1366,900", "--user-data-dir=" + profile);
        // the driver is given, so Selenium Manager never tries to download one
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void quitChromium() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Each test starts signed out, with an empty cookie jar. */
    @BeforeEach
    void signedOut() {
        CamundaWebapps.ensureStarted();
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        driver.get("about:blank");
    }

    /** The page as a phone of this width shows it (the viewport, not the window: headless windows have a minimum). */
    void phone(int width) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", 844, "deviceScaleFactor", 1, "mobile", true));
    }

    /** The page's width in CSS pixels and its scrolling width: equal when nothing sticks out sideways. */
    long[] widths() {
        Object w = driver.executeScript("return [document.documentElement.clientWidth, document.documentElement.scrollWidth];");
        List<?> both = (List<?>) w;
        return new long[] {((Number) both.get(0)).longValue(), ((Number) both.get(1)).longValue()};
    }

    /** Signs in through the log-in page, as a person types. */
    void logIn(String user, String password) {
        open("/login");
        waitForHeading("Se connecter à Admin Téléservices");
        type(By.id("username"), user);
        type(By.id("password"), password);
        clickButton("Se connecter");
        waitFor(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    /** The demo users' password is their log-in. */
    void logIn(String demoUser) {
        logIn(demoUser, demoUser);
    }

    void open(String path) {
        driver.get(url(path));
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    <T> T waitFor(Function<? super WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    /** Waits for the new page's h1: the old page's element goes stale, so this also waits for the navigation. */
    void waitForHeading(String text) {
        waitFor(ExpectedConditions.textToBe(By.tagName("h1"), text));
    }

    String main() {
        return driver.findElement(By.tagName("main")).getText();
    }

    void type(By field, String text) {
        WebElement input = waitFor(ExpectedConditions.elementToBeClickable(field));
        input.clear();
        input.sendKeys(text);
    }

    /**
     * Types a date into a date input as a person does: Chromium takes the day, month and year in the order of its
     * locale; should the order guessed from navigator.language be wrong, the value is set as the date picker does.
     */
    void typeDate(By field, LocalDate date) {
        WebElement input = waitFor(ExpectedConditions.elementToBeClickable(field));
        String language = String.valueOf(driver.executeScript("return navigator.language"));
        String keys = language.equals("en-US")
                ? date.format(DateTimeFormatter.ofPattern("MMddyyyy"))
                : date.format(DateTimeFormatter.ofPattern("ddMMyyyy"));
        input.click();
        input.sendKeys(Keys.HOME);
        input.sendKeys(keys);
        if (!date.toString().equals(input.getDomProperty("value"))) {
            driver.executeScript("arguments[0].value = arguments[1];"
                    + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                    + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", input, date.toString());
        }
        assertThat(input.getDomProperty("value")).isEqualTo(date.toString());
    }

    void clickButton(String label) {
        waitFor(ExpectedConditions.elementToBeClickable(
                By.xpath("//button[normalize-space()=\"" + label + "\"]"))).click();
    }

    WebElement menuLink(String label) {
        return waitFor(ExpectedConditions.elementToBeClickable(By.xpath(
                "//nav[@aria-label=\"Menu de l'établissement\"]//a[span[1][normalize-space()=\"" + label + "\"]]")));
    }

    /** With -Dscreenshots=DIR, keeps a picture of the page (to look at the screens; nothing is checked on it). */
    void screenshot(String name) {
        String dir = System.getProperty("screenshots");
        if (dir == null) {
            return;
        }
        try {
            Files.createDirectories(Path.of(dir));
            Files.write(Path.of(dir, name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
