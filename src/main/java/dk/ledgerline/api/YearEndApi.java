package dk.ledgerline.api;

import dk.ledgerline.identity.AuthenticationFilter;
import dk.ledgerline.identity.CompanyAccess;
import dk.ledgerline.identity.Principal;
import dk.ledgerline.ledger.VoucherRef;
import dk.ledgerline.ledger.YearEnd;
import dk.ledgerline.shared.Amounts;
import java.time.LocalDate;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Year-end closing (årsafslutning) of a fiscal year, and reopening it. An owner's act: it ends the
 * year's bookkeeping, and reopening undoes that.
 */
@RestController
@RequestMapping(path = "/api/v1/companies/{companyId}/fiscal-years/{label}/closing", produces = "application/json")
class YearEndApi {
    private final YearEnd yearEnd;

    YearEndApi(YearEnd yearEnd) {
        this.yearEnd = yearEnd;
    }

    /** {@code resultAccount}: the equity account the result goes to; 6950 Overført resultat when absent. */
    record ClosingRequest(Integer resultAccount) {}

    record ClosedView(int fiscalYear, LocalDate start, LocalDate end, boolean closed, String result, int resultAccount, VoucherRef voucher) {}

    record ReopenedView(int fiscalYear, LocalDate start, LocalDate end, boolean closed, VoucherRef reversal) {}

    @PostMapping
    ResponseEntity<ClosedView> close(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                                     @RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                                     @PathVariable int label, @RequestBody(required = false) ClosingRequest body) {
        access.requireOwner();
        YearEnd.Closed closed = yearEnd.close(access.companyId(), principal.userId(), label, body == null ? null : body.resultAccount());
        return ResponseEntity.status(201).body(new ClosedView(closed.year().label(), closed.year().start(), closed.year().end(), true,
                Amounts.format(closed.result()), closed.resultAccount(), closed.voucher()));
    }

    @DeleteMapping
    ReopenedView reopen(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                        @RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal, @PathVariable int label) {
        access.requireOwner();
        YearEnd.Reopened reopened = yearEnd.reopen(access.companyId(), principal.userId(), label);
        return new ReopenedView(reopened.year().label(), reopened.year().start(), reopened.year().end(), false, reopened.reversal());
    }
}
