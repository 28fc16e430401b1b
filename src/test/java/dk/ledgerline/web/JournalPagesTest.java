package dk.ledgerline.web;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.testing.Tenant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/** The kassekladde in a real browser: typing lines, posting them, reading the result, and the failures. */
class JournalPagesTest {
    private static Browser browser;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) browser.close();
    }

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
    void postingALineOnAnUnknownAccountShowsTheErrorNamingTheLineAndPostsNothing() {
        Tenant tenant = Tenant.create("QUARTER");
        String journal = openNewJournal(tenant, "Fejl");
        addLine("", "2025-03-10", "Ukendt konto", "9999", "100,00", "", "6480");
        String lineId = browser.find("#lines tbody tr").getAttribute("data-line-id");

        browser.submit("#post-journal");

        assertThat(browser.path()).as("the layer shows the answer in place of the journal page").isEqualTo(journal);
        assertThat(browser.text(".failure .failure-message")).isEqualTo("Kladden blev ikke bogført; intet er gemt. Ret linjerne og prøv igen.");
        assertThat(browser.texts(".failure li"))
                .containsExactly("Linje " + lineId + ", konto: account 9999 does not exist");
        assertThat(browser.find("#lines tbody tr").getAttribute("class")).isEqualTo("has-error");
        assertThat(browser.rows("#lines tbody tr")).hasSize(1);
        assertThat(tenant.api().get(tenant.path("/vouchers")).json().get("items").size()).isZero();
        browser.open("/companies/" + tenant.companyId() + "/vouchers");
        assertThat(browser.text("#no-vouchers")).isEqualTo("Ingen bilag endnu.");
    }

    @Test
    void aFormSubmittedTwiceWithTheSameIdempotencyKeyAddsItsLineOnce() {
        Tenant tenant = Tenant.create("QUARTER");
        String journal = openNewJournal(tenant, "Dobbelt");
        fillLine("", "2025-04-02", "Husleje april", "2030", "8000,00", "I25", "6480");
        @SuppressWarnings("unchecked")
        List<List<String>> fields = (List<List<String>>) browser.script(
                "return Array.from(new FormData(document.getElementById('add-line'))).map(f => [f[0], String(f[1])]);");
        String action = browser.find("#add-line").getAttribute("action");
        assertThat(fields).filteredOn(f -> f.getFirst().equals("idempotencyKey")).hasSize(1);

        browser.submit("#add-line");
        // The same form again, key and all, as a browser resends it after a lost answer or a second click.
        WebElement page = browser.html();
        browser.script("""
                const form = document.createElement('form');
                form.method = 'post';
                form.action = arguments[0];
                for (const [name, value] of arguments[1]) {
                  const input = document.createElement('input');
                  input.type = 'hidden'; input.name = name; input.value = value;
                  form.appendChild(input);
                }
                document.body.appendChild(form);
                form.submit();""", action, fields);
        browser.waitForNewPage(page);

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
        browser.submit("#add-line");
    }

    private static void fillLine(String document, String date, String text, String account, String amount, String vatCode, String contra) {
        // The account comes before the VAT code: choosing an account fills in its default VAT code.
        browser.fill("#add-line", Browser.fields("document", document, "date", date, "text", text, "account", account,
                "amount", amount, "vatCode", vatCode, "contraAccount", contra));
    }
}
