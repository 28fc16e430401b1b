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

    /** The invoice {@code id} of the company named {@code sellerName} with CVR {@code sellerCvr}, in {@code format}. */
    public Document document(long companyId, String sellerName, String sellerCvr, long id, Format format) {
        InvoicingProfile profile = profiles.profile(companyId);
        return tenants.readInCompany(companyId, () -> {
            Invoice invoice = reader.whole(companyId, store.invoice(companyId, id, false)
                    .orElseThrow(() -> ProblemException.notFound(Message.of("invoice.notFound", id))));
            if (invoice.status() != Invoice.Status.BOOKED) throw ProblemException.conflict(Message.of("einvoice.draft", id));
            Invoice credited = invoice.creditsId() == null ? null : reader.whole(companyId, store.invoice(companyId, invoice.creditsId(), false).orElseThrow());
            Map<Long, Product> products = new HashMap<>();
            for (Invoice.Line line : invoice.lines()) {
                if (line.productId() != null) store.product(companyId, line.productId()).ifPresent(p -> products.put(p.id(), p));
            }
            EInvoiceWriter.Sale sale = new EInvoiceWriter.Sale(sellerName, sellerCvr, profile, invoice, credited, products);
            try {
                byte[] xml = format == Format.PEPPOL ? EInvoiceWriter.peppol(sale) : EInvoiceWriter.oioubl(sale);
                return new Document(invoice, xml, format.fileName(invoice));
            } catch (EInvoiceWriter.Unwritable e) {
                throw ProblemException.conflict(Message.of(e.code(), invoice.customer().name()));
            }
        });
    }
}
