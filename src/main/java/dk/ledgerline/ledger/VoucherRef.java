package dk.ledgerline.ledger;

/** Names a voucher: its number is gapless within its fiscal year. */
public record VoucherRef(int fiscalYear, int number) {}
