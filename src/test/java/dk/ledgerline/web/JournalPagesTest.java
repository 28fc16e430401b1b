package dk.ledgerline.web;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.testing.Tenant;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/** The kassekladde in a real browser: typing lines, posting them, reading the result, and the failures. */
class JournalPagesTest extends BrowserTest {
    @Test
    void aSaleWithVatAndItsBankLinePostAsOneVoucherWithTheVatSplitOutAndTheTrialBalanceSumsToZero() {
        Tenant tenant = Tenant.create("QUARTER");
        String journal = openNewJournal(tenant, "Marts");

        addLine("", "2025-03-10", "Faktura 1", "1010", "-1.250,00", "U25", "");
        String document = browser.text("#lines tbody tr:first-child td.document");
        addLine(document, "2025-03-10", "Faktura 1", "6480", "1250,00", "", "");
        assertThat(browser.rows("#lines tbody tr")).extracting(row -> row.subList(1, 8)).containsExactly(
                List.of(document, "10.03.2025", "Faktura 1", "1010", "-1.250,00", "U25", ""),
                List.of(document, "10.03.2025", "Faktura 1", "6480", "1.250,00", "", ""));

        browser.submit("#post-journal");

        assertThat(browser.path()).isEqualTo(journal);
        assertThat(browser.text("#posted")).isEqualTo("1 bilag er bogført: 2025/1");
        assertThat(browser.text("#no-lines")).isEqualTo("Kladden har ingen linjer.");

        browser.clickAndWaitForPage("#posted a");
        assertThat(browser.path()).isEqualTo("/companies/" + tenant.companyId() + "/vouchers/2025/1");
        assertThat(browser.text("#voucher-date")).isEqualTo("10.03.2025");
        assertThat(browser.text("#voucher-text")).isEqualTo("Faktura 1");
        assertThat(browser.text("#registered")).endsWith("af Test User (" + tenant.email() + ")");
        assertThat(browser.rows("#entries tbody tr")).extracting(row -> List.of(row.get(1), row.get(4), row.get(5), row.get(6))).containsExactly(
                List.of("1010", "U25", "", "1.000,00"),
                List.of("7680", "U25", "", "250,00"),
                List.of("6480", "", "1.250,00", ""));

        browser.open("/companies/" + tenant.companyId() + "/reports/trial-balance");
        browser.fill("#report-range", Browser.fields("from", "2025-01-01", "to", "2025-12-31"));
        browser.submit("#report-range");
        assertThat(browser.rows("#trial-balance tbody tr")).containsExactly(
                List.of("1010", "Salg af varer og ydelser", "Indtægt", "0,00", "0,00", "1.000,00", "-1.000,00", "-1.000,00"),
                List.of("6480", "Bankkonto", "Aktiv", "0,00", "1.250,00", "0,00", "1.250,00", "1.250,00"),
                List.of("7680", "Salgsmoms", "Gæld", "0,00", "0,00", "250,00", "-250,00", "-250,00"));
        assertThat(browser.rows("#trial-balance-total")).containsExactly(List.of("", "I alt", "", "0,00", "1.250,00", "1.250,00", "0,00", "0,00"));
        assertThat(browser.find("#trial-balance tr[data-account='6480'] a").getAttribute("href"))
                .as("each account leads to its entries").endsWith("/reports/account-statement?from=2025-01-01&to=2025-12-31&account=6480");
        assertThat(browser.find("#download-csv").getAttribute("href"))
                .endsWith("/companies/" + tenant.companyId() + "/reports/trial-balance.csv?from=2025-01-01&to=2025-12-31");
    }

    @Test
    void aLineOnAnUnknownAccountIsMarkedAsSoonAsItIsTypedAndIsNotSaved() {
        Tenant tenant = Tenant.create("QUARTER");
        String journal = openNewJournal(tenant, "Fejl");
        fillLine("", "2025-03-10", "Ukendt konto", "9999", "100,00", "", "6480");
        browser.find("#add-line [name='account']").click();
        browser.find("#add-line [name='amount']").click();
        assertThat(browser.text("#add-line label:has([name='account']) .field-error")).isEqualTo("konto 9999 findes ikke i kontoplanen");

        browser.find("#add-line button[type='submit']").click();
        assertThat(browser.path()).isEqualTo(journal);
        assertThat(browser.all("#lines tbody tr")).as("a line the page knows is wrong is not sent").isEmpty();
        assertThat(tenant.api().get(tenant.path(journal.substring(journal.indexOf("/journals")))).json().get("lines")).isEmpty();

        browser.fill("#add-line", Browser.fields("account", "6190"));
        browser.find("#add-line button[type='submit']").click();
        browser.waitForCount("#lines tbody tr", 1, Duration.ofSeconds(10));
        assertThat(browser.all("#add-line .field-error")).isEmpty();
        browser.open("/companies/" + tenant.companyId() + "/vouchers");
        assertThat(browser.text("#no-vouchers")).isEqualTo("Ingen bilag endnu.");
    }

    @Test
    void aFormSubmittedTwiceWithTheSameIdempotencyKeyAddsItsLineOnce() {
        Tenant tenant = Tenant.create("QUARTER");
        String journal = openNewJournal(tenant, "Dobbelt");
        // as the grid leaves them when the line is sent (date and amount written out), so the resent form is the same request
        fillLine("", "02.04.2025", "Husleje april", "2030", "8.000,00", "I25", "6480");
        @SuppressWarnings("unchecked")
        List<List<String>> fields = (List<List<String>>) browser.script(
                "return Array.from(new FormData(document.getElementById('add-line'))).map(f => [f[0], String(f[1])]);");
        String action = browser.find("#add-line").getAttribute("action");
        assertThat(fields).filteredOn(f -> f.getFirst().equals("idempotencyKey")).hasSize(1);

        browser.submitAndWaitForOneMore("#add-line", "#lines tbody tr");
        // The same form again, key and all, as the layer resends it after a lost answer or a second click.
        @SuppressWarnings("unchecked")
        List<String> again = (List<String>) browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], { method: 'POST', body: new URLSearchParams(arguments[1]), credentials: 'same-origin',
                                      headers: { 'Ledgerline-Request': '1', 'Ledgerline-Swap': '1' } })
                  .then(r => r.text().then(body => done([String(r.status), r.headers.get('Idempotent-Replayed'), body])));""", action, fields);
        assertThat(again.subList(0, 2)).as("the first answer again, not a second line").containsExactly("200", "true");
        assertThat(again.get(2)).contains("Husleje april");
        assertThat(browser.path()).isEqualTo(journal);
        assertThat(browser.rows("#lines tbody tr")).extracting(row -> row.subList(2, 8))
                .containsExactly(List.of("02.04.2025", "Husleje april", "2030", "8.000,00", "I25", "6480"));
        assertThat(tenant.api().get(tenant.path(journal.substring(journal.indexOf("/journals")))).json().get("lines").size()).isEqualTo(1);
    }

    @Test
    void deletingALineRemovesItsRowInPlaceThroughTheRequestLayer() {
        Tenant tenant = Tenant.create("QUARTER");
        String journal = openNewJournal(tenant, "Slet");
        addLine("", "2025-05-01", "Første", "2450", "100,00", "I25", "6480");
        addLine("", "2025-05-01", "Anden", "2450", "200,00", "I25", "6480");
        String first = browser.find("#lines tbody tr:first-child").getAttribute("data-line-id");
        WebElement page = browser.html();

        browser.find("#lines tr[data-line-id='" + first + "'] button").click();
        browser.waitUntilGone("#lines tr[data-line-id='" + first + "']");

        assertThat(page.isDisplayed()).as("the page was not reloaded").isTrue();
        assertThat(browser.rows("#lines tbody tr")).extracting(row -> row.get(3)).containsExactly("Anden");
        assertThat(tenant.api().get(tenant.path(journal.substring(journal.indexOf("/journals")))).json().get("lines").size()).isEqualTo(1);
    }

    /**
     * 50 lines by the keyboard alone: 20 sales of two lines each (the account found by name, the second
     * line's voucher number suggested because the first does not balance yet) and 10 rents against the
     * bank; then Tab to Bogfør and Enter. The time it took is printed; the lines are posted as 30 vouchers.
     */
    @Test
    void aBookkeeperEntersFiftyLinesWithTheKeyboardAloneAndPostsThem() {
        Tenant tenant = Tenant.create("QUARTER");
        String journal = openNewJournal(tenant, "Tastatur");
        assertThat(browser.focused()).as("the page opens in the first field").isEqualTo("date");
        String enter = org.openqa.selenium.Keys.ENTER.toString();
        long started = System.nanoTime();
        int lines = 0;
        for (int sale = 1; sale <= 20; sale++) {
            String date = sale == 1 ? "10.03.25" : "";
            browser.keys(date + enter + enter + "Faktura " + sale + enter + "salg af" + enter + "-1.250,00" + enter + enter + enter);
            browser.waitForCount("#lines tbody tr", ++lines, Duration.ofSeconds(10));
            assertThat(browser.text("#balance-status")).as("the sale's VAT is in, its debtor not yet").contains("difference -1.250,00");
            browser.keys(enter + enter + "Faktura " + sale + enter + "6190" + enter + "1250" + enter + enter + enter);
            browser.waitForCount("#lines tbody tr", ++lines, Duration.ofSeconds(10));
        }
        for (int rent = 1; rent <= 10; rent++) {
            browser.keys(enter + enter + "Husleje " + rent + enter + "husleje" + enter + "8.000,00" + enter + enter + "bank" + enter);
            browser.waitForCount("#lines tbody tr", ++lines, Duration.ofSeconds(10));
            assertThat(browser.rows("#lines tbody tr").getLast()).as("\"bank\" finds Bankkonto before Renter fra banker").element(7).isEqualTo("6480");
        }
        Duration typing = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("kassekladde: 50 lines typed and saved by the keyboard alone in %.1f s%n", typing.toMillis() / 1000.0);
        assertThat(browser.text("#balance-status")).isEqualTo("Alle bilag balancerer.");
        assertThat(browser.rows("#lines tbody tr").get(1).subList(1, 8)).containsExactly("1", "10.03.2025", "Faktura 1", "6190", "1.250,00", "", "");
        assertThat(browser.rows("#lines tbody tr").get(40).subList(1, 8)).containsExactly("21", "10.03.2025", "Husleje 1", "2030", "8.000,00", "I25", "6480");

        browser.keys(enter + enter + "Husleje 11" + enter + "2030" + enter + "8000");
        browser.screenshot("kassekladde-grid");
        // a reload in the middle of a line loses nothing: the saved lines are on the server, the one being typed comes back
        browser.open(journal);
        assertThat(browser.text("#draft-restored")).isEqualTo("Linjen, du var i gang med, er sat ind igen.");
        assertThat(List.of("text", "account", "amount")).map(name -> browser.find("#add-line [name='" + name + "']").getAttribute("value"))
                .containsExactly("Husleje 11", "2030", "8.000,00");
        assertThat(browser.rows("#lines tbody tr")).hasSize(50);
        browser.fill("#add-line", Browser.fields("text", "", "account", "", "amount", ""));

        // to Bogfør: past the line's seven fields and its button
        WebElement page = browser.find("body");
        assertThat(browser.focused()).as("after each line, the next starts in its date").isEqualTo("date");
        for (int i = 0; i < 8; i++) browser.keys(org.openqa.selenium.Keys.TAB.toString());
        assertThat(browser.focused()).isEqualTo("BUTTON");
        assertThat(browser.text(":focus")).isEqualTo("Bogfør");
        browser.keys(enter);
        browser.waitForNewPage(page);
        assertThat(browser.path()).isEqualTo(journal);
        assertThat(browser.text("#posted")).isEqualTo("30 bilag er bogført: 2025/1 – 2025/30");
        assertThat(tenant.api().get(tenant.path("/reports/trial-balance?from=2025-01-01&to=2025-12-31")).json().get("totals").get("balance").asString())
                .isEqualTo("0.00");
        assertThat(tenant.api().get(tenant.path("/vouchers?from=2025-01-01&to=2025-12-31&limit=100")).json().get("items")).hasSize(30);
    }

    /** Logs in as the tenant, creates a journal through the pages and returns its path. */
    private static String openNewJournal(Tenant tenant, String name) {
        browser.signInAs(tenant.api().token());
        browser.open("/companies/" + tenant.companyId() + "/journals");
        browser.fill("#new-journal", Browser.fields("name", name));
        browser.submit("#new-journal");
        assertThat(browser.path()).matches("/companies/" + tenant.companyId() + "/journals/\\d+");
        assertThat(browser.text("h1")).isEqualTo("Kassekladde: " + name);
        return browser.path();
    }

    private static void addLine(String document, String date, String text, String account, String amount, String vatCode, String contra) {
        fillLine(document, date, text, account, amount, vatCode, contra);
        browser.submitAndWaitForOneMore("#add-line", "#lines tbody tr");
    }

    private static void fillLine(String document, String date, String text, String account, String amount, String vatCode, String contra) {
        // The account comes before the VAT code: choosing an account fills in its default VAT code.
        browser.fill("#add-line", Browser.fields("document", document, "date", date, "text", text, "account", account,
                "amount", amount, "vatCode", vatCode, "contraAccount", contra));
    }
}
