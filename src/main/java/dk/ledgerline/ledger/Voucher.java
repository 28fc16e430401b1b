package dk.ledgerline.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A posted voucher (bilag) and its audit trail: when and by whom it was registered, the currency and
 * rate when not DKK, and the voucher it reverses or is reversed by.
 */
public record Voucher(
        LocalDate fiscalYearStart,
        int number,
        LocalDate date,
        String text,
        String currency,
        BigDecimal exchangeRate,
        String source,
        Instant registeredAt,
        long registeredBy,
        VoucherRef reverses,
        VoucherRef reversedBy,
        List<Entry> entries) {

    /** The fiscal year's label: the calendar year it starts in. */
    public int fiscalYear() {
        return fiscalYearStart.getYear();
    }

    public VoucherRef ref() {
        return new VoucherRef(fiscalYear(), number);
    }
}
