package dk.ledgerline.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A voucher as the user wrote it: lines in the voucher's currency, gross or net as their VAT codes
 * say. Posting expands VAT, converts to DKK and checks everything before anything is written.
 */
public record VoucherDraft(LocalDate date, String text, String currency, BigDecimal exchangeRate, List<Line> lines) {
    public static final int LINES_MAX = 500;
    public static final int TEXT_LENGTH_MAX = 250;
    public static final String HOME_CURRENCY = "DKK";

    public VoucherDraft {
        lines = lines == null ? List.of() : List.copyOf(lines);
        currency = currency == null || currency.isBlank() ? HOME_CURRENCY : currency;
    }

    public static VoucherDraft inKroner(LocalDate date, String text, List<Line> lines) {
        return new VoucherDraft(date, text, HOME_CURRENCY, null, lines);
    }

    /** {@code amount} in minor units of the voucher's currency; positive is debit, negative credit. */
    public record Line(int account, long amount, String vatCode, String text) {}
}
