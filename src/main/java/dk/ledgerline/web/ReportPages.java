package dk.ledgerline.web;

import dk.ledgerline.identity.AuthenticationFilter;
import dk.ledgerline.identity.CompanyAccess;
import dk.ledgerline.identity.Principal;
import dk.ledgerline.ledger.Account;
import dk.ledgerline.ledger.Ledger;
import dk.ledgerline.reporting.Reports;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Trial balance (saldobalance), profit and loss (resultatopgørelse), balance sheet (balance) and
 * account statement (kontokort), each for a range chosen on the page and downloadable as CSV.
 */
@Controller
public class ReportPages {
    /** Entries per page of a statement on screen; the CSV download holds them all. */
    static final int STATEMENT_PAGE_SIZE = 500;

    private final Reports reports;
    private final Ledger ledger;
    private final ReportRanges ranges;
    private final Frames frames;

    ReportPages(Reports reports, Ledger ledger, ReportRanges ranges, Frames frames) {
        this.reports = reports;
        this.ledger = ledger;
        this.ranges = ranges;
        this.frames = frames;
    }

    public record IndexPage(Frame frame) {}

    /** {@code drillDown}: the account statement of the same range, its account number to be appended. */
    public record TrialBalancePage(Frame frame, Reports.TrialBalance report, String csv, String pdf, String drillDown) {}

    public record ProfitAndLossPage(Frame frame, Reports.ProfitAndLoss report, String csv, String pdf, String drillDown) {}

    public record BalanceSheetPage(Frame frame, Reports.BalanceSheet report, String csv, String pdf, String drillDown) {}

    /** {@code statement} is null until an account is chosen. */
    public record StatementPage(Frame frame, List<Account> accounts, Integer account, Reports.Range range,
                                Reports.AccountStatement statement, String csv, String next) {}

    @GetMapping("/companies/{companyId}/reports")
    ModelAndView index(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                       @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access) {
        return Pages.render("reports", new IndexPage(frames.company(principal, access, Languages.t("title.reports"), Frame.Section.REPORTS)));
    }

    @GetMapping("/companies/{companyId}/reports/trial-balance")
    ModelAndView trialBalance(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                              @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                              @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Reports.Range range = ranges.range(access.companyId(), from, to);
        Reports.TrialBalance report = reports.trialBalance(access.companyId(), range);
        Frame frame = frames.company(principal, access, Languages.t("title.trialBalance"), Frame.Section.REPORTS);
        return Pages.render("trialBalance", new TrialBalancePage(frame, report, download(frame, "trial-balance.csv", range),
                download(frame, "trial-balance.pdf", range), drillDown(frame, range)));
    }

    @GetMapping("/companies/{companyId}/reports/profit-and-loss")
    ModelAndView profitAndLoss(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                               @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                               @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Reports.Range range = ranges.range(access.companyId(), from, to);
        Reports.ProfitAndLoss report = reports.profitAndLoss(access.companyId(), range);
        Frame frame = frames.company(principal, access, Languages.t("title.profitAndLoss"), Frame.Section.REPORTS);
        return Pages.render("profitAndLoss", new ProfitAndLossPage(frame, report, download(frame, "profit-and-loss.csv", range),
                download(frame, "profit-and-loss.pdf", range), drillDown(frame, range)));
    }

    @GetMapping("/companies/{companyId}/reports/balance-sheet")
    ModelAndView balanceSheet(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                              @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                              @RequestParam(required = false) String at) {
        LocalDate date = ranges.at(access.companyId(), at);
        Reports.BalanceSheet report = reports.balanceSheet(access.companyId(), date);
        Frame frame = frames.company(principal, access, Languages.t("title.balanceSheet"), Frame.Section.REPORTS);
        String csv = UriComponentsBuilder.fromPath(frame.base() + "/reports/balance-sheet.csv").queryParam("at", date).build().toUriString();
        String pdf = UriComponentsBuilder.fromPath(frame.base() + "/reports/balance-sheet.pdf").queryParam("at", date).build().toUriString();
        // a balance is the sum since the first year: its statement opens with the year's opening balance
        Reports.Range year = reports.range(access.companyId(), null, null);
        LocalDate yearStart = ledger.fiscalYears(access.companyId()).stream().filter(y -> y.contains(date)).map(dk.ledgerline.ledger.FiscalYear::start)
                .findFirst().orElse(year.from().isAfter(date) ? date : year.from());
        return Pages.render("balanceSheet", new BalanceSheetPage(frame, report, csv, pdf, drillDown(frame, new Reports.Range(yearStart, date))));
    }

    @GetMapping("/companies/{companyId}/reports/account-statement")
    ModelAndView accountStatement(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                                  @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                                  @RequestParam(required = false) Integer account, @RequestParam(required = false) String from,
                                  @RequestParam(required = false) String to, @RequestParam(required = false) String cursor) {
        Reports.Range range = ranges.range(access.companyId(), from, to);
        Frame frame = frames.company(principal, access, Languages.t("title.accountStatement"), Frame.Section.REPORTS);
        List<Account> accounts = ledger.accounts(access.companyId());
        if (account == null) return Pages.render("accountStatement", new StatementPage(frame, accounts, null, range, null, null, null));
        Reports.AccountStatement statement = reports.accountStatement(access.companyId(), account, range, cursor, STATEMENT_PAGE_SIZE);
        String csv = UriComponentsBuilder.fromPath(frame.base() + "/reports/account-statement.csv").queryParam("account", account)
                .queryParam("from", range.from()).queryParam("to", range.to()).build().toUriString();
        String next = statement.next() == null ? null : UriComponentsBuilder.fromPath(frame.base() + "/reports/account-statement")
                .queryParam("account", account).queryParam("from", range.from()).queryParam("to", range.to())
                .queryParam("cursor", statement.next()).encode().build().toUriString();
        return Pages.render("accountStatement", new StatementPage(frame, accounts, account, range, statement, csv, next));
    }

    private static String download(Frame frame, String file, Reports.Range range) {
        return UriComponentsBuilder.fromPath(frame.base() + "/reports/" + file).queryParam("from", range.from()).queryParam("to", range.to())
                .build().toUriString();
    }

    private static String drillDown(Frame frame, Reports.Range range) {
        return UriComponentsBuilder.fromPath(frame.base() + "/reports/account-statement").queryParam("from", range.from()).queryParam("to", range.to())
                .build().toUriString() + "&account=";
    }
}
