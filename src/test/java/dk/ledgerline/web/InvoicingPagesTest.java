package dk.ledgerline.web;

import static dk.ledgerline.web.Browser.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.testing.Tenant;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A bookkeeper invoices from the pages: sets up the company's invoicing details, creates a customer
 * and a product, writes a draft, books it, registers the payment and sees nothing left open; a
 * mistake in the form is named in Danish and nothing is stored.
 */
class InvoicingPagesTest extends BrowserTest {

    @Test
    void aCustomerIsInvoicedBookedAndPaidFromThePages() {
        Tenant tenant = Tenant.create("QUARTER");
        browser.signInAs(tenant.api().token());
        String base = "/companies/" + tenant.companyId();

        browser.open(base + "/invoicing-profile");
        browser.fill("#invoicing-profile", fields("address", "Vestergade 2", "postalCode", "8000", "city", "Aarhus C",
                "bankReg", "1234", "bankAccount", "12345678", "iban", "DK50 0040 0440 1162 44"));
        browser.submit("#invoicing-profile");
        assertThat(browser.text(".failure")).as("a mistyped IBAN is named").contains("IBAN");
        browser.fill("#invoicing-profile", fields("iban", "DK50 0040 0440 1162 43"));
        browser.submit("#invoicing-profile");
        assertThat(browser.text(".notice")).isEqualTo("Fakturaoplysningerne er gemt.");

        browser.open(base + "/customers");
        browser.fill("#new-customer", fields("name", "Bageriet ApS", "cvr", "12345674", "address", "Algade 3", "postalCode", "4000", "city", "Roskilde",
                "paymentDays", "14"));
        browser.submit("#new-customer");
        assertThat(browser.text(".notice")).isEqualTo("Kunde 1 er oprettet.");
        assertThat(browser.rows("#customers tr[data-customer='1']").getFirst()).startsWith("1", "Bageriet ApS", "12345674");

        browser.open(base + "/products");
        browser.fill("#new-product", fields("number", "R1", "name", "Rugbrød", "unit", "stk.", "unitPrice", "25,00", "kind", "GOODS"));
        browser.submit("#new-product");
        assertThat(browser.rows("#products tr[data-product='R1']").getFirst()).containsExactly("R1", "Rugbrød", "stk.", "25,00", "Varer", "efter momszone");

        browser.open(base + "/customers");
        browser.clickAndWaitForPage("#customers tr[data-customer='1'] a");
        browser.fill("#invoice-form", fields("issueDate", "10.03.2025"));
        row(0, "productId", browser.find("#invoice-lines tr[data-row='0'] select option:nth-child(2)").getAttribute("value"));
        row(0, "quantity", "3");
        row(1, "description", "Rådgivning om surdej");
        row(1, "quantity", "2,5");
        row(1, "unitPrice", "tusind");
        browser.submit("#invoice-form");
        assertThat(browser.text(".failure")).as("the bad price is named and nothing stored").contains("enhedspris");
        row(1, "unitPrice", "1.000,00");
        browser.submit("#invoice-form");
        assertThat(browser.text("#invoice-status")).isEqualTo("Kladde");
        assertThat(browser.text("#invoice-total")).isEqualTo("3.218,75");

        browser.clickAndWaitForPage("#book-invoice button");
        assertThat(browser.text(".notice")).isEqualTo("Fakturaen er bogført og nummereret.");
        assertThat(browser.text("#invoice-status")).isEqualTo("Bogført som nr. 1");
        String invoicePath = browser.path();
        HttpResponse<String> peppol = browser.getWithSession(invoicePath + "/peppol.xml");
        assertThat(peppol.statusCode()).isEqualTo(200);
        assertThat(peppol.body()).contains("<cbc:PayableAmount currencyID=\"DKK\">3218.75</cbc:PayableAmount>");
        assertThat(browser.getBytesWithSession(invoicePath + ".pdf")).startsWith("%PDF-".getBytes());
        browser.screenshot("invoice");

        browser.fill("#payment", fields("date", "20.03.2025", "amount", "1.000,00"));
        browser.submit("#payment");
        assertThat(browser.text("#invoice-open")).isEqualTo("2.218,75");
        browser.open(base + "/open-items?at=2025-04-30");
        assertThat(browser.rows("#open-items tbody tr")).containsExactly(List.of("1", "Bageriet ApS", "24.03.2025", "3.218,75", "2.218,75", "37"));
        assertThat(browser.text("#ageing td[data-age='DAYS_31_60']")).isEqualTo("2.218,75");
        assertThat(browser.rows("#by-customer tbody tr")).containsExactly(List.of("Bageriet ApS", "2.218,75"));
        browser.screenshot("open-items");

        browser.open(invoicePath);
        browser.submit("#send-reminder");
        assertThat(browser.text(".notice")).isEqualTo("Rykkeren er sendt; gebyret er bogført på kunden.");
        assertThat(browser.text("#invoice-fees")).isEqualTo("100,00");
        assertThat(browser.text("#invoice-open")).isEqualTo("2.318,75");
        assertThat(browser.texts("#reminders li")).containsExactly("Rykker 1 af 16.11.2026, gebyr 100,00 (PDF)");

        browser.fill("#payment", fields("date", "25.03.2025"));
        browser.submit("#payment");
        assertThat(browser.text("#invoice-open")).isEqualTo("0,00");
        assertThat(browser.all("#payment")).as("nothing left to pay").isEmpty();
        browser.open(base + "/open-items");
        assertThat(browser.text("#no-open-items")).isEqualTo("Intet er åbent.");
        assertThat(browser.text("#open-total")).isEqualTo("0,00");
    }

    /** Sets one field of a line row of the new-invoice form. */
    private static void row(int row, String name, String value) {
        Object done = browser.script("""
                const field = document.querySelector(`#invoice-lines tr[data-row='${arguments[0]}'] [name='${arguments[1]}']`);
                if (!field) return false;
                field.value = arguments[2];
                field.dispatchEvent(new Event('change', {bubbles: true}));
                return field.value === arguments[2];""", row, name, value);
        assertThat(done).as("row " + row + " " + name + "=" + value).isEqualTo(true);
    }
}
