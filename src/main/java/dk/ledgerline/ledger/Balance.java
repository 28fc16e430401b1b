package dk.ledgerline.ledger;

/** The sum of debits (≥ 0) and credits (≤ 0) on one account and VAT code over a date range. */
public record Balance(int account, String vatCode, long debit, long credit) {
    public long balance() {
        return debit + credit;
    }
}
