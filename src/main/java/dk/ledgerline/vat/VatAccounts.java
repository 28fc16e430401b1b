package dk.ledgerline.vat;

import java.util.Set;

/** The company's accounts for VAT: where each kind of VAT is posted, and where a settled period goes. */
public record VatAccounts(int salesVat, int purchaseVat, int goodsAbroadVat, int servicesAbroadVat, int settlement, int rounding) {
    /** Accounts from the standard chart: 7680, 7740, 7700, 7720, 7840 and 2720 Øreafrunding. */
    public static final VatAccounts STANDARD = new VatAccounts(7680, 7740, 7700, 7720, 7840, 2720);

    /** The accounts that hold VAT itself; their balances are the return's VAT amounts. */
    public Set<Integer> vatHolding() {
        return Set.of(salesVat, purchaseVat, goodsAbroadVat, servicesAbroadVat);
    }
}
