package dk.ledgerline.web;

import dk.ledgerline.identity.AuthenticationFilter;
import dk.ledgerline.testing.TestApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium driving the real app, shared by the tests of one class (starting
 * Chrome costs about two seconds). Actions wait for the page they cause, so tests read top to bottom.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Pages answer in milliseconds here; ten seconds means broken, not slow. */
    static final Duration WAIT = Duration.ofSeconds(10);
    /** Selenium polls every 500 ms by default: half a second lost on every page of a test. */
    static final Duration POLL = Duration.ofMillis(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final ChromeDriver driver;
    private final Path profile;
    private final String baseUrl;

    private Browser(ChromeDriver driver, Path profile, String baseUrl) {
        this.driver = driver;
        this.profile = profile;
        this.baseUrl = baseUrl;
    }

    /** Fails (never skips) when Chromium is missing: a browser test that silently does not run proves nothing. */
    static Browser start() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new AssertionError(CHROMIUM + " or " + CHROMEDRIVER + " is missing: run bin/install-test-deps "
                    + "(it installs Debian's chromium and chromium-driver) before the browser tests");
        }
        String baseUrl = TestApp.get().baseUrl();
        try {
            Path profile = Files.createTempDirectory("ledgerline-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
            options.addArguments("--window-size=1280,900");
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(WAIT);
            return new Browser(driver, profile, baseUrl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    String path() {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    String pathAndQuery() {
        URI uri = URI.create(driver.getCurrentUrl());
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The text of the one element the selector finds; fails when there is none. */
    String text(String css) {
        List<String> texts = texts(css);
        if (texts.isEmpty()) throw new AssertionError("no element matches " + css + " on " + pathAndQuery());
        return texts.getFirst();
    }

    /** The cells' texts of each row the selector finds, read in one round trip to compare a table in one assertion. */
    @SuppressWarnings("unchecked")
    List<List<String>> rows(String rowCss) {
        return (List<List<String>>) script("""
                return Array.from(document.querySelectorAll(arguments[0]))
                    .map(row => Array.from(row.querySelectorAll('td')).map(td => td.innerText.replace(/\\s+/g, ' ').trim()));""", rowCss);
    }

    /** The texts of every element the selector finds, whitespace folded as a reader sees it. */
    @SuppressWarnings("unchecked")
    List<String> texts(String css) {
        return (List<String>) script("return Array.from(document.querySelectorAll(arguments[0])).map(e => e.innerText.replace(/\\s+/g, ' ').trim());", css);
    }

    void type(String formCss, String name, String value) {
        WebElement input = find(formCss + " [name='" + name + "']");
        input.clear();
        input.sendKeys(value);
    }

    /**
     * Fills a form's fields in one round trip, firing the events typing would fire. Typing key by key
     * costs a round trip per field; the login test types for real, the other tests fill.
     */
    void fill(String formCss, Map<String, String> values) {
        Object missing = script("""
                const form = document.querySelector(arguments[0]);
                for (const [name, value] of Object.entries(arguments[1])) {
                  const field = form && form.elements.namedItem(name);
                  if (!field) return name;
                  field.value = value;
                  field.dispatchEvent(new Event('input', {bubbles: true}));
                  field.dispatchEvent(new Event('change', {bubbles: true}));
                  if (field.value !== value) return name + '=' + value;
                }
                return null;""", formCss, values);
        if (missing != null) throw new AssertionError("form " + formCss + " on " + pathAndQuery() + " cannot take " + missing);
    }

    /** Name-value pairs in the order given: filling "account" sets the VAT code, so a VAT code given after it wins. */
    static Map<String, String> fields(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) throw new IllegalArgumentException("fields come in name-value pairs");
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) fields.put(namesAndValues[i], namesAndValues[i + 1]);
        return fields;
    }

    /** Clicks and waits until the next page has replaced this one (a new document, or the request layer's new body). */
    void clickAndWaitForPage(String css) {
        WebElement page = driver.findElement(By.tagName("body"));
        find(css).click();
        waitForNewPage(page);
    }

    /** Submits a form whose answer is added to the page in place (the kassekladde's lines) and waits until {@code css} finds one more element. */
    void submitAndWaitForOneMore(String formCss, String css) {
        int before = all(css).size();
        find(formCss + " button[type='submit']").click();
        waitForCount(css, before + 1, WAIT);
    }

    /** Types into whatever has the focus, as a user at the keyboard does: focus moves as the page moves it. */
    void keys(CharSequence... keys) {
        new org.openqa.selenium.interactions.Actions(driver).sendKeys(keys).perform();
    }

    String focused() {
        return (String) script("const e = document.activeElement; return e ? (e.name || e.id || e.tagName) : null;");
    }

    void waitForCount(String css, int count, Duration timeout) {
        waiting(timeout).until(d -> d.findElements(By.cssSelector(css)).size() == count);
    }

    void submit(String formCss) {
        clickAndWaitForPage(formCss + " button[type='submit']");
    }

    /**
     * Waits until {@code previous} has left the document and the next page has loaded. While the old
     * page is being replaced, Chromium may answer about the node with an inspector error ("does not
     * belong to the document") instead of a stale-element error; both mean it is gone.
     */
    void waitForNewPage(WebElement previous) {
        waitForNewPage(previous, WAIT);
    }

    void waitForNewPage(WebElement previous, Duration timeout) {
        new WebDriverWait(driver, timeout, POLL).until(d -> {
            try {
                previous.isEnabled();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                return true;
            } catch (org.openqa.selenium.WebDriverException e) {
                if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) return true;
                throw e;
            }
        });
        new WebDriverWait(driver, WAIT, POLL).until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    WebElement waitUntilVisible(String css, Duration timeout) {
        return new WebDriverWait(driver, timeout, POLL).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    void waitUntilGone(String css) {
        new WebDriverWait(driver, WAIT, POLL).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(css), 0));
    }

    /** Where the tests leave their screenshots; the best are copied into docs/screenshots by hand. */
    static final Path SCREENSHOTS = Path.of(System.getProperty("ledgerline.test.screenshots", "target/screenshots"));

    /** The visible page as a PNG in {@link #SCREENSHOTS}, at a desktop size. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Chromium's own network switch (DevTools), as when the Wi-Fi drops: requests fail and the page hears "offline". */
    void offline(boolean offline) {
        var conditions = new org.openqa.selenium.chromium.ChromiumNetworkConditions();
        conditions.setOffline(offline);
        conditions.setLatency(Duration.ZERO);
        driver.setNetworkConditions(conditions);
    }

    WebDriverWait waiting(Duration timeout) {
        return new WebDriverWait(driver, timeout, POLL);
    }

    /** The browser's Back, waiting for the page it goes to. */
    void back() {
        WebElement page = driver.findElement(By.tagName("body"));
        driver.navigate().back();
        waitForNewPage(page);
    }

    /** How long WebDriver itself waits for a page to load (the layer's own deadline is what a test watches). */
    void pageLoadTimeout(Duration timeout) {
        driver.manage().timeouts().pageLoadTimeout(timeout);
    }

    void deleteCookie(String name) {
        driver.manage().deleteCookieNamed(name);
    }

    Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    /** A script that answers later: it calls the last argument with its result. */
    Object asyncScript(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeAsyncScript(javascript, arguments);
    }

    WebElement html() {
        return driver.findElement(By.tagName("html"));
    }

    /**
     * Starts a session as a user without the login page: the session cookie is the same signed token
     * the API hands out. The login page itself is tested on its own; here it would only cost time.
     */
    void signInAs(String apiToken) {
        open("/login");
        driver.manage().deleteAllCookies();
        driver.manage().addCookie(new Cookie(AuthenticationFilter.SESSION_COOKIE, apiToken, "/"));
    }

    void logIn(String email, String password) {
        open("/login");
        type("#login", "email", email);
        type("#login", "password", password);
        submit("#login");
    }

    /** Forgets the session, as a new browser would. */
    void forgetSession() {
        driver.manage().deleteAllCookies();
    }

    String sessionCookie() {
        Cookie cookie = driver.manage().getCookieNamed(AuthenticationFilter.SESSION_COOKIE);
        return cookie == null ? null : cookie.getValue();
    }

    /** A plain HTTP GET with this browser's session, for what a browser hides: the status code. */
    HttpResponse<String> getWithSession(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(WAIT)
                .header("Accept", "text/html")
                .header("Cookie", AuthenticationFilter.SESSION_COOKIE + "=" + sessionCookie())
                .GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The same for a file: its bytes as served (a PDF, say). */
    byte[] getBytesWithSession(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(WAIT)
                .header("Cookie", AuthenticationFilter.SESSION_COOKIE + "=" + sessionCookie())
                .GET().build();
        try {
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) throw new AssertionError(path + " answered " + response.statusCode() + ": " + new String(response.body()));
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp folder is harmless; failing the run over it is not.
        }
    }
}
