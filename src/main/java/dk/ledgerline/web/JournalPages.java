package dk.ledgerline.web;

import dk.ledgerline.identity.AuthenticationFilter;
import dk.ledgerline.identity.CompanyAccess;
import dk.ledgerline.identity.Principal;
import dk.ledgerline.ledger.Account;
import dk.ledgerline.ledger.Journal;
import dk.ledgerline.ledger.Journals;
import dk.ledgerline.ledger.Ledger;
import dk.ledgerline.ledger.Voucher;
import dk.ledgerline.ledger.VoucherRef;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.vat.Vat;
import dk.ledgerline.vat.VatCode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** Draft journals (kassekladder): list and create them, edit their lines, post them. */
@Controller
public class JournalPages {
    private static final Pattern VOUCHER_REF = Pattern.compile("(\\d{4})/(\\d{1,9})");

    private final Journals journals;
    private final Ledger ledger;
    private final Vat vat;
    private final Frames frames;
    private final Clock clock;

    JournalPages(Journals journals, Ledger ledger, Vat vat, Frames frames, Clock clock) {
        this.journals = journals;
        this.ledger = ledger;
        this.vat = vat;
        this.frames = frames;
        this.clock = clock;
    }

    public record JournalForm(String name) {
        static final JournalForm EMPTY = new JournalForm("");
    }

    public record JournalsPage(Frame frame, List<Journal> journals, JournalForm form, Failure failure) {}

    public record LineForm(String document, String date, String text, String account, String amount, String vatCode, String contraAccount) {}

    /** The vouchers the last posting made, first and last, for the notice after a redirect. */
    public record PostedNotice(int count, VoucherRef first, VoucherRef last) {}

    public record JournalPage(Frame frame, Journal journal, List<Account> accounts, List<VatCode> vatCodes, LineForm form,
                              Failure failure, PostedNotice posted) {
        public String accountName(int number) {
            return accounts.stream().filter(a -> a.number() == number).map(Account::name).findFirst().orElse("");
        }

        /** The chart as the grid's account fields search it: number, name and the VAT code a line on it starts with. */
        public String accountsJson() {
            return JSON.writeValueAsString(accounts.stream().map(a -> new GridAccount(a.number(), a.name(), a.vatCode() == null ? "" : a.vatCode())).toList());
        }
    }

    record GridAccount(int number, String name, String vat) {}

    /** One line of the kassekladde as the grid appends it, or what was wrong with it. */
    public record LineFragment(Journal.Line line, String deleteAction, boolean canBookkeep, String accountName) {}

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    @GetMapping("/companies/{companyId}/journals")
    ModelAndView list(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                      @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access) {
        return listPage(principal, access, JournalForm.EMPTY, null, 200);
    }

    @PostMapping("/companies/{companyId}/journals")
    ModelAndView create(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                        @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, JournalForm form) {
        access.requireBookkeeper();
        try {
            Journal journal = journals.create(access.companyId(), principal.userId(), form.name());
            return Pages.seeOther(base(access) + "/journals/" + journal.id());
        } catch (ProblemException e) {
            return listPage(principal, access, form, Failure.of(e), e.status());
        }
    }

    @GetMapping("/companies/{companyId}/journals/{journalId}")
    ModelAndView journal(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                         @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long journalId,
                         @RequestParam(required = false) Integer posted, @RequestParam(required = false) String first,
                         @RequestParam(required = false) String last) {
        PostedNotice notice = posted == null ? null : new PostedNotice(posted, ref(first), ref(last));
        return journalPage(principal, access, journalId, null, null, notice, 200);
    }

    /**
     * Adds a line. The grid asks with {@code Ledgerline-Swap} and gets the new row to append (or, for a
     * mistake, 422 with what is wrong) and stays on the page; without script the page is shown again.
     */
    @PostMapping("/companies/{companyId}/journals/{journalId}/lines")
    ModelAndView addLine(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                         @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long journalId, LineForm form,
                         @RequestHeader(name = "Ledgerline-Swap", required = false) String swap) {
        access.requireBookkeeper();
        try {
            FormFields fields = new FormFields();
            Integer document = fields.optionalWholeNumber("document", form.document());
            if (document != null && document < 1) fields.add("document", "form.positive");
            LocalDate date = fields.date("date", form.date());
            Integer account = fields.wholeNumber("account", form.account());
            Long amount = fields.amount("amount", form.amount());
            Integer contra = fields.optionalWholeNumber("contraAccount", form.contraAccount());
            fields.throwIfAny("form.lineNotAdded");
            Journal.Line line = new Journal.Line(0, document == null ? 0 : document, date, form.text() == null ? "" : form.text(),
                    account, amount, FormFields.optionalText(form.vatCode()), contra);
            Journal.Line added = journals.addLine(access.companyId(), journalId, line);
            if ("1".equals(swap)) {
                String name = ledger.account(access.companyId(), added.account()).map(Account::name).orElse("");
                return Pages.render("tags/journalLineFragment", new LineFragment(added, base(access) + "/journals/" + journalId + "/lines/" + added.id() + "/delete",
                        true, name));
            }
            return Pages.seeOther(base(access) + "/journals/" + journalId + "#new-line");
        } catch (ProblemException e) {
            if ("1".equals(swap)) return Pages.render("tags/failureFragment", Failure.of(e), e.status());
            return journalPage(principal, access, journalId, form, Failure.of(e), null, e.status());
        }
    }

    /** The pages' script swaps the row for the empty answer (it asks with {@code Ledgerline-Swap}); without it the page is shown again. */
    @PostMapping("/companies/{companyId}/journals/{journalId}/lines/{lineId}/delete")
    Object deleteLine(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long journalId,
                      @PathVariable long lineId, @RequestHeader(name = "Ledgerline-Swap", required = false) String swap) {
        access.requireBookkeeper();
        journals.deleteLine(access.companyId(), journalId, lineId);
        if ("1".equals(swap)) return ResponseEntity.ok().header("Content-Type", "text/html;charset=UTF-8").body("");
        return Pages.seeOther(base(access) + "/journals/" + journalId);
    }

    @PostMapping("/companies/{companyId}/journals/{journalId}/posting")
    ModelAndView post(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                      @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long journalId) {
        access.requireBookkeeper();
        try {
            List<Voucher> vouchers = journals.post(access.companyId(), principal.userId(), journalId).postedOrThrow(ProblemException.Message.of("form.journalNotPosted"));
            VoucherRef first = vouchers.getFirst().ref();
            VoucherRef last = vouchers.getLast().ref();
            return Pages.seeOther(base(access) + "/journals/" + journalId + "?posted=" + vouchers.size()
                    + "&first=" + first.fiscalYear() + "/" + first.number() + "&last=" + last.fiscalYear() + "/" + last.number());
        } catch (ProblemException e) {
            return journalPage(principal, access, journalId, null, Failure.of(e), null, e.status());
        }
    }

    @PostMapping("/companies/{companyId}/journals/{journalId}/delete")
    ModelAndView delete(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long journalId) {
        access.requireBookkeeper();
        journals.delete(access.companyId(), journalId);
        return Pages.seeOther(base(access) + "/journals");
    }

    private ModelAndView listPage(Principal principal, CompanyAccess access, JournalForm form, Failure failure, int status) {
        Frame frame = frames.company(principal, access, Languages.t("title.journals"), Frame.Section.JOURNALS);
        return Pages.render("journals", new JournalsPage(frame, journals.journals(access.companyId()), form, failure), status);
    }

    private ModelAndView journalPage(Principal principal, CompanyAccess access, long journalId, LineForm form, Failure failure,
                                     PostedNotice posted, int status) {
        Journal journal = journals.journal(access.companyId(), journalId);
        Frame frame = frames.company(principal, access, Languages.t("title.journal", journal.name()), Frame.Section.JOURNALS);
        LineForm shown = form != null ? form : emptyLine(journal);
        return Pages.render("journal", new JournalPage(frame, journal, ledger.accounts(access.companyId()), vat.codes(), shown, failure, posted), status);
    }

    /** A new line starts on the date of the last one, since a kassekladde is typed in date order. */
    private LineForm emptyLine(Journal journal) {
        LocalDate date = journal.lines().isEmpty() ? LocalDate.now(clock) : journal.lines().getLast().date();
        return new LineForm("", Labels.date(date), "", "", "", "", "");
    }

    private static VoucherRef ref(String text) {
        Matcher m = VOUCHER_REF.matcher(text == null ? "" : text);
        return m.matches() ? new VoucherRef(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))) : null;
    }

    private static String base(CompanyAccess access) {
        return "/companies/" + access.companyId();
    }
}
