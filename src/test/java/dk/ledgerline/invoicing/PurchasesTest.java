package dk.ledgerline.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.testing.Api;
import dk.ledgerline.testing.SupplierEInvoices;
import dk.ledgerline.testing.Tenant;
import dk.ledgerline.testing.Vouchers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Purchases by figures worked by hand: a Danish supplier's invoice entered and paid in two parts, an
 * EU supplier's services reverse-charged, and e-invoices taken in (Peppol and OIOUBL) — the supplier
 * created from the first, its lines booked like its last ones from the second, the XML kept with the
 * voucher. Bad e-invoices are refused naming what is wrong, and nothing of them is kept.
 */
class PurchasesTest {
    static final String PAPER_CVR = "30000005";

    @Test
    void enteredAndReceivedSupplierInvoicesBookPayAndReportAsWorkedByHand() {
        Tenant t = Tenant.create("QUARTER");
        long paper = created(t, "/suppliers", "{\"name\": \"Papirhuset A/S\", \"cvr\": \"" + PAPER_CVR + "\", \"paymentDays\": 14}");
        long cloud = created(t, "/suppliers", "{\"name\": \"Cloud GmbH\", \"country\": \"DE\", \"vatZone\": \"EU\", \"vatNumber\": \"DE999999999\"}");

        long entered = created(t, "/supplier-invoices", """
                {"supplierId": %d, "supplierNumber": "A-17", "issueDate": "2025-02-03",
                 "lines": [{"description": "Kopipapir", "net": "800.00", "account": 2230, "vatCode": "I25"}]}""".formatted(paper));
        JsonNode booked = post(t, "/supplier-invoices/" + entered + "/booking", "", 201);
        assertThat(booked.get("total").asString()).isEqualTo("1000.00");
        assertThat(booked.get("dueDate").asString()).isEqualTo("2025-02-17");
        assertThat(entries(t, booked)).containsExactly("2230:800.00:I25", "7740:200.00:I25", "7440:-1000.00:null");
        assertThat(post(t, "/supplier-invoices/" + entered + "/payments", "{\"date\": \"2025-02-10\", \"amount\": \"400.00\"}", 201).get("open").asString()).isEqualTo("600.00");

        long services = created(t, "/supplier-invoices", """
                {"supplierId": %d, "supplierNumber": "2025-0042", "issueDate": "2025-02-05",
                 "lines": [{"description": "Hosting februar", "net": "1000.00", "account": 2310, "vatCode": "EUY"}]}""".formatted(cloud));
        JsonNode euBooked = post(t, "/supplier-invoices/" + services + "/booking", "", 201);
        assertThat(euBooked.get("total").asString()).as("reverse-charge VAT is not owed to the supplier").isEqualTo("1000.00");
        assertThat(entries(t, euBooked)).containsExactly("2310:1000.00:EUY", "7720:-250.00:EUY", "7740:250.00:EUY", "7440:-1000.00:null");

        // an e-invoice from a supplier not known yet: created from the document, the lines without an account
        byte[] first = peppolFrom("Kaffekompagniet ApS", "30000013", 1, "Kaffebønner", "2", "150.00");
        Api.Response intake = t.api().postBytes(t.path("/supplier-invoices/intake?fileName=kaffe-1.xml"), "application/xml", first);
        assertThat(intake.status()).as(intake.toString()).isEqualTo(201);
        assertThat(intake.json().get("supplierCreated").asBoolean()).isTrue();
        JsonNode coffee = intake.json().get("draft");
        assertThat(coffee.get("source").asString()).isEqualTo("PEPPOL");
        assertThat(coffee.get("supplierNumber").asString()).isEqualTo("1");
        assertThat(coffee.get("lines").get(0).get("vatCode").asString()).isEqualTo("I25");
        assertThat(coffee.get("lines").get(0).get("account").isNull()).isTrue();
        assertThat(List.of(coffee.get("net").asString(), coffee.get("vat").asString(), coffee.get("total").asString())).containsExactly("300.00", "75.00", "375.00");
        Api.Response incomplete = t.api().post(t.path("/supplier-invoices/" + coffee.get("id").asLong() + "/booking"), "");
        assertThat(incomplete.status()).isEqualTo(422);
        assertThat(incomplete.body()).contains("lines[0].account");
        Api.Response completed = t.api().put(t.path("/supplier-invoices/" + coffee.get("id").asLong()),
                "{\"lines\": [{\"description\": \"Kaffebønner\", \"net\": \"300.00\", \"account\": 2960, \"vatCode\": \"I25\"}]}");
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
        JsonNode coffeeBooked = post(t, "/supplier-invoices/" + coffee.get("id").asLong() + "/booking", "", 201);
        assertThat(entries(t, coffeeBooked)).containsExactly("2960:300.00:I25", "7740:75.00:I25", "7440:-375.00:null");
        JsonNode kept = t.api().get(t.path("/vouchers/" + coffeeBooked.get("voucher").get("number").asInt() + "/documents")).json().get("items");
        assertThat(kept).hasSize(1);
        assertThat(kept.get(0).get("mediaType").asString()).isEqualTo("application/xml");
        assertThat(kept.get(0).get("fileName").asString()).isEqualTo("kaffe-1.xml");
        assertThat(t.api().getBytes(t.path("/documents/" + kept.get(0).get("sha256").asString())).body()).as("kept as it came").isEqualTo(first);

        // the same supplier again, in OIOUBL: found by its CVR, the line booked as last time
        Api.Response second = t.api().postBytes(t.path("/supplier-invoices/intake"), "application/xml",
                oioublFrom("Kaffekompagniet ApS", "30000013", 2, "Kaffebønner", "1", "150.00"));
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(second.json().get("supplierCreated").asBoolean()).isFalse();
        JsonNode again = second.json().get("draft");
        assertThat(again.get("source").asString()).isEqualTo("OIOUBL");
        assertThat(again.get("lines").get(0).get("account").asInt()).as("as the supplier's last invoice was booked").isEqualTo(2960);
        post(t, "/supplier-invoices/" + again.get("id").asLong() + "/booking", "", 201);

        Api.Response duplicate = t.api().postBytes(t.path("/supplier-invoices/intake"), "application/xml", first);
        assertThat(duplicate.status()).as("the same invoice twice").isEqualTo(409);
        assertThat(duplicate.body()).contains("Kaffekompagniet ApS").contains("supplier invoice " + coffee.get("id").asLong());

        JsonNode payables = t.api().get(t.path("/payables?at=2025-03-31")).json();
        List<String> open = new ArrayList<>();
        for (JsonNode p : payables.get("items")) open.add(p.get("supplierName").asString() + ":" + p.get("open").asString());
        assertThat(open).containsExactlyInAnyOrder("Papirhuset A/S:600.00", "Cloud GmbH:1000.00", "Kaffekompagniet ApS:375.00", "Kaffekompagniet ApS:187.50");
        assertThat(payables.get("total").asString()).isEqualTo("2162.50");
        long coffeeSupplier = coffee.get("supplierId").asLong();
        assertThat(t.api().get(t.path("/payables?at=2025-03-31&supplierId=" + coffeeSupplier)).json().get("total").asString())
                .as("what is owed to one supplier").isEqualTo("562.50");
        JsonNode trial = t.api().get(t.path("/reports/trial-balance?from=2025-01-01&to=2025-03-31")).json();
        assertThat(balance(trial, 7440)).as("the creditors are what is owed").isEqualTo("-2162.50");

        JsonNode vatReturn = t.api().get(t.path("/vat-returns/2025-Q1")).json();
        assertThat(balance(trial, 7740)).as("input VAT 200 + 250 + 75 + 37.50").isEqualTo("562.50");
        assertThat(vatReturn.get("purchaseVat").asString()).as("the return states whole kroner").isEqualTo("563.00");
        assertThat(vatReturn.get("vatOnServicePurchasesAbroad").asString()).isEqualTo("250.00");
        assertThat(vatReturn.get("rubrikAServices").asString()).isEqualTo("1000.00");
    }

    @Test
    void aBadEInvoiceIsRefusedNamingWhatIsWrongAndNothingOfItIsKept() {
        Tenant t = Tenant.create("QUARTER");
        String good = new String(peppolFrom("Kaffekompagniet ApS", "30000013", 7, "Kaffebønner", "2", "150.00"), StandardCharsets.UTF_8);
        String path = t.path("/supplier-invoices/intake");

        refused(t, path, "application/xml", "<Invoice><unclosed></Invoice>", 422, "not well-formed XML");
        refused(t, path, "application/xml", """
                <?xml version="1.0"?>
                <!DOCTYPE Invoice [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&secret;</Invoice>""", 422, "DOCTYPE");
        refused(t, path, "application/xml", """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
                <lolz>&lol3;</lolz>""", 422, "DOCTYPE");
        refused(t, path, "application/xml", good.replace("<cbc:InvoicedQuantity unitCode=\"H87\">2</cbc:InvoicedQuantity>",
                "<cbc:InvoicedQuantity unitCode=\"H87\">-2</cbc:InvoicedQuantity>"), 422, "line 1 has a negative quantity (-2)");
        refused(t, path, "application/xml", good.replace("<cbc:PayableAmount currencyID=\"DKK\">375.00</cbc:PayableAmount>",
                "<cbc:PayableAmount currencyID=\"DKK\">3750.00</cbc:PayableAmount>"), 422, "PayableAmount is 3750.00");
        refused(t, path, "application/xml", good.replace("<cbc:EndpointID schemeID=\"0184\">" + Tenant.CVR + "</cbc:EndpointID>",
                "<cbc:EndpointID schemeID=\"0184\">30000021</cbc:EndpointID>").replace("<cbc:CompanyID schemeID=\"0184\">" + Tenant.CVR + "</cbc:CompanyID>",
                "<cbc:CompanyID schemeID=\"0184\">30000021</cbc:CompanyID>").replace("DK" + Tenant.CVR, "DK30000021"), 422, "addressed to CVR 30000021");
        refused(t, path, "application/xml", good.replace(">DKK</cbc:DocumentCurrencyCode>", ">EUR</cbc:DocumentCurrencyCode>"), 422, "is in EUR");
        refused(t, path, "application/pdf", good, 415, "application/xml");
        refused(t, path, "application/xml", "<Order xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Order-2\"/>", 422, "not a UBL Invoice");

        assertThat(t.api().get(t.path("/supplier-invoices")).json().get("items")).as("no draft of a refused e-invoice").isEmpty();
        assertThat(t.api().get(t.path("/suppliers")).json().get("items")).as("no supplier created for one").isEmpty();
    }

    private static void refused(Tenant t, String path, String type, String body, int status, String says) {
        Api.Response response = t.api().postBytes(path, type, body.getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.body()).contains(says);
    }

    static byte[] peppolFrom(String seller, String sellerCvr, int number, String item, String quantity, String price) {
        return SupplierEInvoices.peppol(seller, sellerCvr, number, item, quantity, price);
    }

    static byte[] oioublFrom(String seller, String sellerCvr, int number, String item, String quantity, String price) {
        return SupplierEInvoices.oioubl(seller, sellerCvr, number, item, quantity, price);
    }

    private static long created(Tenant t, String path, String json) {
        Api.Response r = t.api().post(t.path(path), json);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private static JsonNode post(Tenant t, String path, String json, int status) {
        Api.Response r = t.api().post(t.path(path), json);
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        return r.json();
    }

    private static List<String> entries(Tenant t, JsonNode invoice) {
        JsonNode voucher = invoice.get("voucher");
        return Vouchers.entries(t.api().get(t.path("/vouchers/" + voucher.get("number").asInt() + "?fiscalYear=" + voucher.get("fiscalYear").asInt())).json());
    }

    private static String balance(JsonNode trial, int account) {
        for (JsonNode a : trial.get("accounts")) if (a.get("number").asInt() == account) return a.get("balance").asString();
        return "0.00";
    }
}
