package dk.ledgerline.ledger;

public enum AccountType {
    REVENUE, EXPENSE, ASSET, LIABILITY, EQUITY;

    /** Revenue and expense accounts make up the profit and loss (resultatopgørelse); the rest the balance sheet. */
    public boolean isProfitAndLoss() {
        return this == REVENUE || this == EXPENSE;
    }
}
