package dk.ledgerline.invoicing;

import dk.ledgerline.ledger.VoucherRef;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A sales invoice or credit note. A draft has no number and may change; a booked one has the next
 * number of the company's one series (credit notes included), a voucher in the ledger, and never
 * changes again. Amounts in øre: {@code net} without VAT, {@code vat}, {@code total} what the customer
 * owes (negative for a credit note); {@code paid} what payments, and a credit note of it, have settled;
 * {@code fees} the reminder fees charged on it.
 */
public record Invoice(long id, Kind kind, Status status, Integer number, Customer customer, LocalDate issueDate, LocalDate dueDate,
                      Long creditsId, String note, List<Line> lines, long net, long vat, long total, long paid, long fees, VoucherRef voucher,
                      Instant bookedAt) {
    public static final int LINES_MAX = 500;
    public static final int NOTE_LENGTH_MAX = 1_000;

    public enum Kind { INVOICE, CREDIT_NOTE }

    public enum Status { DRAFT, BOOKED }

    /** One line: {@code net} = quantity × unit price, half-up to the øre; {@code vatCode} as it is booked. */
    public record Line(int line, Long productId, String description, BigDecimal quantity, long unitPrice, long net, String vatCode, int account) {}

    /** What the customer still owes: the total and any reminder fees, less what has settled it. */
    public long open() {
        return total + fees - paid;
    }
}
