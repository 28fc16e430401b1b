package dk.ledgerline.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A test class that drives one real Chromium for all its tests: started before the first, closed after the last. */
abstract class BrowserTest {
    protected static Browser browser;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) browser.close();
        browser = null;
    }
}
