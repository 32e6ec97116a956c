package nl.wams.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) for browser
 * tests, with an accessibility check (axe-core, WCAG 2.1 A and AA) and screenshots. Without
 * Chromium the tests are skipped and say why; with {@code WAMS_REQUIRE_BROWSER=1} (CI sets it) a
 * missing browser fails them instead.
 */
public final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** Where screenshots of the screens go (they illustrate the README). */
    public static final Path SCREENSHOTS = Path.of("../docs/screenshots");

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /**
     * A fresh browser (its own cookies), downloads into {@code downloads}. Skips the test when
     * Chromium is not installed, unless the environment demands a browser.
     */
    public static Browser start(Path downloads) {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!present && "1".equals(System.getenv("WAMS_REQUIRE_BROWSER"))) {
            throw new IllegalStateException(
                    "browser tests need " + CHROMIUM + " and " + DRIVER
                            + " (Debian packages chromium and chromium-driver); WAMS_REQUIRE_BROWSER=1 does not allow skipping");
        }
        Assumptions.assumeTrue(
                present,
                "SKIPPED browser tests: " + CHROMIUM + " or " + DRIVER
                        + " is missing (apt-get install chromium chromium-driver; .ci/run installs them)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--window-size=1280,1100",
                "--lang=nl-NL",
                "--disable-gpu");
        // The demo's certificates come from the demo CA, which this browser profile does not know.
        options.setAcceptInsecureCerts(true);
        options.setExperimentalOption(
                "prefs",
                Map.of(
                        "download.default_directory",
                        downloads.toAbsolutePath().toString(),
                        "download.prompt_for_download",
                        false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Zero axe-core violations at WCAG 2.1 A and AA on the page as it is now. */
    public void accessible() {
        Results results = new AxeBuilder()
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze(driver);
        List<Rule> violations = results.getViolations();
        assertThat(violations)
                .as(() -> driver.getCurrentUrl() + ": "
                        + violations.stream()
                                .map(v -> v.getId() + " (" + v.getNodes().size() + "x): " + v.getHelp())
                                .collect(Collectors.joining("; ")))
                .isEmpty();
    }

    /** Saves the page as {@code docs/screenshots/<name>.png}. */
    public void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
