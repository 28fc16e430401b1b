package dk.ledgerline.vat;

import dk.ledgerline.ledger.VoucherRef;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The VAT return (momsangivelse) of one period, in whole kroner as the form asks. A settled return
 * is the one that was filed, frozen; an open one is computed from the ledger as it stands.
 */
public record VatReturn(
        VatPeriod period,
        long salesVat,
        long purchaseVat,
        long vatOnGoodsPurchasesAbroad,
        long vatOnServicePurchasesAbroad,
        long rubrikAGoods,
        long rubrikAServices,
        long rubrikBGoodsReported,
        long rubrikBGoodsNotReported,
        long rubrikBServices,
        long rubrikC,
        long vatPayable,
        boolean settled,
        Instant settledAt,
        VoucherRef settlementVoucher) {

    public LocalDate deadline() {
        return period.deadline();
    }
}
