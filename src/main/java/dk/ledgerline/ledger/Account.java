package dk.ledgerline.ledger;

/**
 * One account of a company's chart. {@code vatCode} is the code a new journal line on this account
 * starts with; {@code standardAccount} is the account of the public standard chart it maps to.
 */
public record Account(int number, String name, AccountType type, String vatCode, Integer standardAccount) {
    public static final int NUMBER_MAX = 99_999_999;
    public static final int NAME_LENGTH_MAX = 200;
}
