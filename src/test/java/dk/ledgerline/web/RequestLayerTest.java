package dk.ledgerline.web;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.identity.AuthenticationFilter;
import dk.ledgerline.ops.SpinnerSummary;
import dk.ledgerline.ops.Spinners;
import dk.ledgerline.testing.Api;
import dk.ledgerline.testing.Faults;
import dk.ledgerline.testing.TestApp;
import dk.ledgerline.testing.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * The pages' request layer in a real browser, against faults the test application injects: a
 * deadline that ends in a message and a Retry that posts once, a busy server retried by itself,
 * a lost connection, an expired session, and the spinner reports that reach the operators.
 */
class RequestLayerTest extends BrowserTest {
    /**
     * The layer, the charts (ECharts and our script that draws from the numbers the page carries) and the
     * kassekladde's grid, which submits its lines as forms through the layer: none makes a request of its own.
     * The one exception is documents.js, which sends a dropped file as a request's body (a form cannot) with
     * its own deadline and says what became of it; {@link VoucherDocumentsPageTest} covers it.
     */
    static final List<String> SCRIPTS_ALLOWED = List.of("/static/app.js", "/webjars/echarts/5.3.1/dist/echarts.min.js", "/static/charts.js",
            "/static/grid.js", "/static/documents.js");
    /** The layer's own deadline (app.js), and a margin for a slow machine to show the message. */
    static final Duration DEADLINE = Duration.ofSeconds(10);
    static final Duration MESSAGE_MARGIN = Duration.ofSeconds(3);

    @AfterEach
    void noFaultLeftArmed() {
        Faults.clear();
        browser.pageLoadTimeout(Browser.WAIT);
        browser.offline(false);
    }

    @Test
    void aPostingAnsweredPastItsDeadlineSaysSoInPlaceAndRetryPostsItExactlyOnceAndTheSpinnerIsReportedAsTheServers() {
        Tenant tenant = Tenant.create("QUARTER");
        String journal = journalWithOneLine(tenant, "Langsom");
        Faults.answerLate("/posting", DEADLINE.plusSeconds(4));

        long clicked = System.nanoTime();
        browser.find("#post-journal button").click();
        browser.waitUntilVisible(".request-state .spinner", Duration.ofSeconds(2));
        browser.screenshot("request-working");
        WebElement failed = browser.waitUntilVisible("#post-journal + .request-state[data-state='failed']", DEADLINE.plus(MESSAGE_MARGIN));
        Duration shownAfter = Duration.ofNanos(System.nanoTime() - clicked);

        assertThat(shownAfter).isBetween(DEADLINE.minusMillis(500), DEADLINE.plus(MESSAGE_MARGIN));
        assertThat(failed.getText()).startsWith("Det tog for lang tid (over 10 s), og vi ved ikke, om det blev gemt. Tryk Prøv igen: så bliver det aldrig gemt to gange.");
        assertThat(browser.path()).isEqualTo(journal);
        browser.screenshot("request-timed-out");

        // the late answer is still on its way; the retry carries the same key and gets the first posting's answer
        browser.clickAndWaitForPage("#post-journal + .request-state button.retry");

        assertThat(browser.path()).isEqualTo(journal);
        assertThat(browser.text("#posted")).isEqualTo("1 bilag er bogført: 2025/1");
        assertThat(browser.all("#post-journal button")).as("Bogfør is gone once the lines are posted").noneMatch(WebElement::isDisplayed);
        assertThat(tenant.api().get(tenant.path("/vouchers")).json().get("items").size()).isEqualTo(1);

        SpinnerSummary.Recent spinner = reportedSpinner(tenant, "post-journal", Duration.ofSeconds(15), r -> r.cause() == SpinnerSummary.Cause.SERVER);
        assertThat(spinner.outcome()).isEqualTo("timeout");
        assertThat(spinner.page()).isEqualTo("/companies/{id}/journals/{id}");
        assertThat(spinner.durationMs()).isBetween(DEADLINE.toMillis() - 100, DEADLINE.toMillis() + MESSAGE_MARGIN.toMillis());
        assertThat(spinner.serverMs()).isGreaterThanOrEqualTo(DEADLINE.toMillis());
    }

    @Test
    void aPostingWhoseAnswerIsLostOnTheWayIsSentAgainAndExistsOnceAndBackNeverOffersBogfor() {
        Tenant tenant = Tenant.create("QUARTER");
        String journal = journalWithOneLine(tenant, "Tabt svar");
        Faults.dropAnswer("/posting");
        Faults.watch("/posting");

        WebElement page = browser.find("body");
        browser.find("#post-journal button").click();
        // the connection broke after the posting was made: the layer sends again (same key) once it reaches the server
        browser.waitForNewPage(page, Duration.ofSeconds(15));

        assertThat(browser.path()).isEqualTo(journal);
        assertThat(browser.text("#posted")).isEqualTo("1 bilag er bogført: 2025/1");
        assertThat(Faults.posts("/posting")).as("the posting whose answer was lost, and the one sent again, with its key").hasSize(2).doesNotContain("none")
                .containsOnly(Faults.posts("/posting").getFirst());
        assertThat(tenant.api().get(tenant.path("/vouchers")).json().get("items").size()).isEqualTo(1);

        browser.back();
        assertThat(browser.path()).as("the journal page with its Bogfør was replaced by the posted one").isNotEqualTo(journal);
        assertThat(browser.all("#post-journal button")).as("the page Back shows offers no Bogfør").noneMatch(WebElement::isDisplayed);
    }

    @Test
    void aBusyServerIsRetriedByThePageItselfAndTheLineIsAddedOnce() {
        Tenant tenant = Tenant.create("QUARTER");
        String journal = openNewJournal(tenant, "Travlt");
        fillLine("2025-04-02", "Husleje april", "2030", "8000,00", "6480");
        Faults.refuse("/lines", 2, 1);
        Faults.watch("/lines");

        WebElement page = browser.find("body");
        browser.find("#add-line button[type='submit']").click();
        WebElement busy = browser.waitUntilVisible("#add-line + .request-state[data-state='busy']", Duration.ofSeconds(3));
        assertThat(busy.getText()).startsWith("Travlt — prøver igen om 1 s");
        browser.screenshot("request-busy");
        browser.waitForCount("#lines tbody tr", 1, Duration.ofSeconds(10));
        assertThat(page.isDisplayed()).as("the line was added in place").isTrue();

        assertThat(browser.path()).isEqualTo(journal);
        assertThat(browser.rows("#lines tbody tr")).extracting(row -> row.get(3)).containsExactly("Husleje april");
        assertThat(lines(tenant, journal)).isEqualTo(1);
        assertThat(Faults.posts("/lines")).as("two refused and the one taken, all with the form's one key").hasSize(3).doesNotContain("none")
                .containsOnly(Faults.posts("/lines").getFirst());
    }

    @Test
    void aLostConnectionShowsTheOfflineBannerAndTheLineIsSentWhenTheConnectionIsBack() {
        Tenant tenant = Tenant.create("QUARTER");
        String journal = openNewJournal(tenant, "Offline");
        fillLine("2025-04-03", "Kaffe", "2450", "120,00", "6480");

        browser.offline(true);
        WebElement page = browser.find("body");
        browser.find("#add-line button[type='submit']").click();
        WebElement banner = browser.waitUntilVisible("#offline", Duration.ofSeconds(5));
        assertThat(banner.getText()).isEqualTo("Ingen forbindelse. Det, du har sendt, sendes igen, så snart forbindelsen er tilbage.");
        assertThat(browser.text("#add-line + .request-state")).isEqualTo("Ingen forbindelse. Sendes igen, så snart forbindelsen er tilbage.");
        browser.screenshot("request-offline");
        assertThat(lines(tenant, journal)).as("nothing reached the server while offline").isZero();

        browser.offline(false);
        browser.waitForCount("#lines tbody tr", 1, Duration.ofSeconds(10));
        browser.waitUntilGone("#offline");
        assertThat(page.isDisplayed()).as("the line was added in place").isTrue();

        assertThat(browser.all("#offline")).isEmpty();
        assertThat(browser.rows("#lines tbody tr")).extracting(row -> row.get(3)).containsExactly("Kaffe");
        assertThat(lines(tenant, journal)).isEqualTo(1);
    }

    @Test
    void aSessionThatEndsMidEditLogsInAgainAndKeepsWhatWasTyped() {
        Tenant tenant = Tenant.create("QUARTER");
        browser.logIn(tenant.email(), tenant.password());
        browser.open("/companies/" + tenant.companyId() + "/journals");
        browser.fill("#new-journal", Browser.fields("name", "Udløbet"));
        browser.submit("#new-journal");
        String journal = browser.path();
        fillLine("2025-04-04", "Porto", "2450", "55,50", "6480");

        browser.deleteCookie(AuthenticationFilter.SESSION_COOKIE);
        browser.clickAndWaitForPage("#add-line button[type='submit']");

        assertThat(browser.path()).isEqualTo("/login");
        assertThat(browser.text("#login-to-continue")).isEqualTo("Log ind for at fortsætte, hvor du var.");
        browser.fill("#login", Browser.fields("email", tenant.email(), "password", tenant.password()));
        browser.submit("#login");

        assertThat(browser.path()).isEqualTo(journal);
        assertThat(browser.text("#add-line + .request-state")).startsWith("Det, du skrev, før du skulle logge ind igen, er sat ind igen.");
        assertThat(List.of("date", "text", "account", "amount", "contraAccount"))
                .map(name -> browser.find("#add-line [name='" + name + "']").getAttribute("value"))
                .containsExactly("04.04.2025", "Porto", "2450", "55,50", "6480");
        assertThat(lines(tenant, journal)).isZero();

        browser.submitAndWaitForOneMore("#add-line", "#lines tbody tr");
        assertThat(browser.rows("#lines tbody tr")).extracting(row -> row.get(3)).containsExactly("Porto");
    }

    @Test
    void theOperatorsPageShowsWhereSpinnersHappenWhomTheyHitAndWhy() {
        Tenant tenant = Tenant.create("QUARTER");
        String journal = openNewJournal(tenant, "Drift");
        fillLine("2025-04-05", "Telefon", "2450", "300,00", "6480");
        Faults.answerLate("/lines", Duration.ofMillis(1800));
        browser.submitAndWaitForOneMore("#add-line", "#lines tbody tr");
        assertThat(lines(tenant, journal)).isEqualTo(1);
        reportedSpinner(tenant, "add-line", Duration.ofSeconds(10), r -> r.cause() == SpinnerSummary.Cause.SERVER);

        Tenant operator = Tenant.create("QUARTER");
        assertThat(new Api(TestApp.get().baseUrl(), TestApp.OPS_TOKEN).put("/ops/v1/platform-operators/" + operator.email(), "").status()).isEqualTo(204);
        browser.signInAs(tenant.api().token());
        browser.open("/operators/spinners?window=1h");
        assertThat(browser.text("h1")).as("a company's owner is no platform operator").isEqualTo("Det har du ikke adgang til");

        browser.signInAs(operator.api().token());
        browser.open("/");
        browser.clickAndWaitForPage("#operators a");
        assertThat(browser.path()).isEqualTo("/operators/spinners");
        browser.clickAndWaitForPage(".windows a[href$='window=1h']");
        assertThat(browser.rows("#spinner-places tbody tr")).anySatisfy(row -> {
            assertThat(row.subList(0, 2)).containsExactly("/companies/{id}/journals/{id}", "add-line");
            assertThat(row.get(8)).isEqualTo("100 %");
        });
        assertThat(browser.find("#spinner-chart svg").isDisplayed()).isTrue();
        browser.screenshot("operators-spinners");
    }

    @Test
    void aPageThatDoesNotComeWithinItsDeadlineIsStoppedAndSaysSoAndRetryOpensIt() {
        Tenant tenant = Tenant.create("QUARTER");
        browser.signInAs(tenant.api().token());
        String dashboard = "/companies/" + tenant.companyId();
        browser.open(dashboard);
        Faults.answerPageLate(dashboard + "/vouchers", DEADLINE.plusSeconds(4));
        browser.pageLoadTimeout(DEADLINE.plus(MESSAGE_MARGIN).multipliedBy(2));

        long clicked = System.nanoTime();
        browser.find("nav.sections a[href$='/vouchers']").click();
        WebElement failed = browser.waitUntilVisible("#navigation-state[data-state='failed']", DEADLINE.plus(MESSAGE_MARGIN));
        Duration shownAfter = Duration.ofNanos(System.nanoTime() - clicked);

        assertThat(shownAfter).isBetween(DEADLINE.minusMillis(500), DEADLINE.plus(MESSAGE_MARGIN));
        assertThat(failed.getText()).startsWith("Siden svarede ikke inden for 10 s. Prøv igen om lidt.");
        assertThat(browser.path()).isEqualTo(dashboard);

        browser.clickAndWaitForPage("#navigation-state button.retry");
        assertThat(browser.path()).isEqualTo(dashboard + "/vouchers");
        assertThat(browser.all("#navigation-state")).isEmpty();

        // the stopped page load went out as the page was left; the server's own slow answer is found by user, page and time
        SpinnerSummary.Recent stopped = reportedSpinner(tenant, "open", Duration.ofSeconds(15),
                r -> r.outcome().equals("timeout") && r.cause() == SpinnerSummary.Cause.SERVER);
        assertThat(stopped.page()).isEqualTo("/companies/{id}/vouchers");
        assertThat(stopped.requestId()).startsWith("nav-");
        assertThat(stopped.serverMs()).isGreaterThanOrEqualTo(DEADLINE.toMillis());
    }

    @Test
    void aPageThatTookLongToComeIsReportedWithTheIdTheServerGaveItsRequest() {
        Tenant tenant = Tenant.create("QUARTER");
        browser.signInAs(tenant.api().token());
        browser.open("/companies/" + tenant.companyId());
        Faults.answerPageLate("/companies/" + tenant.companyId() + "/vouchers", Duration.ofMillis(1600));
        browser.clickAndWaitForPage("nav.sections a[href$='/vouchers']");
        String requestId = browser.find("meta[name='ledgerline-request-id']").getAttribute("content");
        browser.open("/companies/" + tenant.companyId()); // leaving the page sends what it has

        SpinnerSummary.Recent spinner = reportedSpinner(tenant, "open", Duration.ofSeconds(10),
                r -> r.page().equals("/companies/{id}/vouchers") && r.cause() == SpinnerSummary.Cause.SERVER);
        assertThat(spinner.requestId()).isEqualTo(requestId);
        assertThat(spinner.page()).isEqualTo("/companies/{id}/vouchers");
        assertThat(spinner.outcome()).isEqualTo("ok");
        assertThat(spinner.durationMs()).isGreaterThanOrEqualTo(1600);
    }

    @Test
    void everyPageSendsItsRequestsThroughTheLayerAndNoneWithoutIt() {
        Tenant tenant = Tenant.create("QUARTER");
        String journal = journalWithOneLine(tenant, "Rundtur");
        browser.submit("#post-journal");
        String base = "/companies/" + tenant.companyId();
        Set<String> pages = new LinkedHashSet<>(List.of("/", base, journal, base + "/vouchers/2025/1"));
        browser.open(base);
        browser.all("nav.sections a").forEach(a -> pages.add(java.net.URI.create(a.getAttribute("href")).getPath()));
        List<String> checked = new ArrayList<>();
        for (String path : pages) {
            browser.open(path);
            assertThat(browser.script("return typeof window.ledgerline")).as(path + " loads the request layer").isEqualTo("object");
            assertThat(browser.script("return Array.from(document.scripts).map(s => new URL(s.src, location.href).pathname)"))
                    .as(path + " runs no script but the layer and the charts (any other could make requests without a deadline)").asInstanceOf(
                            org.assertj.core.api.InstanceOfAssertFactories.LIST).startsWith("/static/app.js").isSubsetOf(SCRIPTS_ALLOWED);
            assertThat(browser.script("return performance.getEntriesByType('resource').filter(r => r.initiatorType === 'fetch' "
                    + "|| r.initiatorType === 'xmlhttprequest').map(r => r.name)")).as(path + " makes no request of its own while it loads").asInstanceOf(
                            org.assertj.core.api.InstanceOfAssertFactories.LIST).isEmpty();
            assertThat(browser.all("[hx-get], [hx-post], [target], form[method='post'][data-layer='off']")).as(path).isEmpty();
            @SuppressWarnings("unchecked")
            List<String> unwatched = (List<String>) browser.script("""
                    const unwatched = [];
                    const hold = e => e.preventDefault(); // after the layer has seen the click: nothing navigates
                    window.addEventListener('click', hold);
                    for (const link of document.querySelectorAll('a[href]:not([download])')) {
                      if (new URL(link.href).hash && link.pathname === location.pathname) continue;
                      link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 }));
                      if (!window.ledgerline.watchingNavigation()) unwatched.push(link.getAttribute('href'));
                      window.ledgerline.stopWatchingNavigation();
                    }
                    window.removeEventListener('click', hold);
                    return unwatched;""");
            assertThat(unwatched).as("links on " + path + " that would navigate without a deadline").isEmpty();
            int forms = browser.all("form[method='post']").size();
            for (int i = 0; i < forms; i++) {
                if (i > 0) browser.open(path);
                // fetch is held, so nothing is sent: the check is what the layer would send, and that it would give up in time
                @SuppressWarnings("unchecked")
                java.util.Map<String, Object> sent = (java.util.Map<String, Object>) browser.script("""
                        const form = document.querySelectorAll("form[method='post']")[arguments[0]];
                        let sent = null;
                        window.fetch = (url, init) => { sent = { url: String(url), timeout: init.headers['Ledgerline-Timeout'],
                            key: init.headers['Idempotency-Key'], deadline: init.signal instanceof AbortSignal }; return new Promise(() => {}); };
                        const button = form.querySelector("button[type='submit'], button:not([type])");
                        const event = new SubmitEvent('submit', { bubbles: true, cancelable: true, submitter: button });
                        form.dispatchEvent(event);
                        return { prevented: event.defaultPrevented, sent: sent, action: form.getAttribute('action'),
                                 key: form.elements.namedItem('idempotencyKey') ? form.elements.namedItem('idempotencyKey').value : null };""", i);
                String form = path + " form " + sent.get("action");
                assertThat(sent.get("prevented")).as(form + " is taken over by the layer").isEqualTo(Boolean.TRUE);
                @SuppressWarnings("unchecked")
                java.util.Map<String, Object> request = (java.util.Map<String, Object>) sent.get("sent");
                assertThat(request).as(form + " is sent by the layer").isNotNull();
                assertThat(request.get("deadline")).as(form + " has a deadline").isEqualTo(Boolean.TRUE);
                assertThat(request.get("timeout")).as(form).isEqualTo("10000");
                assertThat(request.get("key")).as(form + " carries its own idempotency key").isEqualTo(sent.get("key"));
            }
            checked.add(path);
        }
        assertThat(checked).hasSizeGreaterThanOrEqualTo(9);
    }

    private static long lines(Tenant tenant, String journal) {
        return tenant.api().get(tenant.path(journal.substring(journal.indexOf("/journals")))).json().get("lines").size();
    }

    /** The one spinner this tenant's pages reported for {@code action} that {@code expected} accepts (once the server has classified it so). */
    private static SpinnerSummary.Recent reportedSpinner(Tenant tenant, String action, Duration within, java.util.function.Predicate<SpinnerSummary.Recent> expected) {
        Spinners spinners = TestApp.get().bean(Spinners.class);
        long deadline = System.nanoTime() + within.toNanos();
        List<SpinnerSummary.Recent> seen = List.of();
        while (System.nanoTime() < deadline) {
            Instant now = TestApp.get().clock().instant();
            seen = spinners.summary(now.minus(Duration.ofHours(1)), now.plusSeconds(60), Duration.ofMinutes(1)).recent().stream()
                    .filter(r -> r.companyId() != null && r.companyId() == tenant.companyId() && r.action().equals(action)).toList();
            List<SpinnerSummary.Recent> matching = seen.stream().filter(expected).toList();
            if (matching.size() == 1) return matching.getFirst();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no single spinner report for " + action + " as expected within " + within + "; saw " + seen);
    }

    private static String journalWithOneLine(Tenant tenant, String name) {
        String journal = openNewJournal(tenant, name);
        fillLine("2025-03-10", "Husleje", "2030", "8000,00", "6480");
        browser.submitAndWaitForOneMore("#add-line", "#lines tbody tr");
        assertThat(browser.rows("#lines tbody tr")).hasSize(1);
        return journal;
    }

    private static String openNewJournal(Tenant tenant, String name) {
        browser.signInAs(tenant.api().token());
        browser.open("/companies/" + tenant.companyId() + "/journals");
        browser.fill("#new-journal", Browser.fields("name", name));
        browser.submit("#new-journal");
        return browser.path();
    }

    private static void fillLine(String date, String text, String account, String amount, String contra) {
        browser.fill("#add-line", Browser.fields("document", "", "date", date, "text", text, "account", account, "amount", amount, "vatCode", "", "contraAccount", contra));
    }
}
