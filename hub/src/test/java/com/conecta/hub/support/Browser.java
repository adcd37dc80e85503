package com.conecta.hub.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's Chromium driven headless through its chromedriver; nothing is downloaded. */
public final class Browser {
  /** The HTML5 drag and drop a person's mouse makes, as the browser's own events (WebDriver's drag does not fire them). */
  private static final String DRAG = """
      const [card, target] = arguments; const dt = new DataTransfer();
      card.dispatchEvent(new DragEvent('dragstart', {bubbles: true, cancelable: true, dataTransfer: dt}));
      target.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: dt}));
      target.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: dt}));
      card.dispatchEvent(new DragEvent('dragend', {bubbles: true, dataTransfer: dt}));""";
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private Browser() {}

  /** A headless Chromium, or the test is skipped with the reason when this machine has none. */
  public static WebDriver start() {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
        "skipped: Debian's chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver)");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1400,900",
        "--disable-dev-shm-usage", "--lang=es");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().implicitlyWait(Duration.ZERO);
    return driver;
  }

  /** Types the email and password into the sign-in form the page shows, and submits it. */
  public static void signIn(WebDriver driver, WebDriverWait wait, String email, String password) {
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-email"))).sendKeys(email);
    driver.findElement(By.id("login-password")).sendKeys(password);
    driver.findElement(By.id("login-submit")).click();
  }

  /**
   * Opens the web inbox at {@code baseUrl} with its own language switch set to Spanish, whatever the browser's
   * language, and answers a wait of {@code timeout} on that window.
   */
  public static WebDriverWait openInSpanish(WebDriver driver, String baseUrl, Duration timeout) {
    WebDriverWait wait = new WebDriverWait(driver, timeout);
    driver.get(baseUrl + "/");
    ((JavascriptExecutor) driver).executeScript("localStorage.setItem('conecta.lang', 'es')");
    driver.navigate().refresh();
    return wait;
  }

  /** Saves a PNG under target/screenshots. */
  public static void screenshot(WebDriver driver, String name) {
    try {
      Path dir = Path.of("target", "screenshots");
      Files.createDirectories(dir);
      Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (Exception e) {
      throw new IllegalStateException("screenshot failed", e);
    }
  }

  /**
   * Drags the card onto the target (a board's column or cell). Boards redraw themselves when events arrive, so both are
   * found again when a redraw replaced them between finding and dragging (the script runs only on live elements).
   */
  public static void drag(WebDriverWait wait, By card, By target) {
    wait.until(d -> {
      try {
        ((JavascriptExecutor) d).executeScript(DRAG, d.findElement(card), d.findElement(target));
        return true;
      } catch (StaleElementReferenceException | NoSuchElementException e) {
        return false;
      }
    });
  }

  /** Clicks the element, found again when a live redraw replaced it before the click. */
  public static void click(WebDriverWait wait, By locator) {
    wait.until(d -> {
      try {
        d.findElement(locator).click();
        return true;
      } catch (StaleElementReferenceException | NoSuchElementException e) {
        return false;
      }
    });
  }

  /** The element's text, read again when a live redraw replaced the element meanwhile. */
  public static String text(WebDriverWait wait, By locator) {
    return wait.until(d -> {
      try {
        return d.findElement(locator).getText();
      } catch (StaleElementReferenceException | NoSuchElementException e) {
        return null;
      }
    });
  }

  /**
   * The error shown beside a field of a form or dialog (its id; empty for the page's only form), once there is one:
   * the forms write it after the server answered, and may draw the form again meanwhile.
   */
  public static String fieldError(WebDriverWait wait, String form, String field) {
    By error = By.cssSelector((form.isEmpty() ? "" : "#" + form + " ") + ".field[data-field='" + field + "'] .field-error");
    return wait.until(d -> {
      try {
        String text = d.findElement(error).getText();
        return text.isBlank() ? null : text;
      } catch (StaleElementReferenceException | NoSuchElementException e) {
        return null;
      }
    });
  }
}
