package dk.ledgerline.api;

import dk.ledgerline.identity.CompanyAccess;
import dk.ledgerline.ledger.AccountType;
import dk.ledgerline.reporting.ReportCsv;
import dk.ledgerline.reporting.Reports;
import dk.ledgerline.reporting.Statement;
import dk.ledgerline.shared.Amounts;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.StreamedResponses;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reports as JSON, or as semicolon-separated CSV with {@code Accept: text/csv} or {@code ?format=csv}. */
@RestController
@RequestMapping("/api/v1/companies/{companyId}")
class ReportsApi {
    static final String CSV = "text/csv;charset=UTF-8";

    private final Reports reports;

    ReportsApi(Reports reports) {
        this.reports = reports;
    }

    /** {@code debit}, {@code credit} and {@code balance} are the range's own movement; {@code yearEnd} a year-end closing's transfer. */
    record LineView(int number, String name, AccountType type, String opening, String debit, String credit, String balance, String yearEnd, String closing) {
        static LineView of(Reports.AccountLine a) {
            return new LineView(a.number(), a.name(), a.type(), Amounts.format(a.opening()), Amounts.format(a.debit()), Amounts.format(a.credit()),
                    Amounts.format(a.balance()), Amounts.format(a.yearEnd()), Amounts.format(a.closing()));
        }
    }

    /** {@code priorResult}: earlier years' result that no closing moved to equity; the opening and closing columns hold it on no account. */
    record Totals(String priorResult, String opening, String debit, String credit, String balance, String yearEnd, String closing) {}

    record TrialBalanceView(LocalDate from, LocalDate to, List<LineView> accounts, Totals totals) {}

    @GetMapping(path = "/reports/trial-balance", produces = "application/json")
    TrialBalanceView trialBalance(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                                  @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Reports.TrialBalance t = reports.trialBalance(access.companyId(), range(access, from, to));
        return new TrialBalanceView(t.range().from(), t.range().to(), t.accounts().stream().map(LineView::of).toList(),
                new Totals(Amounts.format(t.priorResult()), Amounts.format(t.opening()), Amounts.format(t.debit()), Amounts.format(t.credit()),
                        Amounts.format(t.balance()), Amounts.format(t.yearEnd()), Amounts.format(t.closing())));
    }

    @GetMapping(path = "/reports/trial-balance", produces = CSV)
    ResponseEntity<String> trialBalanceCsv(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                                           @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Reports.TrialBalance t = reports.trialBalance(access.companyId(), range(access, from, to));
        return csv("saldobalance", t.range(), ReportCsv.trialBalance(t, ReportCsv.Form.MACHINE));
    }

    record SectionView(String name, List<LineView> accounts, String total) {
        static SectionView of(Reports.Section s) {
            return new SectionView(s.name(), s.accounts().stream().map(LineView::of).toList(), Amounts.format(s.total()));
        }
    }

    record StatementLineView(Integer account, String name, String amount, String comparison) {}

    /** A group of accounts ({@code kind} "group", with its lines) or a subtotal ("subtotal"), as the statement shows it. */
    record RowView(String kind, String key, String name, String amount, String comparison, List<StatementLineView> lines) {
        static List<RowView> of(Statement statement) {
            return statement.rows().stream().map(row -> switch (row) {
                case Statement.Group g -> new RowView("group", g.key(), g.name(), Amounts.format(g.amount()), Amounts.format(g.comparison()),
                        g.lines().stream().map(l -> new StatementLineView(l.account(), l.name(), Amounts.format(l.amount()), Amounts.format(l.comparison()))).toList());
                case Statement.Subtotal t -> new RowView("subtotal", t.key(), t.name(), Amounts.format(t.amount()), Amounts.format(t.comparison()), List.of());
            }).toList();
        }
    }

    record ProfitAndLossView(LocalDate from, LocalDate to, LocalDate comparisonFrom, LocalDate comparisonTo, List<RowView> rows,
                             SectionView revenue, SectionView expenses, String result, String comparisonResult) {}

    /** The range's profit and loss beside a comparison range: the same dates a year before unless {@code compareFrom} and {@code compareTo} say otherwise. */
    @GetMapping(path = "/reports/profit-and-loss", produces = "application/json")
    ProfitAndLossView profitAndLoss(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                                    @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                    @RequestParam(required = false) String compareFrom, @RequestParam(required = false) String compareTo) {
        Reports.ProfitAndLoss p = profitAndLossOf(access, from, to, compareFrom, compareTo);
        return new ProfitAndLossView(p.range().from(), p.range().to(), p.comparison().from(), p.comparison().to(), RowView.of(p.statement()),
                SectionView.of(p.revenue()), SectionView.of(p.expenses()), Amounts.format(p.result()), Amounts.format(p.comparisonResult()));
    }

    @GetMapping(path = "/reports/profit-and-loss", produces = CSV)
    ResponseEntity<String> profitAndLossCsv(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                                            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                            @RequestParam(required = false) String compareFrom, @RequestParam(required = false) String compareTo) {
        Reports.ProfitAndLoss p = profitAndLossOf(access, from, to, compareFrom, compareTo);
        return csv("resultatopgoerelse", p.range(), ReportCsv.profitAndLoss(p, ReportCsv.Form.MACHINE));
    }

    /** {@code resultNotTransferred} is {@code currentResult} (this fiscal year's) and {@code priorResult} (earlier years' not yet closed) together. */
    record BalanceSheetView(LocalDate at, LocalDate comparisonAt, List<RowView> rows, SectionView assets, SectionView liabilities, SectionView equity,
                            String currentResult, String priorResult, String resultNotTransferred, String totalAssets, String totalLiabilitiesAndEquity) {}

    @GetMapping(path = "/reports/balance-sheet", produces = "application/json")
    BalanceSheetView balanceSheet(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                                  @RequestParam(required = false) String at, @RequestParam(required = false) String to) {
        Reports.BalanceSheet b = balanceSheetAt(access, at, to);
        return new BalanceSheetView(b.at(), b.comparisonAt(), RowView.of(b.statement()), SectionView.of(b.assets()), SectionView.of(b.liabilities()),
                SectionView.of(b.equity()), Amounts.format(b.currentResult()), Amounts.format(b.priorResult()), Amounts.format(b.resultNotTransferred()),
                Amounts.format(b.totalAssets()), Amounts.format(b.totalLiabilitiesAndEquity()));
    }

    @GetMapping(path = "/reports/balance-sheet", produces = CSV)
    ResponseEntity<String> balanceSheetCsv(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                                           @RequestParam(required = false) String at, @RequestParam(required = false) String to) {
        Reports.BalanceSheet b = balanceSheetAt(access, at, to);
        return csv("balance", new Reports.Range(b.at(), b.at()), ReportCsv.balanceSheet(b, ReportCsv.Form.MACHINE));
    }

    private Reports.BalanceSheet balanceSheetAt(CompanyAccess access, String at, String to) {
        LocalDate date = Params.optionalDate("at", at != null ? at : to);
        return reports.balanceSheet(access.companyId(), date != null ? date : reports.range(access.companyId(), null, null).to());
    }

    record StatementEntryView(LocalDate date, String voucher, String text, String amount, String balance, String vatCode) {}

    record StatementView(int account, String name, LocalDate from, LocalDate to, String opening, List<StatementEntryView> entries, String closing, String next) {}

    @GetMapping(path = "/reports/account-statement", produces = "application/json")
    StatementView accountStatement(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @RequestParam int account,
                                   @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                   @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        Reports.AccountStatement s = reports.accountStatement(access.companyId(), account, range(access, from, to), cursor, limit == null ? 500 : limit);
        return new StatementView(s.account(), s.name(), s.range().from(), s.range().to(), Amounts.format(s.opening()),
                s.entries().stream().map(e -> new StatementEntryView(e.date(), e.voucher(), e.text(), Amounts.format(e.amount()), Amounts.format(e.balance()), e.vatCode())).toList(),
                Amounts.format(s.closing()), s.next());
    }

    @GetMapping(path = "/reports/account-statement", produces = CSV)
    ResponseEntity<String> accountStatementCsv(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @RequestParam int account,
                                               @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                               @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        Reports.AccountStatement s = reports.accountStatement(access.companyId(), account, range(access, from, to), cursor, limit == null ? 1000 : limit);
        return csv("kontokort-" + account, s.range(), ReportCsv.statementStart(s, ReportCsv.Form.MACHINE) + ReportCsv.statementEntries(s, ReportCsv.Form.MACHINE));
    }

    /**
     * Streams: each page of vouchers is written out before the next is read, so a company of any
     * size is exported in the memory of one page, and the first bytes leave at once.
     */
    @GetMapping(path = "/exports/journal.ledger", produces = "text/plain;charset=UTF-8")
    void ledgerJournal(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                       @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                       HttpServletResponse response) throws IOException {
        Reports.Range range = range(access, from, to);
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Content-Disposition", "inline; filename=\"journal-" + range.from() + "-" + range.to() + ".ledger\"");
        Writer out = StreamedResponses.writer(response);
        reports.writeLedgerJournal(access.companyId(), range, out);
        out.flush();
    }

    private Reports.ProfitAndLoss profitAndLossOf(CompanyAccess access, String from, String to, String compareFrom, String compareTo) {
        Reports.Range range = range(access, from, to);
        if (compareFrom == null && compareTo == null) return reports.profitAndLoss(access.companyId(), range);
        if (compareFrom == null || compareTo == null) throw ProblemException.badRequest("'compareFrom' and 'compareTo' come together");
        return reports.profitAndLoss(access.companyId(), range, range(access, compareFrom, compareTo));
    }

    private Reports.Range range(CompanyAccess access, String from, String to) {
        Reports.Range range = reports.range(access.companyId(), Params.optionalDate("from", from), Params.optionalDate("to", to));
        if (range.from().isAfter(range.to())) throw ProblemException.badRequest("'from' (" + range.from() + ") is after 'to' (" + range.to() + ")");
        if (range.from().plusYears(Reports.RANGE_YEARS_MAX).isBefore(range.to())) throw ProblemException.badRequest("a report spans at most " + Reports.RANGE_YEARS_MAX + " years");
        return range;
    }

    private static ResponseEntity<String> csv(String name, Reports.Range range, String body) {
        return ResponseEntity.ok()
                .header("Content-Type", CSV)
                .header("Content-Disposition", "attachment; filename=\"" + ReportCsv.fileName(name, range) + "\"")
                .body(body);
    }
}
