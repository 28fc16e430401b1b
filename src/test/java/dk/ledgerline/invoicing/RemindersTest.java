package dk.ledgerline.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.testing.Api;
import dk.ledgerline.testing.Tenant;
import dk.ledgerline.testing.Vouchers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Reminders as the interest act allows them: not before the due date, ten days apart, three at most,
 * 100 kr. a fee at most; the fees are booked on the customer, are part of what is open, and are
 * paid with the invoice. A reminder prints as a letter saying what is owed now.
 */
class RemindersTest {

    @Test
    void threeRemindersTenDaysApartWithTheirFeesBookedAndPaid() throws Exception {
        Tenant t = Tenant.create("QUARTER");
        long customer = InvoicingTest.customer(t, "{\"name\": \"Bageriet ApS\", \"cvr\": \"12345674\", \"paymentDays\": 8}");
        JsonNode invoice = InvoicingTest.book(t, InvoicingTest.draft(t, customer, "{\"description\": \"Kage\", \"quantity\": \"1\", \"unitPrice\": \"800.00\"}"));
        String reminders = t.path("/invoices/" + invoice.get("id").asLong() + "/reminders");
        assertThat(invoice.get("dueDate").asString()).isEqualTo("2025-03-18");

        refused(t.api().post(reminders, "{\"date\": \"2025-03-18\"}"), 422, "not overdue before 2025-03-18");
        JsonNode first = created(t.api().post(reminders, "{\"date\": \"2025-03-20\"}"));
        assertThat(first.get("number").asInt()).isEqualTo(1);
        assertThat(first.get("fee").asString()).isEqualTo("100.00");
        assertThat(first.get("payBy").asString()).isEqualTo("2025-03-30");
        assertThat(Vouchers.entries(t.api().get(t.path("/vouchers/" + first.get("voucher").get("number").asInt() + "?fiscalYear=2025")).json()))
                .containsExactly("6190:100.00:null", "1550:-100.00:null");
        refused(t.api().post(reminders, "{\"date\": \"2025-03-29\"}"), 422, "at least 10 days");
        refused(t.api().post(reminders, "{\"date\": \"2025-03-30\", \"fee\": \"150.00\"}"), 422, "100.00");
        created(t.api().post(reminders, "{\"date\": \"2025-03-30\", \"fee\": \"60.00\"}"));
        created(t.api().post(reminders, "{\"date\": \"2025-04-09\", \"fee\": \"0.00\"}"));
        refused(t.api().post(reminders, "{\"date\": \"2025-04-30\"}"), 409, "3 reminders");

        JsonNode now = t.api().get(t.path("/invoices/" + invoice.get("id").asLong())).json();
        assertThat(now.get("fees").asString()).isEqualTo("160.00");
        assertThat(now.get("open").asString()).as("1000.00 and the fees").isEqualTo("1160.00");
        JsonNode items = t.api().get(t.path("/open-items?at=2025-04-30")).json();
        assertThat(items.get("total").asString()).isEqualTo("1160.00");

        Path pdf = Files.createTempFile("rykker-", ".pdf");
        Files.write(pdf, t.api().bytesAsBrowser("/companies/" + t.companyId() + "/invoices/" + invoice.get("id").asLong() + "/reminders/2.pdf"));
        Process text = new ProcessBuilder("pdftotext", "-layout", pdf.toString(), "-").redirectErrorStream(true).start();
        String letter = new String(text.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(letter).contains("Rykker 2").contains("forfaldt til betaling 18.03.2025").contains("1.000,00").contains("160,00")
                .contains("1.160,00").contains("09.04.2025");

        Api.Response paid = t.api().post(t.path("/invoices/" + invoice.get("id").asLong() + "/payments"), "{\"date\": \"2025-04-20\", \"amount\": \"1160.00\"}");
        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        assertThat(paid.json().get("open").asString()).isEqualTo("0.00");
        assertThat(t.api().get(t.path("/open-items?at=2025-04-30")).json().get("items")).isEmpty();
        JsonNode trial = t.api().get(t.path("/reports/trial-balance?from=2025-01-01&to=2025-06-30")).json();
        for (JsonNode a : trial.get("accounts")) {
            if (a.get("number").asInt() == 6190) assertThat(a.get("balance").asString()).as("the debtors are settled, fees included").isEqualTo("0.00");
            if (a.get("number").asInt() == 1550) assertThat(a.get("balance").asString()).isEqualTo("-160.00");
        }
    }

    private static JsonNode created(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    private static void refused(Api.Response response, int status, String says) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.body()).contains(says);
    }
}
