package dk.ledgerline.vat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The company's accounts for VAT: where each kind of VAT is posted, and where a settled period goes. */
public record VatAccounts(int salesVat, int purchaseVat, int goodsAbroadVat, int servicesAbroadVat, int settlement, int rounding) {
    /** Accounts from the standard chart: 7680, 7740, 7700, 7720, 7840 and 2720 Øreafrunding. */
    public static final VatAccounts STANDARD = new VatAccounts(7680, 7740, 7700, 7720, 7840, 2720);

    /**
     * Every role has its own account. The return reads each kind of VAT off its account's balance;
     * two kinds on one account cannot be told apart again (reverse charge posts +VAT and -VAT to the
     * output and input accounts, which on one account cancel out of both boxes).
     */
    public VatAccounts {
        Map<Integer, String> roles = new LinkedHashMap<>();
        String[] names = {"sales VAT", "purchase VAT", "VAT on goods bought abroad", "VAT on services bought abroad", "settlement", "rounding"};
        int[] numbers = {salesVat, purchaseVat, goodsAbroadVat, servicesAbroadVat, settlement, rounding};
        for (int i = 0; i < numbers.length; i++) {
            String before = roles.putIfAbsent(numbers[i], names[i]);
            if (before != null) {
                throw new IllegalArgumentException("account " + numbers[i] + " cannot hold both " + before + " and " + names[i]
                        + ": the VAT return tells the kinds of VAT apart by account");
            }
        }
    }

    /** The accounts that hold VAT itself; their balances are the return's VAT amounts. */
    public Set<Integer> vatHolding() {
        return Set.of(salesVat, purchaseVat, goodsAbroadVat, servicesAbroadVat);
    }
}
