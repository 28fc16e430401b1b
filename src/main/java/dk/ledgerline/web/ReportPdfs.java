package dk.ledgerline.web;

import dk.ledgerline.identity.Company;
import dk.ledgerline.identity.CompanyAccess;
import dk.ledgerline.identity.Identity;
import dk.ledgerline.reporting.Reports;
import dk.ledgerline.reporting.Statement;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/** The trial balance, profit and loss and balance sheet as PDF, as an accountant hands them to a client. */
@Controller
public class ReportPdfs {
    private final Reports reports;
    private final ReportRanges ranges;
    private final Identity identity;
    private final PdfDocuments pdfs;
    private final Clock clock;

    ReportPdfs(Reports reports, ReportRanges ranges, Identity identity, PdfDocuments pdfs, Clock clock) {
        this.reports = reports;
        this.ranges = ranges;
        this.identity = identity;
        this.pdfs = pdfs;
        this.clock = clock;
    }

    /** One statement on paper: who, what, for when, beside what, and when it was printed. */
    public record StatementDocument(Company company, String title, String period, String amountHeading, String comparisonHeading,
                                    Statement statement, LocalDate printed) {}

    public record TrialBalanceDocument(Company company, Reports.TrialBalance report, LocalDate printed) {}

    @GetMapping("/companies/{companyId}/reports/profit-and-loss.pdf")
    ResponseEntity<byte[]> profitAndLoss(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                                         @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Reports.ProfitAndLoss p = reports.profitAndLoss(access.companyId(), ranges.range(access.companyId(), from, to));
        String period = Labels.date(p.range().from()) + "–" + Labels.date(p.range().to());
        return pdfs.download("resultatopgoerelse-" + p.range().from() + "-" + p.range().to() + ".pdf", "statement", new StatementDocument(
                identity.company(access), Languages.t("title.profitAndLoss"), period, period,
                Labels.date(p.comparison().from()) + "–" + Labels.date(p.comparison().to()), p.statement(), LocalDate.now(clock)));
    }

    @GetMapping("/companies/{companyId}/reports/balance-sheet.pdf")
    ResponseEntity<byte[]> balanceSheet(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                                        @RequestParam(required = false) String at) {
        LocalDate date = ranges.at(access.companyId(), at);
        Reports.BalanceSheet b = reports.balanceSheet(access.companyId(), date);
        return pdfs.download("balance-" + date + ".pdf", "statement", new StatementDocument(identity.company(access), Languages.t("title.balanceSheet"),
                Languages.t("label.atDate", Labels.date(date)), Labels.date(date), Labels.date(b.comparisonAt()), b.statement(), LocalDate.now(clock)));
    }

    @GetMapping("/companies/{companyId}/reports/trial-balance.pdf")
    ResponseEntity<byte[]> trialBalance(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                                        @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Reports.TrialBalance t = reports.trialBalance(access.companyId(), ranges.range(access.companyId(), from, to));
        return pdfs.download("saldobalance-" + t.range().from() + "-" + t.range().to() + ".pdf", "trialBalance",
                new TrialBalanceDocument(identity.company(access), t, LocalDate.now(clock)));
    }
}
