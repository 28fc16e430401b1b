package dk.ledgerline.web;

import dk.ledgerline.identity.AuthenticationFilter;
import dk.ledgerline.identity.CompanyAccess;
import dk.ledgerline.identity.Principal;
import dk.ledgerline.ledger.Account;
import dk.ledgerline.ledger.AccountType;
import dk.ledgerline.ledger.FiscalYear;
import dk.ledgerline.ledger.Ledger;
import dk.ledgerline.ledger.YearEnd;
import dk.ledgerline.shared.ProblemException;
import java.time.Clock;
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

/**
 * The fiscal years (regnskabsår), and year-end closing (årsafslutning): the owner sees what closing
 * will post before confirming it, and may reopen the last closed year.
 */
@Controller
public class FiscalYearPages {
    private final Ledger ledger;
    private final YearEnd yearEnd;
    private final Frames frames;
    private final Clock clock;

    FiscalYearPages(Ledger ledger, YearEnd yearEnd, Frames frames, Clock clock) {
        this.ledger = ledger;
        this.yearEnd = yearEnd;
        this.frames = frames;
        this.clock = clock;
    }

    public record YearsPage(Frame frame, List<FiscalYear> years, LocalDate today, String notice, Failure failure) {
        /** The first open year that has ended: the one to close next. */
        public boolean closeable(FiscalYear year) {
            FiscalYear next = years.stream().filter(y -> !y.closed()).findFirst().orElse(null);
            return year.equals(next) && year.end().isBefore(today);
        }

        /** The last closed year: the only one that can be reopened. */
        public boolean reopenable(FiscalYear year) {
            return year.closed() && years.stream().noneMatch(y -> y.closed() && y.start().isAfter(year.start()));
        }

        public LocalDate nextStart() {
            return years.isEmpty() ? null : years.getLast().end().plusDays(1);
        }
    }

    /** The closing voucher's lines beside the accounts' names, as the owner confirms it. */
    public record ClosingPage(Frame frame, YearEnd.Plan plan, Map<Integer, Account> accounts, List<Account> equityAccounts, Failure failure) {
        public String name(int account) {
            Account found = accounts.get(account);
            return found == null ? "" : found.name();
        }
    }

    @GetMapping("/companies/{companyId}/fiscal-years")
    ModelAndView years(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                       @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                       @RequestParam(required = false) Integer closed, @RequestParam(required = false) Integer reopened,
                       @RequestParam(required = false) Integer opened) {
        // Only a year's number is echoed: a link cannot put words of its own on the page.
        String notice = closed != null ? Languages.t("notice.yearClosed", closed)
                : reopened != null ? Languages.t("notice.yearReopened", reopened)
                : opened != null ? Languages.t("notice.yearOpened", opened) : null;
        return yearsPage(principal, access, notice, null, 200);
    }

    @PostMapping("/companies/{companyId}/fiscal-years")
    ModelAndView open(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                      @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access) {
        access.requireOwner();
        List<FiscalYear> years = ledger.fiscalYears(access.companyId());
        if (years.isEmpty()) throw new IllegalStateException("company " + access.companyId() + " has no fiscal year to follow");
        try {
            FiscalYear opened = ledger.openFiscalYear(access.companyId(), years.getLast().end().plusDays(1));
            return Pages.seeOther("/companies/" + access.companyId() + "/fiscal-years?opened=" + opened.label());
        } catch (ProblemException e) {
            return yearsPage(principal, access, null, Failure.of(e), e.status());
        }
    }

    @GetMapping("/companies/{companyId}/fiscal-years/{label}/closing")
    ModelAndView closing(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                         @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable int label,
                         @RequestParam(required = false) Integer resultAccount) {
        access.requireOwner();
        return closingPage(principal, access, label, resultAccount, null, 200);
    }

    @PostMapping("/companies/{companyId}/fiscal-years/{label}/closing")
    ModelAndView close(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                       @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable int label,
                       @RequestParam(required = false) Integer resultAccount) {
        access.requireOwner();
        try {
            yearEnd.close(access.companyId(), principal.userId(), label, resultAccount);
            return Pages.seeOther("/companies/" + access.companyId() + "/fiscal-years?closed=" + label);
        } catch (ProblemException e) {
            return closingPage(principal, access, label, resultAccount, Failure.of(e), e.status());
        }
    }

    @PostMapping("/companies/{companyId}/fiscal-years/{label}/reopening")
    ModelAndView reopen(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                        @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable int label) {
        access.requireOwner();
        try {
            yearEnd.reopen(access.companyId(), principal.userId(), label);
            return Pages.seeOther("/companies/" + access.companyId() + "/fiscal-years?reopened=" + label);
        } catch (ProblemException e) {
            return yearsPage(principal, access, null, Failure.of(e), e.status());
        }
    }

    private ModelAndView yearsPage(Principal principal, CompanyAccess access, String notice, Failure failure, int status) {
        Frame frame = frames.company(principal, access, Languages.t("title.fiscalYears"), Frame.Section.REPORTS);
        return Pages.render("fiscalYears", new YearsPage(frame, ledger.fiscalYears(access.companyId()), LocalDate.now(clock), notice, failure), status);
    }

    private ModelAndView closingPage(Principal principal, CompanyAccess access, int label, Integer resultAccount, Failure failure, int status) {
        YearEnd.Plan plan = yearEnd.plan(access.companyId(), label, resultAccount);
        List<Account> chart = ledger.accounts(access.companyId());
        Frame frame = frames.company(principal, access, Languages.t("title.closing", label), Frame.Section.REPORTS);
        return Pages.render("closing", new ClosingPage(frame, plan, chart.stream().collect(Collectors.toMap(Account::number, Function.identity())),
                chart.stream().filter(a -> a.type() == AccountType.EQUITY).toList(), failure), status);
    }
}
