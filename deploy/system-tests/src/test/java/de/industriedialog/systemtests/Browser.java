package de.industriedialog.systemtests;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}),
 * driven through Selenium. Tests using it are skipped where Chromium is not installed;
 * {@code .ci/run} installs it.
 */
final class Browser implements AutoCloseable {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private final ChromeDriver driver;

	private final Path profile;

	private Browser(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	static Browser headlessChromium() throws IOException {
		return headlessChromium("1280,900");
	}

	/**
	 * A phone's viewport (390 × 844 CSS pixels, touch), as pupils use: emulated, because
	 * a headless window does not get narrower than about 500 pixels.
	 */
	static Browser phoneSizedChromium() throws IOException {
		return headlessChromium("390,844",
				Map.of("deviceMetrics", Map.of("width", 390, "height", 844, "pixelRatio", 2.0, "touch", true)));
	}

	private static Browser headlessChromium(String windowSize) throws IOException {
		return headlessChromium(windowSize, null);
	}

	private static Browser headlessChromium(String windowSize, Map<String, Object> mobileEmulation) throws IOException {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"Chromium is not installed (apt-get install chromium chromium-driver)");
		Path profile = Files.createTempDirectory("chromium-profile");
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
					"--disable-sync", "--window-size=" + windowSize, "--lang=de-DE", "--user-data-dir=" + profile);
		if (mobileEmulation != null) {
			options.setExperimentalOption("mobileEmulation", mobileEmulation);
		}
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(CHROMEDRIVER.toString()))
			.build();
		return new Browser(new ChromeDriver(service, options), profile);
	}

	void open(String url) {
		this.driver.get(url);
	}

	void waitUntilVisible(String id) {
		wait(Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
	}

	void waitUntilValueIsNotEmpty(String id) {
		wait(Duration.ofSeconds(20))
			.until((driver) -> !driver.findElement(By.id(id)).getDomProperty("value").isEmpty());
	}

	void waitUntilUrlIs(String url) {
		wait(Duration.ofSeconds(20)).until(ExpectedConditions.urlToBe(url));
	}

	void waitUntilTextContains(String id, String text) {
		wait(Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
	}

	/**
	 * Waits until the element's text is exactly {@code text}, e.g. a figure a live update
	 * changes; {@code timeout} is how long that may take end to end.
	 */
	void waitUntilTextIs(String id, String text, Duration timeout) {
		wait(timeout).until(ExpectedConditions.textToBe(By.id(id), text));
	}

	/** Waits until the element's text no longer is {@code text}, e.g. a placeholder. */
	void waitUntilTextIsNot(String id, String text) {
		wait(Duration.ofSeconds(20)).until((driver) -> !driver.findElement(By.id(id)).getText().equals(text));
	}

	/**
	 * Waits until an element matching the selector has the attribute containing the text.
	 */
	void waitUntilAttributeContains(String cssSelector, String name, String fraction) {
		wait(Duration.ofSeconds(20)).until((driver) -> driver.findElements(By.cssSelector(cssSelector))
			.stream()
			.anyMatch((element) -> String.valueOf(element.getDomAttribute(name)).contains(fraction)));
	}

	/** The attribute as written in the page (an {@code href} stays relative). */
	String attribute(String cssSelector, String name) {
		return this.driver.findElement(By.cssSelector(cssSelector)).getDomAttribute(name);
	}

	void waitUntilUrlContains(String fraction) {
		wait(Duration.ofSeconds(20)).until(ExpectedConditions.urlContains(fraction));
	}

	void waitUntilCount(String cssSelector, int count) {
		wait(Duration.ofSeconds(20))
			.until((driver) -> driver.findElements(By.cssSelector(cssSelector)).size() == count);
	}

	String url() {
		return this.driver.getCurrentUrl();
	}

	/** Runs a script in the page and returns its result. */
	Object script(String script, Object... arguments) {
		return this.driver.executeScript(script, arguments);
	}

	/** Types into a field and presses Enter, as a hardware QR scanner does. */
	void typeAndPressEnter(String id, String text) {
		WebElement field = this.driver.findElement(By.id(id));
		field.clear();
		field.sendKeys(text, org.openqa.selenium.Keys.ENTER);
	}

	/** The viewport width in CSS pixels and whether the page scrolls sideways. */
	boolean scrollsSideways() {
		return (Boolean) this.driver
			.executeScript("return document.documentElement.scrollWidth > document.documentElement.clientWidth");
	}

	int count(String cssSelector) {
		return this.driver.findElements(By.cssSelector(cssSelector)).size();
	}

	void click(String cssSelector) {
		this.driver.findElement(By.cssSelector(cssSelector)).click();
	}

	void selectByText(String id, String text) {
		new org.openqa.selenium.support.ui.Select(this.driver.findElement(By.id(id))).selectByVisibleText(text);
	}

	/**
	 * Sets a value as a script would: date and time inputs take keys differently per
	 * locale.
	 */
	void setValue(String id, String value) {
		this.driver.executeScript("document.getElementById(arguments[0]).value = arguments[1]", id, value);
	}

	void click(By by) {
		this.driver.findElement(by).click();
	}

	void select(String id, String value) {
		new org.openqa.selenium.support.ui.Select(this.driver.findElement(By.id(id))).selectByValue(value);
	}

	/**
	 * Clicks the button with this label in the list item that mentions {@code itemText}.
	 */
	void clickInItem(String listId, String itemText, String buttonLabel) {
		wait(Duration.ofSeconds(20)).until((driver) -> {
			for (WebElement item : driver.findElement(By.id(listId)).findElements(By.tagName("li"))) {
				if (item.getText().contains(itemText)) {
					for (WebElement button : item.findElements(By.tagName("button"))) {
						if (button.getText().equals(buttonLabel)) {
							button.click();
							return true;
						}
					}
				}
			}
			return false;
		});
	}

	String text(String id) {
		return this.driver.findElement(By.id(id)).getText();
	}

	String pageText() {
		return this.driver.findElement(By.tagName("body")).getText();
	}

	/** The data cells of the table row whose header cell reads {@code rowHeader}. */
	List<String> rowCells(String tableId, String rowHeader) {
		for (WebElement row : this.driver.findElement(By.id(tableId)).findElements(By.tagName("tr"))) {
			List<WebElement> headers = row.findElements(By.tagName("th"));
			if (!headers.isEmpty() && headers.get(0).getText().equals(rowHeader)) {
				return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
			}
		}
		throw new AssertionError("no row '" + rowHeader + "' in table " + tableId);
	}

	void type(String id, String text) {
		WebElement field = this.driver.findElement(By.id(id));
		field.clear();
		field.sendKeys(text);
	}

	void submit(String id) {
		this.driver.findElement(By.id(id)).submit();
	}

	void screenshot(Path file) throws IOException {
		Files.createDirectories(file.getParent());
		Files.write(file, ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.BYTES));
	}

	/**
	 * A wait that also retries when the page re-rendered the element it was reading: the
	 * check-in list is redrawn after every scan, so an element found a moment ago may be
	 * gone (a click on a stale element did not happen, so retrying it is safe).
	 */
	private WebDriverWait wait(Duration timeout) {
		WebDriverWait wait = new WebDriverWait(this.driver, timeout);
		wait.ignoring(StaleElementReferenceException.class);
		return wait;
	}

	@Override
	public void close() throws IOException {
		this.driver.quit();
		try (var files = Files.walk(this.profile)) {
			files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
	}

}
