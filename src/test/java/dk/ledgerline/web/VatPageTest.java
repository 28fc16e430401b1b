package dk.ledgerline.web;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.testing.Tenant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The VAT returns of a year, and settling a period that has ended, from the page. */
class VatPageTest extends BrowserTest {
    @Test
    void settlingShowsWhatItWillPostFirstAndPeriodsAreSettledInOrder() {
        Tenant tenant = Tenant.create("QUARTER");
        var sale = tenant.postVoucher("""
                {"date": "2025-02-10", "text": "Faktura 7", "lines": [
                  {"account": 6190, "amount": "1250.00"},
                  {"account": 1010, "amount": "-1250.00", "vatCode": "U25"}]}""");
        assertThat(sale.status()).as(sale.toString()).isEqualTo(201);
        var outOfOrder = tenant.api().post(tenant.path("/vat-returns/2025-Q2/settlement"), "");
        assertThat(outOfOrder.status()).isEqualTo(422);
        assertThat(outOfOrder.body()).contains("2025-Q1 before it is not settled");
        browser.signInAs(tenant.api().token());

        browser.open("/companies/" + tenant.companyId() + "/vat?year=2025");
        String q1 = "#vat-returns [data-period='2025-Q1']";
        assertThat(browser.text("#vat-returns th" + "[data-period='2025-Q1']")).startsWith("1. kvartal 2025");
        assertThat(browser.text(q1 + ".sales-vat")).isEqualTo("250,00");
        assertThat(browser.text(q1 + ".payable")).isEqualTo("250,00");
        assertThat(browser.text(q1 + ".status")).isEqualTo("Ikke afregnet Afregn …");
        assertThat(browser.text("#vat-returns [data-period='2025-Q2'].status")).isEqualTo("Ikke afregnet (en tidligere periode først)");

        browser.clickAndWaitForPage("#settle-2025-Q1");
        assertThat(browser.text("h1")).isEqualTo("Afregn moms for 1. kvartal 2025");
        assertThat(browser.text("#settlement-payable")).isEqualTo("250,00");
        assertThat(browser.rows("#settlement-entries tbody tr")).containsExactly(
                List.of("7680", "Salgsmoms", "250,00", ""),
                List.of("7840", "Skyldig moms", "", "250,00"));
        assertThat(tenant.api().get(tenant.path("/vat-returns/2025-Q1")).json().get("settled").asBoolean()).as("nothing is settled by looking").isFalse();
        browser.clickAndWaitForPage("#settle button");

        assertThat(browser.pathAndQuery()).isEqualTo("/companies/" + tenant.companyId() + "/vat?year=2025&settled=2025-Q1");
        assertThat(browser.text(".notice")).isEqualTo("Momsperioden 1. kvartal 2025 er afregnet og låst.");
        assertThat(browser.text(q1 + ".status")).startsWith("Afregnet ").endsWith("(bilag 2025/2)");
        assertThat(browser.all("#settle-2025-Q1")).isEmpty();
        assertThat(browser.text(q1 + ".payable")).isEqualTo("250,00");
        assertThat(browser.all("#settle-2025-Q2")).as("the next period may be settled now").hasSize(1);
        assertThat(browser.all("#settle-2025-Q3")).as("but not the one after it").isEmpty();
        var filed = tenant.api().get(tenant.path("/vat-returns/2025-Q1")).json();
        assertThat(filed.get("settled").asBoolean()).isTrue();
        assertThat(filed.get("settlementVoucher").get("number").asInt()).isEqualTo(2);

        browser.clickAndWaitForPage(q1 + ".status a");
        assertThat(browser.rows("#entries tbody tr")).extracting(row -> List.of(row.get(1), row.get(5), row.get(6))).containsExactly(
                List.of("7680", "250,00", ""),
                List.of("7840", "", "250,00"));
        assertThat(browser.all("#reverse")).as("a filed settlement offers no reversal").isEmpty();

        browser.open("/companies/" + tenant.companyId() + "/vat?year=2024");
        assertThat(browser.all("#vat-returns th[data-period]")).as("no period before the company's first is offered").isEmpty();
    }
}
