package dk.ledgerline.api;

import dk.ledgerline.identity.AuthenticationFilter;
import dk.ledgerline.identity.CompanyAccess;
import dk.ledgerline.identity.Principal;
import dk.ledgerline.ledger.VoucherRef;
import dk.ledgerline.vat.Vat;
import dk.ledgerline.vat.VatPeriod;
import dk.ledgerline.vat.VatReturn;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The VAT return (momsangivelse) per period, in whole kroner as the form asks, and its settlement. */
@RestController
@RequestMapping(path = "/api/v1/companies/{companyId}/vat-returns", produces = "application/json")
class VatApi {
    private final Vat vat;
    private final java.time.Clock clock;

    VatApi(Vat vat, java.time.Clock clock) {
        this.vat = vat;
        this.clock = clock;
    }

    record VatReturnView(String period, LocalDate from, LocalDate to, String salesVat, String purchaseVat, String vatOnGoodsPurchasesAbroad,
                         String vatOnServicePurchasesAbroad, String rubrikAGoods, String rubrikAServices, String rubrikBGoodsReported,
                         String rubrikBGoodsNotReported, String rubrikBServices, String rubrikC, String vatPayable, LocalDate deadline,
                         boolean settled, Instant settledAt, VoucherRef settlementVoucher) {
        static VatReturnView of(VatReturn r) {
            return new VatReturnView(r.period().label(), r.period().from(), r.period().to(), kroner(r.salesVat()), kroner(r.purchaseVat()),
                    kroner(r.vatOnGoodsPurchasesAbroad()), kroner(r.vatOnServicePurchasesAbroad()), kroner(r.rubrikAGoods()),
                    kroner(r.rubrikAServices()), kroner(r.rubrikBGoodsReported()), kroner(r.rubrikBGoodsNotReported()), kroner(r.rubrikBServices()),
                    kroner(r.rubrikC()), kroner(r.vatPayable()), r.deadline(), r.settled(), r.settledAt(), r.settlementVoucher());
        }

        /** Whole kroner, written as the API writes every amount. */
        private static String kroner(long wholeKroner) {
            return wholeKroner + ".00";
        }
    }

    @GetMapping
    Items<VatReturnView> ofYear(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @RequestParam(required = false) Integer year) {
        int y = year == null ? LocalDate.now(clock).getYear() : year;
        if (y < 1900 || y > 9998) throw dk.ledgerline.shared.ProblemException.badRequest("year must be between 1900 and 9998");
        return new Items<>(vat.returnsOfYear(access.companyId(), y).stream().map(VatReturnView::of).toList());
    }

    @GetMapping("/{period}")
    VatReturnView get(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable String period) {
        VatPeriod p = vat.period(access.companyId(), period);
        return VatReturnView.of(vat.vatReturn(access.companyId(), p));
    }

    @PostMapping("/{period}/settlement")
    ResponseEntity<VatReturnView> settle(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                                         @RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal, @PathVariable String period) {
        access.requireBookkeeper();
        VatPeriod p = vat.period(access.companyId(), period);
        return ResponseEntity.status(201).body(VatReturnView.of(vat.settle(access.companyId(), principal.userId(), p)));
    }
}
