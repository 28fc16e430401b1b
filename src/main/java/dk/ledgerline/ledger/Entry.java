package dk.ledgerline.ledger;

/**
 * One posted line of a voucher, in DKK øre. VAT entries carry the VAT code of the line they came
 * from, so that both the base and its VAT show in the audit trail under one code.
 */
public record Entry(int line, int account, long amount, Long currencyAmount, String vatCode, String text) {}
