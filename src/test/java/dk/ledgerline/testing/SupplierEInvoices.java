package dk.ledgerline.testing;

import dk.ledgerline.invoicing.Customer;
import dk.ledgerline.invoicing.Invoice;
import dk.ledgerline.invoicing.InvoicingProfile;
import dk.ledgerline.invoicing.VatZone;
import dk.ledgerline.invoicing.internal.EInvoiceWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** E-invoices as a supplier's own system would send them to a test company (CVR {@link Tenant#CVR}): one line, 25 % VAT. */
public final class SupplierEInvoices {
    private SupplierEInvoices() {}

    public static byte[] peppol(String seller, String sellerCvr, int number, String item, String quantity, String price) {
        return EInvoiceWriter.peppol(sale(seller, sellerCvr, number, item, quantity, price));
    }

    public static byte[] oioubl(String seller, String sellerCvr, int number, String item, String quantity, String price) {
        return EInvoiceWriter.oioubl(sale(seller, sellerCvr, number, item, quantity, price));
    }

    private static EInvoiceWriter.Sale sale(String seller, String sellerCvr, int number, String item, String quantity, String price) {
        Customer us = new Customer(1, 1, "Test ApS", Tenant.CVR, null, "Testvej 1", "1000", "København K", "DK", null, 8, VatZone.DOMESTIC, null);
        long unit = Long.parseLong(price.replace(".", ""));
        long net = new BigDecimal(quantity).multiply(BigDecimal.valueOf(unit)).longValueExact();
        long vat = net / 4;
        Invoice invoice = new Invoice(number, Invoice.Kind.INVOICE, Invoice.Status.BOOKED, number, us, LocalDate.of(2025, 3, 3), LocalDate.of(2025, 3, 11),
                null, "", List.of(new Invoice.Line(1, null, item, new BigDecimal(quantity), unit, net, "U25", 1010)), net, vat, net + vat, 0, 0, null, null);
        InvoicingProfile profile = new InvoicingProfile("Kaffevej 2", "2100", "København Ø", "DK", null, null, "1234", "99887766", null, null, null);
        return new EInvoiceWriter.Sale(seller, sellerCvr, profile, invoice, null, Map.of());
    }
}
