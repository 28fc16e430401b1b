package dk.ledgerline.invoicing;

import dk.ledgerline.invoicing.internal.EInvoiceWriter;
import dk.ledgerline.invoicing.internal.InvoiceReader;
import dk.ledgerline.invoicing.internal.InvoicingStore;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.ProblemException.Message;
import dk.ledgerline.shared.TenantTransactions;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Booked invoices and credit notes as e-invoices: Peppol BIS Billing 3.0 for the Peppol network and
 * OIOUBL 2.1 for NemHandel. A draft has no number and is not sent; a buyer without an electronic
 * address (GLN, CVR or a VAT number Peppol knows) cannot receive one.
 */
@Service
public class EInvoices {
    public enum Format {
        PEPPOL, OIOUBL;

        /** The file a download is named: invoice-12.peppol.xml. */
        public String fileName(Invoice invoice) {
            return (invoice.kind() == Invoice.Kind.INVOICE ? "invoice-" : "credit-note-") + invoice.number() + "." + name().toLowerCase(java.util.Locale.ROOT) + ".xml";
        }
    }

    private final InvoicingStore store;
    private final InvoiceReader reader;
    private final InvoicingProfiles profiles;
    private final TenantTransactions tenants;

    EInvoices(InvoicingStore store, InvoiceReader reader, InvoicingProfiles profiles, TenantTransactions tenants) {
        this.store = store;
        this.reader = reader;
        this.profiles = profiles;
        this.tenants = tenants;
    }

    public record Document(Invoice invoice, byte[] xml, String fileName) {}

    /** A booked invoice with all it is printed or sent with: the invoice it credits, its lines' products, the seller's profile. */
    public record Printable(Invoice invoice, Invoice credited, Map<Long, Product> products, InvoicingProfile profile) {
        /** The unit a line is counted in: its product's, or none for a line without one. */
        public String unit(Invoice.Line line) {
            Product product = line.productId() == null ? null : products.get(line.productId());
            return product == null ? "" : product.unit();
        }

        /** The payment line of a FIK (+71) slip, {@code +71<000000000000123+85123456<}; null without a creditor number or for a credit note. */
        public String fikLine() {
            if (profile.fikCreditor() == null || invoice.kind() != Invoice.Kind.INVOICE || invoice.number() == null) return null;
            return "+71<" + EInvoiceWriter.fikPaymentId(invoice.number()) + "+" + profile.fikCreditor() + "<";
        }
    }

    public Printable printable(long companyId, long id) {
        InvoicingProfile profile = profiles.profile(companyId);
        return tenants.readInCompany(companyId, () -> {
            Invoice invoice = reader.whole(companyId, store.invoice(companyId, id, false)
                    .orElseThrow(() -> ProblemException.notFound(Message.of("invoice.notFound", id))));
            Invoice credited = invoice.creditsId() == null ? null : reader.whole(companyId, store.invoice(companyId, invoice.creditsId(), false).orElseThrow());
            Map<Long, Product> products = new HashMap<>();
            for (Invoice.Line line : invoice.lines()) {
                if (line.productId() != null) store.product(companyId, line.productId()).ifPresent(p -> products.put(p.id(), p));
            }
            return new Printable(invoice, credited, products, profile);
        });
    }

    /** The invoice {@code id} of the company named {@code sellerName} with CVR {@code sellerCvr}, in {@code format}. */
    public Document document(long companyId, String sellerName, String sellerCvr, long id, Format format) {
        Printable p = printable(companyId, id);
        if (p.invoice().status() != Invoice.Status.BOOKED) throw ProblemException.conflict(Message.of("einvoice.draft", id));
        EInvoiceWriter.Sale sale = new EInvoiceWriter.Sale(sellerName, sellerCvr, p.profile(), p.invoice(), p.credited(), p.products());
        try {
            byte[] xml = format == Format.PEPPOL ? EInvoiceWriter.peppol(sale) : EInvoiceWriter.oioubl(sale);
            return new Document(p.invoice(), xml, format.fileName(p.invoice()));
        } catch (EInvoiceWriter.Unwritable e) {
            throw ProblemException.conflict(Message.of(e.code(), p.invoice().customer().name()));
        }
    }
}
