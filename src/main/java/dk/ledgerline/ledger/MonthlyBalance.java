package dk.ledgerline.ledger;

import java.time.LocalDate;

/** One account's debits (≥ 0) and credits (≤ 0) in one month ({@code month} is its 1st), as the ledger keeps them. */
public record MonthlyBalance(LocalDate month, int account, long debit, long credit) {
    public long balance() {
        return debit + credit;
    }
}
