package dk.ledgerline.ledger;

import java.time.LocalDate;

/** One entry on an account statement (kontokort). */
public record StatementLine(LocalDate date, LocalDate fiscalYearStart, int voucherNumber, int line, String text, long amount, String vatCode) {
    public int fiscalYear() {
        return fiscalYearStart.getYear();
    }
}
