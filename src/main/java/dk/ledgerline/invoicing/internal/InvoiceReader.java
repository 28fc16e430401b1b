package dk.ledgerline.invoicing.internal;

import dk.ledgerline.invoicing.Customer;
import dk.ledgerline.invoicing.Invoice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Invoices whole: their rows with their customers, lines and what payments have settled. */
@Component
public class InvoiceReader {
    private final InvoicingStore store;

    InvoiceReader(InvoicingStore store) {
        this.store = store;
    }

    public Invoice whole(long companyId, InvoicingStore.InvoiceRow row) {
        return assemble(companyId, List.of(row), true).getFirst();
    }

    /** {@code withLines} false leaves the lines out: a list shows totals, not lines. */
    public List<Invoice> assemble(long companyId, List<InvoicingStore.InvoiceRow> rows, boolean withLines) {
        Map<Long, Long> paid = store.paid(companyId, InvoicingStore.ids(rows));
        Map<Long, Long> fees = store.fees(companyId, InvoicingStore.ids(rows));
        Map<Long, Customer> customers = new HashMap<>();
        List<Invoice> invoices = new ArrayList<>();
        for (InvoicingStore.InvoiceRow r : rows) {
            Customer customer = customers.computeIfAbsent(r.customerId(), id -> store.customer(companyId, id)
                    .orElseThrow(() -> new IllegalStateException("invoice " + r.id() + " of company " + companyId + " names customer " + id + ", who is not there")));
            invoices.add(new Invoice(r.id(), r.kind(), r.status(), r.number(), customer, r.issueDate(), r.dueDate(), r.creditsId(), r.note(),
                    withLines ? store.lines(companyId, r.id()) : List.of(), r.net(), r.vat(), r.total(), paid.getOrDefault(r.id(), 0L), fees.getOrDefault(r.id(), 0L), r.voucher(), r.bookedAt()));
        }
        return invoices;
    }
}
