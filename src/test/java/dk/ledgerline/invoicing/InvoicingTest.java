package dk.ledgerline.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.testing.Api;
import dk.ledgerline.testing.Tenant;
import dk.ledgerline.testing.Vouchers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Invoicing by figures worked by hand: a domestic customer (25 % VAT), an EU customer buying goods
 * (Rubrik B goods) and one buying services (Rubrik B services), an export customer (Rubrik C), and a
 * credit note of the domestic invoice; payments, partly and in full; the open items, the trial
 * balance and the VAT return exactly as worked out.
 */
class InvoicingTest {

    static long customer(Tenant t, String json) {
        Api.Response created = t.api().post(t.path("/customers"), json);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    static long product(Tenant t, String json) {
        Api.Response created = t.api().post(t.path("/products"), json);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    static JsonNode draft(Tenant t, long customer, String lines) {
        Api.Response created = t.api().post(t.path("/invoices"), "{\"customerId\": " + customer + ", \"issueDate\": \"2025-03-10\", \"lines\": [" + lines + "]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    static JsonNode book(Tenant t, JsonNode draft) {
        Api.Response booked = t.api().post(t.path("/invoices/" + draft.get("id").asLong() + "/booking"), "");
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        return booked.json();
    }

    static List<String> voucherEntries(Tenant t, JsonNode invoice) {
        JsonNode voucher = invoice.get("voucher");
        return Vouchers.entries(t.api().get(t.path("/vouchers/" + voucher.get("number").asInt() + "?fiscalYear=" + voucher.get("fiscalYear").asInt())).json());
    }

    @Test
    void fourCustomersOneCreditNoteAndTheirPaymentsBookExactlyAsWorkedByHand() {
        Tenant t = Tenant.create("QUARTER");
        long bakery = customer(t, "{\"name\": \"Bageriet ApS\", \"cvr\": \"12345674\", \"paymentDays\": 14, \"vatZone\": \"DOMESTIC\"}");
        long muller = customer(t, "{\"name\": \"Müller GmbH\", \"country\": \"DE\", \"vatZone\": \"EU\", \"vatNumber\": \"DE123456789\"}");
        long bauer = customer(t, "{\"name\": \"Bauer GmbH\", \"country\": \"AT\", \"vatZone\": \"EU\", \"vatNumber\": \"ATU12345678\"}");
        long oslo = customer(t, "{\"name\": \"Oslo AS\", \"country\": \"NO\", \"vatZone\": \"OUTSIDE_EU\", \"vatNumber\": \"NO923609016MVA\"}");
        long bread = product(t, "{\"number\": \"R1\", \"name\": \"Rugbrød\", \"unit\": \"stk.\", \"unitPrice\": \"25.00\", \"kind\": \"GOODS\"}");
        long advice = product(t, "{\"number\": \"RÅD\", \"name\": \"Rådgivning\", \"unit\": \"time\", \"unitPrice\": \"1000.00\", \"kind\": \"SERVICES\"}");

        JsonNode domesticDraft = draft(t, bakery, "{\"productId\": " + bread + ", \"quantity\": \"3\"}, {\"productId\": " + advice + ", \"quantity\": \"2.5\"}");
        assertThat(domesticDraft.get("status").asString()).isEqualTo("DRAFT");
        assertThat(domesticDraft.get("number").isNull()).as("a draft has no number yet").isTrue();
        assertThat(domesticDraft.get("dueDate").asString()).isEqualTo("2025-03-24");
        assertThat(List.of(domesticDraft.get("net").asString(), domesticDraft.get("vat").asString(), domesticDraft.get("total").asString()))
                .containsExactly("2575.00", "643.75", "3218.75");

        JsonNode domestic = book(t, domesticDraft);
        JsonNode euGoods = book(t, draft(t, muller, "{\"productId\": " + bread + ", \"quantity\": \"10\"}"));
        JsonNode euServices = book(t, draft(t, bauer, "{\"productId\": " + advice + ", \"quantity\": \"1\"}"));
        JsonNode export = book(t, draft(t, oslo, "{\"productId\": " + advice + ", \"quantity\": \"2\"}"));
        assertThat(List.of(domestic, euGoods, euServices, export)).extracting(i -> i.get("number").asInt()).containsExactly(1, 2, 3, 4);

        assertThat(voucherEntries(t, domestic)).containsExactly("6190:3218.75:null", "1010:-2575.00:U25", "7680:-643.75:U25");
        assertThat(voucherEntries(t, euGoods)).containsExactly("6190:250.00:null", "1050:-250.00:EUSV");
        assertThat(voucherEntries(t, euServices)).containsExactly("6190:1000.00:null", "1150:-1000.00:EUSY");
        assertThat(voucherEntries(t, export)).containsExactly("6190:2000.00:null", "1200:-2000.00:EKS");

        Api.Response credit = t.api().post(t.path("/invoices/" + domestic.get("id").asLong() + "/credit-note"), "{\"date\": \"2025-03-20\"}");
        assertThat(credit.status()).as(credit.toString()).isEqualTo(201);
        JsonNode note = credit.json();
        assertThat(note.get("kind").asString()).isEqualTo("CREDIT_NOTE");
        assertThat(note.get("number").asInt()).as("the same series, without a gap").isEqualTo(5);
        assertThat(note.get("total").asString()).isEqualTo("-3218.75");
        assertThat(voucherEntries(t, note)).containsExactly("6190:-3218.75:null", "1010:2575.00:U25", "7680:643.75:U25");
        assertThat(t.api().post(t.path("/invoices/" + domestic.get("id").asLong() + "/credit-note"), "{}").status()).as("credited once").isEqualTo(409);

        Api.Response profile = t.api().put(t.path("/invoicing-profile"), """
                {"address": "Vestergade 2", "postalCode": "8000", "city": "Aarhus C", "email": "regnskab@example.dk",
                 "bankReg": "1234", "bankAccount": "0012345678", "iban": "DK50 0040 0440 1162 43", "bic": "NDEADKKK"}""");
        assertThat(profile.status()).as(profile.toString()).isEqualTo(200);
        for (JsonNode booked : List.of(domestic, euGoods, euServices, export, note)) {
            boolean isCredit = "CREDIT_NOTE".equals(booked.get("kind").asString());
            assertThat(t.api().bytesAsBrowser("/companies/" + t.companyId() + "/invoices/" + booked.get("id").asLong() + ".pdf"))
                    .as("each prints (InvoicePdfTest reads what it says)").startsWith("%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            for (String format : List.of("peppol", "oioubl")) {
                Api.Response xml = t.api().get(t.path("/invoices/" + booked.get("id").asLong() + "/e-invoice?format=" + format), "application/xml");
                assertThat(xml.status()).as(xml.toString()).isEqualTo(200);
                assertThat(xml.raw().headers().firstValue("Content-Disposition").orElse("")).contains("." + format + ".xml");
                OfficialRules.Rules rules = OfficialRules.Rules.valueOf(format.toUpperCase(java.util.Locale.ROOT) + (isCredit ? "_CREDIT_NOTE" : "_INVOICE"));
                OfficialRules.Findings findings = OfficialRules.check(rules, xml.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                assertThat(findings.errors()).as(rules + " " + booked.get("number") + "\n" + xml.body()).isEmpty();
                assertThat(xml.body()).contains(isCredit ? "3218.75" : booked.get("total").asString().replace("-", ""));
            }
        }

        pay(t, euGoods, "2025-03-15", "100.00", "150.00");
        pay(t, euGoods, "2025-03-25", "150.00", "0.00");
        pay(t, euServices, "2025-03-25", "1000.00", "0.00");
        Api.Response tooMuch = t.api().post(t.path("/invoices/" + export.get("id").asLong() + "/payments"), "{\"date\": \"2025-03-25\", \"amount\": \"2000.01\"}");
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.body()).contains("2000.00");

        JsonNode open = t.api().get(t.path("/open-items?at=2025-05-01")).json();
        assertThat(open.get("total").asString()).isEqualTo("2000.00");
        List<String> items = new ArrayList<>();
        for (JsonNode item : open.get("items")) items.add(item.get("number").asInt() + ":" + item.get("open").asString() + ":" + item.get("age").asString());
        assertThat(items).as("the credit note settled its invoice, and itself").containsExactly("4:2000.00:DAYS_31_60");
        pay(t, export, "2025-03-31", "2000.00", "0.00");
        JsonNode settled = t.api().get(t.path("/open-items?at=2025-05-01")).json();
        assertThat(settled.get("items")).as("every invoice paid or credited").isEmpty();
        assertThat(settled.get("total").asString()).isEqualTo("0.00");

        JsonNode trial = t.api().get(t.path("/reports/trial-balance?from=2025-01-01&to=2025-03-31")).json();
        assertThat(balance(trial, 6190)).as("the debtors are the open items").isEqualTo("0.00");
        assertThat(balance(trial, 6480)).isEqualTo("3250.00");
        assertThat(balance(trial, 7680)).as("the credit note took the VAT back").isEqualTo("0.00");
        assertThat(balance(trial, 1010)).isEqualTo("0.00");
        assertThat(balance(trial, 1050)).isEqualTo("-250.00");
        assertThat(balance(trial, 1150)).isEqualTo("-1000.00");
        assertThat(balance(trial, 1200)).isEqualTo("-2000.00");

        JsonNode vatReturn = t.api().get(t.path("/vat-returns/2025-Q1")).json();
        assertThat(vatReturn.get("salesVat").asString()).isEqualTo("0.00");
        assertThat(vatReturn.get("rubrikBGoodsReported").asString()).isEqualTo("250.00");
        assertThat(vatReturn.get("rubrikBServices").asString()).isEqualTo("1000.00");
        assertThat(vatReturn.get("rubrikC").asString()).isEqualTo("2000.00");
    }

    @Test
    void aBookedInvoiceIsFinalAndBadDraftsAreRefusedNamingTheirField() {
        Tenant t = Tenant.create("QUARTER");
        long bakery = customer(t, "{\"name\": \"Bageriet ApS\", \"vatZone\": \"DOMESTIC\"}");
        JsonNode booked = book(t, draft(t, bakery, "{\"description\": \"Kage\", \"quantity\": \"1\", \"unitPrice\": \"80.00\"}"));
        assertThat(t.api().delete(t.path("/invoices/" + booked.get("id").asLong())).status()).as("a booked invoice is credited, never deleted").isEqualTo(409);
        assertThat(t.api().post(t.path("/invoices/" + booked.get("id").asLong() + "/booking"), "").status()).isEqualTo(409);

        assertRefused(t, "{\"customerId\": " + bakery + ", \"lines\": [{\"description\": \"x\", \"quantity\": \"-1\", \"unitPrice\": \"1.00\"}]}", "lines[0].quantity");
        assertRefused(t, "{\"customerId\": " + bakery + ", \"lines\": [{\"productId\": 999999}]}", "lines[0].productId");
        assertRefused(t, "{\"customerId\": 999999, \"lines\": [{\"description\": \"x\", \"unitPrice\": \"1.00\"}]}", "customerId");
        assertRefused(t, "{\"customerId\": " + bakery + ", \"lines\": []}", "lines");
        assertRefused(t, "{\"customerId\": " + bakery + ", \"lines\": [{\"description\": \"x\", \"unitPrice\": \"1.00\", \"account\": 6480}]}", "lines[0].account");
        Api.Response eu = t.api().post(t.path("/customers"), "{\"name\": \"Uden Moms GmbH\", \"vatZone\": \"EU\"}");
        assertThat(eu.status()).isEqualTo(422);
        assertThat(eu.body()).contains("vatNumber");
        assertThat(t.api().get(t.path("/invoices")).json().get("items")).as("only the booked one; nothing half-made").hasSize(1);

        Api.Response noAddress = t.api().get(t.path("/invoices/" + booked.get("id").asLong() + "/e-invoice?format=peppol"), "application/xml");
        assertThat(noAddress.status()).as(noAddress.toString()).isEqualTo(409);
        assertThat(noAddress.body()).as("named: what the customer lacks").contains("Bageriet ApS").contains("EAN");
        JsonNode aDraft = draft(t, bakery, "{\"description\": \"Kage\", \"unitPrice\": \"80.00\"}");
        assertThat(t.api().get(t.path("/invoices/" + aDraft.get("id").asLong() + "/e-invoice"), "application/xml").status()).as("a draft is not sent").isEqualTo(409);
        Api.Response badFormat = t.api().get(t.path("/invoices/" + booked.get("id").asLong() + "/e-invoice?format=edifact"), "application/xml");
        assertThat(badFormat.status()).as(badFormat.toString()).isEqualTo(406);
        Api.Response badIban = t.api().put(t.path("/invoicing-profile"), "{\"iban\": \"DK5000400440116244\", \"bankReg\": \"1234\"}");
        assertThat(badIban.status()).isEqualTo(422);
        assertThat(badIban.body()).contains("iban").contains("bankAccount");
    }

    @Test
    void aVatExemptProductIsSoldWithoutVatBesideATaxedOne() {
        Tenant t = Tenant.create("QUARTER");
        long bakery = customer(t, "{\"name\": \"Bageriet ApS\", \"cvr\": \"12345674\", \"vatZone\": \"DOMESTIC\"}");
        long course = product(t, "{\"number\": \"K1\", \"name\": \"Førstehjælpskursus\", \"unitPrice\": \"800.00\", \"kind\": \"EXEMPT\"}");
        JsonNode booked = book(t, draft(t, bakery, "{\"productId\": " + course + ", \"quantity\": \"2\"}, {\"description\": \"Kursusmateriale\", \"unitPrice\": \"100.00\"}"));
        assertThat(List.of(booked.get("net").asString(), booked.get("vat").asString(), booked.get("total").asString()))
                .as("VAT on the material only").containsExactly("1700.00", "25.00", "1725.00");
        assertThat(voucherEntries(t, booked)).containsExactly("6190:1725.00:null", "1010:-1600.00:FRI", "1010:-100.00:U25", "7680:-25.00:U25");
        Api.Response peppol = t.api().get(t.path("/invoices/" + booked.get("id").asLong() + "/e-invoice?format=peppol"), "application/xml");
        assertThat(OfficialRules.check(OfficialRules.Rules.PEPPOL_INVOICE, peppol.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)).errors()).isEmpty();
    }

    @Test
    void aBookingIntoALockedPeriodIsRefusedAndTheDraftKeepsNoNumber() {
        Tenant t = Tenant.create("QUARTER");
        long bakery = customer(t, "{\"name\": \"Bageriet ApS\", \"vatZone\": \"DOMESTIC\"}");
        JsonNode first = book(t, draft(t, bakery, "{\"description\": \"Kage\", \"quantity\": \"1\", \"unitPrice\": \"80.00\"}"));
        assertThat(t.api().post(t.path("/vat-returns/2025-Q1/settlement"), "").status()).isEqualTo(201);
        JsonNode late = draft(t, bakery, "{\"description\": \"Brød\", \"quantity\": \"1\", \"unitPrice\": \"40.00\"}");
        Api.Response refused = t.api().post(t.path("/invoices/" + late.get("id").asLong() + "/booking"), "");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("locked period");
        JsonNode again = t.api().get(t.path("/invoices/" + late.get("id").asLong())).json();
        assertThat(again.get("status").asString()).isEqualTo("DRAFT");
        Api.Response later = t.api().post(t.path("/invoices"), "{\"customerId\": " + bakery + ", \"issueDate\": \"2025-04-02\", \"lines\": [{\"description\": \"Brød\", \"unitPrice\": \"40.00\"}]}");
        JsonNode booked = book(t, later.json());
        assertThat(booked.get("number").asInt()).as("the refused booking took no number").isEqualTo(first.get("number").asInt() + 1);
    }

    private static void pay(Tenant t, JsonNode invoice, String date, String amount, String openAfter) {
        Api.Response paid = t.api().post(t.path("/invoices/" + invoice.get("id").asLong() + "/payments"), "{\"date\": \"" + date + "\", \"amount\": \"" + amount + "\"}");
        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        assertThat(paid.json().get("open").asString()).isEqualTo(openAfter);
    }

    private static void assertRefused(Tenant t, String body, String field) {
        Api.Response refused = t.api().post(t.path("/invoices"), body);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        for (JsonNode e : refused.json().get("errors")) fields.add(e.get("field").asString());
        assertThat(fields).as(body).contains(field);
    }

    private static String balance(JsonNode trial, int account) {
        for (JsonNode a : trial.get("accounts")) if (a.get("number").asInt() == account) return a.get("balance").asString();
        return "0.00";
    }
}
