package dk.ledgerline.web;

import dk.ledgerline.identity.AuthenticationFilter;
import dk.ledgerline.identity.CompanyAccess;
import dk.ledgerline.identity.Identity;
import dk.ledgerline.identity.Principal;
import dk.ledgerline.ledger.Account;
import dk.ledgerline.ledger.Ledger;
import dk.ledgerline.ledger.Page;
import dk.ledgerline.ledger.Voucher;
import dk.ledgerline.shared.ProblemException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/** Posted vouchers (bilag): a paged list by date, one voucher with its audit trail, and reversal. */
@Controller
public class VoucherPages {
    /** A screenful that still reads quickly; each voucher carries its entries. */
    static final int PAGE_SIZE = 50;
    /** Without a range the list covers every date the ledger accepts. */
    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

    private final Ledger ledger;
    private final Identity identity;
    private final Frames frames;

    VoucherPages(Ledger ledger, Identity identity, Frames frames) {
        this.ledger = ledger;
        this.identity = identity;
        this.frames = frames;
    }

    /** {@code from} and {@code to} as typed, so the form shows them back; {@code next} the link to the following page, or null. */
    public record VouchersPage(Frame frame, List<Voucher> vouchers, String from, String to, String next, boolean continued) {}

    public record ReversalForm(String date) {
        static final ReversalForm EMPTY = new ReversalForm("");
    }

    public record VoucherPage(Frame frame, Voucher voucher, Map<Integer, Account> accounts, String registeredBy,
                              ReversalForm form, Failure failure) {
        /** The ledger decides; the page only leaves out a button that could not succeed. */
        public boolean reversible() {
            return frame.canBookkeep() && voucher.reversedBy() == null && !Ledger.SOURCE_VAT_SETTLEMENT.equals(voucher.source());
        }

        public String accountName(int number) {
            Account account = accounts.get(number);
            return account == null ? "" : account.name();
        }
    }

    @GetMapping("/companies/{companyId}/vouchers")
    ModelAndView list(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                      @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                      @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                      @RequestParam(required = false) String cursor) {
        FormFields fields = new FormFields();
        LocalDate fromDate = fields.optionalDate("from", from);
        LocalDate toDate = fields.optionalDate("to", to);
        fields.throwIfAny("Datoerne kunne ikke læses.");
        Page<Voucher> page = ledger.vouchers(access.companyId(), fromDate == null ? EARLIEST : fromDate, toDate == null ? LATEST : toDate,
                cursor, PAGE_SIZE);
        String next = page.next() == null ? null : UriComponentsBuilder.fromPath("/companies/" + access.companyId() + "/vouchers")
                .queryParam("from", from == null ? "" : from).queryParam("to", to == null ? "" : to).queryParam("cursor", page.next())
                .encode().build().toUriString();
        Frame frame = frames.company(principal, access, "Bilag", Frame.Section.VOUCHERS);
        return Pages.render("vouchers", new VouchersPage(frame, page.items(), from == null ? "" : from, to == null ? "" : to, next,
                cursor != null && !cursor.isBlank()));
    }

    @GetMapping("/companies/{companyId}/vouchers/{fiscalYear}/{number}")
    ModelAndView voucher(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                         @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                         @PathVariable int fiscalYear, @PathVariable int number) {
        return voucherPage(principal, access, fiscalYear, number, ReversalForm.EMPTY, null, 200);
    }

    @PostMapping("/companies/{companyId}/vouchers/{fiscalYear}/{number}/reversal")
    ModelAndView reverse(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                         @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                         @PathVariable int fiscalYear, @PathVariable int number, ReversalForm form) {
        access.requireBookkeeper();
        try {
            FormFields fields = new FormFields();
            LocalDate date = fields.optionalDate("date", form.date());
            fields.throwIfAny("Bilaget blev ikke tilbageført.");
            Voucher reversal = ledger.reverse(access.companyId(), principal.userId(), fiscalYear, number, date).postedOrThrow("Bilaget blev ikke tilbageført; intet er gemt.").getFirst();
            return Pages.seeOther("/companies/" + access.companyId() + "/vouchers/" + reversal.fiscalYear() + "/" + reversal.number());
        } catch (ProblemException e) {
            return voucherPage(principal, access, fiscalYear, number, form, Failure.of(e), e.status());
        }
    }

    private ModelAndView voucherPage(Principal principal, CompanyAccess access, int fiscalYear, int number, ReversalForm form,
                                     Failure failure, int status) {
        Voucher voucher = ledger.voucher(access.companyId(), fiscalYear, number)
                .orElseThrow(() -> ProblemException.notFound("bilag " + fiscalYear + "/" + number));
        Map<Integer, Account> accounts = ledger.accounts(access.companyId()).stream().collect(Collectors.toMap(Account::number, Function.identity()));
        String registeredBy = identity.user(voucher.registeredBy()).map(u -> u.name() + " (" + u.email() + ")").orElse("bruger " + voucher.registeredBy());
        Frame frame = frames.company(principal, access, "Bilag " + fiscalYear + "/" + number, Frame.Section.VOUCHERS);
        return Pages.render("voucher", new VoucherPage(frame, voucher, accounts, registeredBy, form, failure), status);
    }
}
