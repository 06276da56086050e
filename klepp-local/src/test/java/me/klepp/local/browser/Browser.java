package me.klepp.local.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver, for one test class: register it with
 * {@code @RegisterExtension static final Browser browser = new Browser(...)}. The class is skipped (not failed),
 * with a reason naming the packages, where they are not installed. When a test fails, the failure message carries the browser's console log
 * and the page's state, since a screenshot of a headless page says little about a media element.
 *
 * <p>Selenium is pointed at both executables, so Selenium Manager never runs (it would try to download a
 * driver). The flags keep Chromium off the network it would otherwise call home to, and let a muted video play
 * without a user gesture.
 */
final class Browser implements ExecutionCondition, BeforeAllCallback, AfterAllCallback, TestExecutionExceptionHandler {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private final String pageStateScript;

	private Path profile;

	private ChromeDriver driver;

	/**
	 * @param pageStateScript JavaScript returning a string that describes what the page knows (run on failure)
	 */
	Browser(String pageStateScript) {
		this.pageStateScript = pageStateScript;
	}

	/**
	 * Skips the whole class, before its {@code @BeforeAll} starts anything, where the browser is not installed; a
	 * disabled class is reported with this reason, where a failed assumption in {@code beforeAll} is not.
	 */
	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)
				? ConditionEvaluationResult.enabled("Debian's chromium and chromium-driver are installed")
				: ConditionEvaluationResult.disabled("browser tests need Debian's chromium and chromium-driver ("
						+ CHROMIUM + ", " + CHROMEDRIVER + "): apt-get install -y chromium chromium-driver (.ci/run does)");
	}

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
		profile = Files.createTempDirectory("klepp-chromium-");
		var options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
				"--autoplay-policy=no-user-gesture-required", "--user-data-dir=" + profile);
		var logging = new LoggingPreferences();
		logging.enable(LogType.BROWSER, Level.ALL);
		options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
		var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.withLogFile(new File("target/chromedriver.log"))
			.build();
		driver = new ChromeDriver(service, options);
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		if (driver != null) {
			driver.quit();
			driver = null;
		}
		if (profile != null) {
			try (Stream<Path> files = Files.walk(profile)) {
				files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
			}
		}
	}

	void open(String url) {
		driver.get(url);
	}

	/** Runs {@code script} in the page and returns its result (strings, numbers, booleans, lists, maps). */
	Object script(String script, Object... args) {
		return ((JavascriptExecutor) driver).executeScript(script, args);
	}

	@Override
	public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
		if (failure instanceof TestAbortedException || driver == null) {
			throw failure;
		}
		var readable = new AssertionError(failure.getMessage() + "\n" + dump(), failure);
		readable.setStackTrace(failure.getStackTrace());
		throw readable;
	}

	/** The console log so far and the page's state, for failure messages. */
	String dump() {
		String console;
		try {
			console = driver.manage()
				.logs()
				.get(LogType.BROWSER)
				.getAll()
				.stream()
				.map(entry -> entry.getLevel() + " " + entry.getMessage())
				.collect(Collectors.joining("\n"));
		}
		catch (RuntimeException e) {
			console = "(could not read the console log: " + e + ")";
		}
		String state;
		try {
			state = driver.getCurrentUrl() + "\n" + script(pageStateScript);
		}
		catch (RuntimeException e) {
			state = "(could not read the page state: " + e + ")";
		}
		return "--- browser console ---\n" + console + "\n--- page state ---\n" + state
				+ "\n--- (chromedriver's log: klepp-local/target/chromedriver.log) ---";
	}

}
