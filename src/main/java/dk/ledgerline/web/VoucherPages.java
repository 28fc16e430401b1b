package dk.ledgerline.web;

import dk.ledgerline.documents.Document;
import dk.ledgerline.documents.Documents;
import dk.ledgerline.identity.AuthenticationFilter;
import dk.ledgerline.identity.CompanyAccess;
import dk.ledgerline.identity.Identity;
import dk.ledgerline.identity.Principal;
import dk.ledgerline.ledger.Account;
import dk.ledgerline.ledger.Ledger;
import dk.ledgerline.ledger.Voucher;
import dk.ledgerline.ledger.VoucherSearch;
import dk.ledgerline.ledger.YearEnd;
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
    private final Documents documents;

    VoucherPages(Ledger ledger, Identity identity, Frames frames, Documents documents) {
        this.documents = documents;
        this.ledger = ledger;
        this.identity = identity;
        this.frames = frames;
    }

    /** What was searched for, as typed, so the form shows it back. */
    public record Search(String from, String to, String text, String amount, String account, String number) {
        public boolean any() {
            return !(from + to + text + amount + account + number).isBlank();
        }
    }

    /** Newest first; {@code older} and {@code newer} link to the pages either side, or are null at the ends. */
    public record VouchersPage(Frame frame, List<Voucher> vouchers, Search search, String older, String newer, Failure failure) {}

    public record ReversalForm(String date) {
        static final ReversalForm EMPTY = new ReversalForm("");
    }

    public record VoucherPage(Frame frame, Voucher voucher, Map<Integer, Account> accounts, String registeredBy,
                              ReversalForm form, Failure failure, List<Document> documents) {
        /** The ledger decides; the page only leaves out a button that could not succeed. */
        public boolean reversible() {
            return frame.canBookkeep() && voucher.reversedBy() == null && !Ledger.SOURCE_VAT_SETTLEMENT.equals(voucher.source())
                    && !YearEnd.SOURCES.contains(voucher.source());
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
                      @RequestParam(required = false) String q, @RequestParam(required = false) String amount,
                      @RequestParam(required = false) String account, @RequestParam(required = false) String number,
                      @RequestParam(required = false) String cursor, @RequestParam(required = false) String dir) {
        Search typed = new Search(blankIfNull(from), blankIfNull(to), blankIfNull(q), blankIfNull(amount), blankIfNull(account), blankIfNull(number));
        Frame frame = frames.company(principal, access, Languages.t("title.vouchers"), Frame.Section.VOUCHERS);
        FormFields fields = new FormFields();
        LocalDate fromDate = fields.optionalDate("from", from);
        LocalDate toDate = fields.optionalDate("to", to);
        Long amountMinor = typed.amount().isBlank() ? null : fields.amount("amount", typed.amount());
        Integer accountNumber = fields.optionalWholeNumber("account", account);
        Integer voucherNumber = fields.optionalWholeNumber("number", number);
        if (typed.text().length() > VoucherSearch.TEXT_LENGTH_MAX) fields.add("text", "text.tooLong", VoucherSearch.TEXT_LENGTH_MAX);
        try {
            fields.throwIfAny("form.searchUnreadable");
        } catch (ProblemException e) {
            return Pages.render("vouchers", new VouchersPage(frame, List.of(), typed, null, null, Failure.of(e)), e.status());
        }
        VoucherSearch search = new VoucherSearch(fromDate == null ? EARLIEST : fromDate, toDate == null ? LATEST : toDate,
                FormFields.optionalText(q), amountMinor, accountNumber, voucherNumber);
        VoucherSearch.Results found = ledger.search(access.companyId(), search, cursor, "newer".equals(dir), PAGE_SIZE);
        return Pages.render("vouchers", new VouchersPage(frame, found.items(), typed,
                link(access, typed, found.older(), "older"), link(access, typed, found.newer(), "newer"), null));
    }

    private static String link(CompanyAccess access, Search search, String cursor, String direction) {
        if (cursor == null) return null;
        return UriComponentsBuilder.fromPath("/companies/" + access.companyId() + "/vouchers")
                .queryParam("from", search.from()).queryParam("to", search.to()).queryParam("q", search.text())
                .queryParam("amount", search.amount()).queryParam("account", search.account()).queryParam("number", search.number())
                .queryParam("cursor", cursor).queryParam("dir", direction)
                .encode().build().toUriString();
    }

    private static String blankIfNull(String text) {
        return text == null ? "" : text.strip();
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
            fields.throwIfAny("form.notReversed");
            Voucher reversal = ledger.reverse(access.companyId(), principal.userId(), fiscalYear, number, date).postedOrThrow(ProblemException.Message.of("form.notReversedNothingStored")).getFirst();
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
        Frame frame = frames.company(principal, access, Languages.t("title.voucher", fiscalYear + "/" + number), Frame.Section.VOUCHERS);
        return Pages.render("voucher", new VoucherPage(frame, voucher, accounts, registeredBy, form, failure,
                documents.ofVoucher(access.companyId(), voucher)), status);
    }
}
