package dk.ledgerline.web;

import dk.ledgerline.identity.CompanyAccess;
import dk.ledgerline.reporting.ReportCsv;
import dk.ledgerline.reporting.Reports;
import dk.ledgerline.shared.StreamedResponses;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The reports as CSV for a logged-in browser, in the form a Danish spreadsheet opens by a double
 * click (Danish column names, decimal comma); the API keeps the machine form.
 */
@Controller
class ReportDownloads {
    /** Entries read per round when a statement is written out whole. */
    static final int STATEMENT_BATCH = 1_000;

    private final Reports reports;
    private final ReportRanges ranges;

    ReportDownloads(Reports reports, ReportRanges ranges) {
        this.reports = reports;
        this.ranges = ranges;
    }

    @GetMapping("/companies/{companyId}/reports/trial-balance.csv")
    ResponseEntity<String> trialBalance(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                                        @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Reports.TrialBalance t = reports.trialBalance(access.companyId(), ranges.range(access.companyId(), from, to));
        return Downloads.csv(ReportCsv.fileName("saldobalance", t.range()), ReportCsv.trialBalance(t, ReportCsv.Form.DANISH));
    }

    @GetMapping("/companies/{companyId}/reports/profit-and-loss.csv")
    ResponseEntity<String> profitAndLoss(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                                         @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Reports.ProfitAndLoss p = reports.profitAndLoss(access.companyId(), ranges.range(access.companyId(), from, to));
        return Downloads.csv(ReportCsv.fileName("resultatopgoerelse", p.range()), ReportCsv.profitAndLoss(p, ReportCsv.Form.DANISH));
    }

    @GetMapping("/companies/{companyId}/reports/balance-sheet.csv")
    ResponseEntity<String> balanceSheet(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                                        @RequestParam(required = false) String at) {
        LocalDate date = ranges.at(access.companyId(), at);
        Reports.BalanceSheet b = reports.balanceSheet(access.companyId(), date);
        return Downloads.csv(ReportCsv.fileName("balance", new Reports.Range(date, date)), ReportCsv.balanceSheet(b, ReportCsv.Form.DANISH));
    }

    /** Streams page by page, so an account of any length is written in the memory of one page. */
    @GetMapping("/companies/{companyId}/reports/account-statement.csv")
    void accountStatement(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @RequestParam int account,
                          @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                          HttpServletResponse response) throws IOException {
        Reports.Range range = ranges.range(access.companyId(), from, to);
        Reports.AccountStatement first = reports.accountStatement(access.companyId(), account, range, null, STATEMENT_BATCH);
        Downloads.startCsv(response, ReportCsv.fileName("kontokort-" + account, range));
        Writer out = StreamedResponses.writer(response);
        out.append(ReportCsv.statementStart(first, ReportCsv.Form.DANISH));
        for (Reports.AccountStatement page = first; ; page = reports.accountStatement(access.companyId(), account, range, page.next(), STATEMENT_BATCH)) {
            out.append(ReportCsv.statementEntries(page, ReportCsv.Form.DANISH));
            if (page.next() == null) break;
        }
        out.flush();
    }
}
