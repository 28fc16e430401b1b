package dk.ledgerline.invoicing;

import dk.ledgerline.ledger.VoucherRef;
import java.time.LocalDate;
import java.util.List;

/**
 * A supplier's invoice or credit note as received: a draft until it is booked as a voucher (expense
 * and input VAT against the creditors), known by the supplier's own number, with the document it
 * came as. Amounts in øre, signed as owed: {@code net}, {@code vat} (input VAT) and {@code total} are
 * negative on a credit note; the lines' net amounts are as the document states them.
 */
public record SupplierInvoice(long id, Invoice.Kind kind, Invoice.Status status, Supplier supplier, String supplierNumber, LocalDate issueDate,
                              LocalDate dueDate, List<Line> lines, long net, long vat, long total, long paid, Source source, String documentSha256,
                              VoucherRef voucher) {
    public enum Source { MANUAL, PEPPOL, OIOUBL }

    /** One line: its net amount, the expense account and VAT code it is booked with (null on a draft not yet decided). */
    public record Line(int line, String description, long net, Integer account, String vatCode) {}

    public long open() {
        return total - paid;
    }
}
