package dk.ledgerline.web;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.testing.Api;
import dk.ledgerline.testing.Tenant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A booked invoice and its credit note on paper: what the customer reads (pdftotext) and sees
 * (pdftoppm, kept with the pages' screenshots), in Danish for a Danish customer and in English for
 * one abroad.
 */
class InvoicePdfTest {

    @Test
    void aDanishInvoiceShowsItsLinesVatAndHowToPayAndItsCreditNoteReferToIt() throws Exception {
        Tenant t = Tenant.create("QUARTER");
        assertThat(t.api().put(t.path("/invoicing-profile"), """
                {"address": "Vestergade 2", "postalCode": "8000", "city": "Aarhus C", "email": "regnskab@example.dk", "phone": "+45 86 12 34 56",
                 "bankReg": "1234", "bankAccount": "0012345678", "fikCreditor": "85123456"}""").status()).isEqualTo(200);
        long customer = created(t, "/customers", """
                {"name": "Bageriet ApS", "cvr": "12345674", "address": "Algade 3", "postalCode": "4000", "city": "Roskilde", "paymentDays": 14}""");
        long bread = created(t, "/products", "{\"number\": \"R1\", \"name\": \"Rugbrød\", \"unit\": \"stk.\", \"unitPrice\": \"25.00\", \"kind\": \"GOODS\"}");
        long draft = created(t, "/invoices", "{\"customerId\": " + customer + ", \"issueDate\": \"2025-03-10\", \"lines\": [{\"productId\": " + bread
                + ", \"quantity\": \"3\"}, {\"description\": \"Rådgivning om surdej\", \"quantity\": \"2.5\", \"unitPrice\": \"1000.00\"}]}");
        JsonNode invoice = t.api().post(t.path("/invoices/" + draft + "/booking"), "").json();

        String text = pdfText(t, "/companies/" + t.companyId() + "/invoices/" + draft + ".pdf", "invoice-pdf");
        assertThat(text).contains("Faktura").contains("Fakturanr.").contains("10.03.2025").contains("24.03.2025")
                .contains("Bageriet ApS").contains("Algade 3").contains("CVR-nr. 12345674")
                .contains("Rugbrød").contains("stk.").contains("2,5").contains("Rådgivning om surdej")
                .contains("2.575,00").contains("Moms 25 % af 2.575,00").contains("643,75").contains("3.218,75")
                .contains("Reg.nr. 1234, kontonr. 0012345678")
                .contains("+71<00000000000001").contains("+85123456<");

        long note = t.api().post(t.path("/invoices/" + invoice.get("id").asLong() + "/credit-note"), "{\"date\": \"2025-03-20\"}").json().get("id").asLong();
        String credit = pdfText(t, "/companies/" + t.companyId() + "/invoices/" + note + ".pdf", null);
        assertThat(credit).contains("Kreditnota").contains("Krediterer faktura nr. 1 af 10.03.2025").contains("3.218,75").doesNotContain("+71<");
    }

    @Test
    void anInvoiceAbroadIsInEnglishAndSaysWhoPaysTheVat() throws Exception {
        Tenant t = Tenant.create("QUARTER");
        long customer = created(t, "/customers", "{\"name\": \"Müller GmbH\", \"country\": \"DE\", \"vatZone\": \"EU\", \"vatNumber\": \"DE123456789\"}");
        long draft = created(t, "/invoices", "{\"customerId\": " + customer + ", \"issueDate\": \"2025-03-10\", \"lines\": [{\"description\": \"Consulting\", \"quantity\": \"1\", \"unitPrice\": \"1250.00\"}]}");
        String before = pdfText(t, "/companies/" + t.companyId() + "/invoices/" + draft + ".pdf", null);
        assertThat(before).as("a draft says so").contains("Draft");
        t.api().post(t.path("/invoices/" + draft + "/booking"), "");
        String text = pdfText(t, "/companies/" + t.companyId() + "/invoices/" + draft + ".pdf", null);
        assertThat(text).contains("Invoice").contains("10 March 2025").contains("1,250.00").contains("Reverse charge").contains("DE123456789")
                .doesNotContain("Draft");
    }

    private static long created(Tenant t, String path, String json) {
        Api.Response r = t.api().post(t.path(path), json);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    /** The PDF's text as a reader gets it; with {@code screenshot}, also its first page as target/screenshots/{screenshot}.png. */
    private static String pdfText(Tenant t, String path, String screenshot) throws Exception {
        byte[] bytes = t.api().bytesAsBrowser(path);
        assertThat(bytes).startsWith("%PDF-".getBytes());
        Path pdf = Files.createTempFile("invoice-", ".pdf");
        Files.write(pdf, bytes);
        if (screenshot != null) {
            Path png = Path.of("target/screenshots/" + screenshot + ".png");
            Files.createDirectories(png.getParent());
            Process render = new ProcessBuilder("pdftoppm", "-png", "-r", "80", "-singlefile", pdf.toString(),
                    png.toString().replaceAll("\\.png$", "")).redirectErrorStream(true).start();
            assertThat(render.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(render.exitValue()).isZero();
            assertThat(Files.size(png)).isGreaterThan(10_000);
        }
        return ReportAndVoucherPagesTest.pdfText(pdf);
    }
}
