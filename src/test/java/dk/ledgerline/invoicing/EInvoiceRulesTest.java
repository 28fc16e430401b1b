package dk.ledgerline.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.invoicing.OfficialRules.Findings;
import dk.ledgerline.invoicing.OfficialRules.Rules;
import dk.ledgerline.invoicing.internal.EInvoiceWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every kind of sale Ledgerline books, written as Peppol BIS 3 and as OIOUBL 2.1 and run through the
 * official rules: no errors; the warnings are listed in target/e-invoice-findings.md.
 */
class EInvoiceRulesTest {
    static final String SELLER = "Ledgerline Demo ApS", SELLER_CVR = "32365590";
    static final InvoicingProfile PROFILE = new InvoicingProfile("Vesterbrogade 1", "1620", "København V", "DK", "faktura@demo.dk", "+45 33 12 34 56",
            "1234", "0012345678", "DK5000400440116243", "NDEADKKK", null);
    static final InvoicingProfile WITH_FIK = new InvoicingProfile("Vesterbrogade 1", "1620", "København V", "DK", null, null,
            "1234", "0012345678", null, null, "85123456");

    static final Customer DOMESTIC = new Customer(1, 1, "Bager Hansen ApS", "25313763", null, "Algade 3", "4000", "Roskilde", "DK", "bager@example.dk", 8, VatZone.DOMESTIC, null);
    static final Customer MUNICIPALITY = new Customer(2, 2, "Roskilde Kommune", "29189404", "5798000433120", "Rådhusbuen 1", "4000", "Roskilde", "DK", null, 30, VatZone.DOMESTIC, null);
    static final Customer EU = new Customer(3, 3, "Müller GmbH", null, null, "Hauptstraße 5", "10115", "Berlin", "DE", null, 14, VatZone.EU, "DE123456789");
    static final Customer EXPORT = new Customer(4, 4, "Nordfjord AS", null, null, "Storgata 9", "0155", "Oslo", "NO", null, 14, VatZone.OUTSIDE_EU, "NO923609016MVA");
    static final Product HOURS = new Product(10, "R-100", "Rådgivning", "timer", 95000, ProductKind.SERVICES, null);
    static final Product BOX = new Product(11, "V-200", "Kasse æbler", "stk.", 12500, ProductKind.GOODS, null);
    static final Product COURSE = new Product(12, "K-1", "Førstehjælpskursus", "stk.", 80000, ProductKind.EXEMPT, null);

    private static final List<String> REPORT = new ArrayList<>();

    @Test
    void aDomesticInvoiceWithTwoLinesAndOddOere() {
        Invoice invoice = invoice(1, DOMESTIC, "U25", List.of(
                line(1, HOURS, "Rådgivning marts", "2.5", 95000, "U25", 1010),
                line(2, BOX, "Kasse æbler", "3", 12333, "U25", 1010)));
        both(new EInvoiceWriter.Sale(SELLER, SELLER_CVR, PROFILE, invoice, null, products()));
        both(new EInvoiceWriter.Sale(SELLER, SELLER_CVR, WITH_FIK, invoice, null, products()));
    }

    @Test
    void aDomesticInvoiceWithAVatExemptLineBesideAStandardOne() {
        both(new EInvoiceWriter.Sale(SELLER, SELLER_CVR, PROFILE, invoice(8, DOMESTIC, "U25", List.of(
                line(1, HOURS, "Rådgivning", "1", 95000, "U25", 1010),
                line(2, COURSE, "Førstehjælpskursus", "2", 80000, "FRI", 1010))), null, products()));
    }

    @Test
    void aPublicCustomerAddressedByItsEan() {
        both(new EInvoiceWriter.Sale(SELLER, SELLER_CVR, PROFILE,
                invoice(2, MUNICIPALITY, "U25", List.of(line(1, HOURS, "Rådgivning", "4", 95000, "U25", 1010))), null, products()));
    }

    @Test
    void anEuGoodsAndAnEuServicesInvoiceAreReverseCharged() {
        both(new EInvoiceWriter.Sale(SELLER, SELLER_CVR, PROFILE,
                invoice(3, EU, "EUSV", List.of(line(1, BOX, "Kasse æbler", "2", 12500, "EUSV", 1050))), null, products()));
        both(new EInvoiceWriter.Sale(SELLER, SELLER_CVR, PROFILE,
                invoice(4, EU, "EUSY", List.of(line(1, HOURS, "Rådgivning", "1", 100000, "EUSY", 1150))), null, products()));
    }

    @Test
    void anExportInvoice() {
        both(new EInvoiceWriter.Sale(SELLER, SELLER_CVR, PROFILE,
                invoice(5, EXPORT, "EKS", List.of(line(1, HOURS, "Rådgivning", "2", 100000, "EKS", 1200))), null, products()));
    }

    @Test
    void aCreditNoteReferringToItsInvoice() {
        Invoice original = invoice(1, DOMESTIC, "U25", List.of(line(1, HOURS, "Rådgivning marts", "2.5", 95000, "U25", 1010)));
        Invoice credit = new Invoice(9, Invoice.Kind.CREDIT_NOTE, Invoice.Status.BOOKED, 6, DOMESTIC, LocalDate.of(2025, 3, 20), LocalDate.of(2025, 3, 20),
                original.id(), "Kreditering af faktura 1", original.lines(), -original.net(), -original.vat(), -original.total(), 0, 0, null, null);
        both(new EInvoiceWriter.Sale(SELLER, SELLER_CVR, PROFILE, credit, original, products()));
    }

    @Test
    void theRulesCatchADocumentWhoseVatDoesNotAddUp() {
        EInvoiceWriter.Sale sale = new EInvoiceWriter.Sale(SELLER, SELLER_CVR, PROFILE,
                invoice(7, DOMESTIC, "U25", List.of(line(1, HOURS, "Rådgivning", "1", 100000, "U25", 1010))), null, products());
        String peppol = new String(EInvoiceWriter.peppol(sale), StandardCharsets.UTF_8);
        assertThat(peppol).contains("<cbc:TaxAmount currencyID=\"DKK\">250.00</cbc:TaxAmount>");
        byte[] wrongVat = peppol.replace("<cbc:TaxAmount currencyID=\"DKK\">250.00</cbc:TaxAmount>", "<cbc:TaxAmount currencyID=\"DKK\">249.00</cbc:TaxAmount>")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(OfficialRules.check(Rules.PEPPOL_INVOICE, wrongVat).errors()).as("EN 16931's VAT rules").anyMatch(e -> e.contains("BR-CO-"));
        String oioubl = new String(EInvoiceWriter.oioubl(sale), StandardCharsets.UTF_8);
        byte[] noBranch = oioubl.replace("<cbc:ID>1234</cbc:ID>", "").getBytes(StandardCharsets.UTF_8);
        assertThat(OfficialRules.check(Rules.OIOUBL_INVOICE, noBranch).errors()).as("OIOUBL's bank payment rule").anyMatch(e -> e.contains("F-LIB127"));
    }

    private static void both(EInvoiceWriter.Sale sale) {
        boolean credit = sale.invoice().kind() == Invoice.Kind.CREDIT_NOTE;
        check(credit ? Rules.PEPPOL_CREDIT_NOTE : Rules.PEPPOL_INVOICE, sale, EInvoiceWriter.peppol(sale));
        check(credit ? Rules.OIOUBL_CREDIT_NOTE : Rules.OIOUBL_INVOICE, sale, EInvoiceWriter.oioubl(sale));
    }

    private static void check(Rules rules, EInvoiceWriter.Sale sale, byte[] xml) {
        Findings findings = OfficialRules.check(rules, xml);
        String name = rules + " " + sale.invoice().kind() + " " + sale.invoice().number() + " to " + sale.invoice().customer().name();
        synchronized (REPORT) {
            REPORT.add("## " + name + "\n\n" + (findings.warnings().isEmpty() ? "no warnings\n" : "- " + String.join("\n- ", findings.warnings()) + "\n"));
        }
        assertThat(findings.errors()).as(name + "\n" + new String(xml, StandardCharsets.UTF_8)).isEmpty();
    }

    @AfterAll
    static void writeFindings() {
        try {
            Path target = Path.of(System.getProperty("ledgerline.test.data", "target/test-data")).toAbsolutePath().getParent();
            Files.createDirectories(target);
            Files.writeString(target.resolve("e-invoice-findings.md"), "# What the official rules said\n\n" + String.join("\n", REPORT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Invoice invoice(int number, Customer customer, String vatCode, List<Invoice.Line> lines) {
        long net = lines.stream().mapToLong(Invoice.Line::net).sum();
        long vat = Math.round(lines.stream().filter(l -> "U25".equals(l.vatCode())).mapToLong(Invoice.Line::net).sum() * 0.25);
        LocalDate issued = LocalDate.of(2025, 3, 3);
        return new Invoice(number, Invoice.Kind.INVOICE, Invoice.Status.BOOKED, number, customer, issued, issued.plusDays(customer.paymentDays()), null, "",
                lines, net, vat, net + vat, 0, 0, null, null);
    }

    static Invoice.Line line(int n, Product product, String description, String quantity, long unitPrice, String vatCode, int account) {
        BigDecimal q = new BigDecimal(quantity);
        long net = q.multiply(BigDecimal.valueOf(unitPrice)).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        return new Invoice.Line(n, product.id(), description, q, unitPrice, net, vatCode, account);
    }

    static Map<Long, Product> products() {
        return Map.of(HOURS.id(), HOURS, BOX.id(), BOX, COURSE.id(), COURSE);
    }
}
