package dk.ledgerline.web;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.testing.SupplierEInvoices;
import dk.ledgerline.testing.Tenant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A bookkeeper receives a supplier's e-invoice on the page: it becomes a draft with its supplier
 * created, is given its account, booked and paid, and nothing is left owed.
 */
class PurchasePagesTest extends BrowserTest {

    @Test
    void aReceivedEInvoiceIsCompletedBookedAndPaidFromThePages() throws Exception {
        Tenant tenant = Tenant.create("QUARTER");
        browser.signInAs(tenant.api().token());
        String base = "/companies/" + tenant.companyId();
        browser.open(base + "/supplier-invoices");
        assertThat(browser.text(".empty")).isEqualTo("Ingen købsfakturaer endnu.");

        Path xml = Files.createTempDirectory("efaktura").resolve("kaffe-7.xml");
        Files.write(xml, SupplierEInvoices.peppol("Kaffekompagniet ApS", "30000013", 7, "Kaffebønner", "2", "150.00"));
        browser.find("#document-file").sendKeys(xml.toString());
        browser.waiting(Duration.ofSeconds(20)).until(d -> browser.path().matches(base + "/supplier-invoices/[0-9]+"));
        assertThat(browser.text("#supplier-invoice-status")).isEqualTo("Kladde");
        assertThat(browser.text("#supplier-invoice-total")).isEqualTo("375,00");
        browser.clickAndWaitForPage("#book-supplier-invoice button");
        assertThat(browser.text(".failure")).as("a line without its account is named").contains("Linje 1, konto");

        browser.script("document.querySelector(\"#supplier-lines tr[data-row='0'] select[name='account']\").value = '2960'");
        browser.submit("#supplier-lines-form");
        assertThat(browser.text(".notice")).isEqualTo("Kladden er gemt.");
        browser.clickAndWaitForPage("#book-supplier-invoice button");
        assertThat(browser.text(".notice")).isEqualTo("Købsfakturaen er bogført.");
        assertThat(browser.rows("#supplier-lines tbody tr")).containsExactly(List.of("Kaffebønner", "2960", "I25", "300,00"));
        browser.screenshot("supplier-invoice");

        browser.submit("#supplier-payment");
        assertThat(browser.text("#supplier-invoice-open")).isEqualTo("0,00");
        browser.open(base + "/payables");
        assertThat(browser.text("#no-payables")).isEqualTo("Intet er skyldigt.");
        browser.open(base + "/suppliers");
        assertThat(browser.rows("#suppliers tr[data-supplier='1']").getFirst()).startsWith("1", "Kaffekompagniet ApS", "30000013");
    }
}
