package dk.ledgerline.web;

import dk.ledgerline.identity.CompanyAccess;
import dk.ledgerline.reporting.Reports;
import dk.ledgerline.shared.Amounts;
import dk.ledgerline.shared.ProblemException;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The reports as CSV for a logged-in browser, in exactly the columns and number format of the
 * API's CSV ("1250.00", semicolons), so a file is the same whichever door it came through.
 */
@Controller
class ReportDownloads {
    /** Entries read per round when a statement is written out whole. */
    static final int STATEMENT_BATCH = 1_000;
    /** A year of a busy small business is a few thousand entries per account; more asks for a shorter range. */
    static final int STATEMENT_ENTRIES_MAX = 100_000;

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
        StringBuilder csv = new StringBuilder("number;name;type;debit;credit;balance\n");
        for (var a : t.accounts()) {
            csv.append(a.number()).append(';').append(cell(a.name())).append(';').append(a.type()).append(';')
                    .append(Amounts.format(a.debit())).append(';').append(Amounts.format(a.credit())).append(';').append(Amounts.format(a.balance())).append('\n');
        }
        csv.append(";I alt;;").append(Amounts.format(t.debit())).append(';').append(Amounts.format(t.credit())).append(';').append(Amounts.format(t.balance())).append('\n');
        return Downloads.csv(name("saldobalance", t.range()), csv.toString());
    }

    @GetMapping("/companies/{companyId}/reports/profit-and-loss.csv")
    ResponseEntity<String> profitAndLoss(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                                         @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Reports.ProfitAndLoss p = reports.profitAndLoss(access.companyId(), ranges.range(access.companyId(), from, to));
        StringBuilder csv = new StringBuilder("section;number;name;amount\n");
        for (Reports.Section s : List.of(p.revenue(), p.expenses())) section(s, csv);
        csv.append("Resultat;;;").append(Amounts.format(p.result())).append('\n');
        return Downloads.csv(name("resultatopgoerelse", p.range()), csv.toString());
    }

    @GetMapping("/companies/{companyId}/reports/balance-sheet.csv")
    ResponseEntity<String> balanceSheet(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                                        @RequestParam(required = false) String at) {
        LocalDate date = ranges.at(access.companyId(), at);
        Reports.BalanceSheet b = reports.balanceSheet(access.companyId(), date);
        StringBuilder csv = new StringBuilder("section;number;name;amount\n");
        for (Reports.Section s : List.of(b.assets(), b.liabilities(), b.equity())) section(s, csv);
        csv.append("Egenkapital;;Resultat, ikke overført;").append(Amounts.format(-b.resultNotTransferred())).append('\n');
        return Downloads.csv(name("balance", new Reports.Range(date, date)), csv.toString());
    }

    @GetMapping("/companies/{companyId}/reports/account-statement.csv")
    ResponseEntity<String> accountStatement(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @RequestParam int account,
                                            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Reports.Range range = ranges.range(access.companyId(), from, to);
        Reports.AccountStatement first = reports.accountStatement(access.companyId(), account, range, null, STATEMENT_BATCH);
        StringBuilder csv = new StringBuilder("date;voucher;text;amount;balance;vatCode\n");
        csv.append(range.from()).append(";;Primo;;").append(Amounts.format(first.opening())).append(";\n");
        int written = 0;
        for (Reports.AccountStatement page = first; ; page = reports.accountStatement(access.companyId(), account, range, page.next(), STATEMENT_BATCH)) {
            for (var e : page.entries()) {
                csv.append(e.date()).append(';').append(e.voucher()).append(';').append(cell(e.text())).append(';').append(Amounts.format(e.amount()))
                        .append(';').append(Amounts.format(e.balance())).append(';').append(e.vatCode() == null ? "" : e.vatCode()).append('\n');
            }
            written += page.entries().size();
            if (page.next() == null) break;
            if (written >= STATEMENT_ENTRIES_MAX) {
                throw ProblemException.unprocessable("Kontokortet er for langt til én fil.", List.of(new ProblemException.FieldError("to",
                        "vælg en kortere periode; en fil rummer højst " + STATEMENT_ENTRIES_MAX + " posteringer")));
            }
        }
        return Downloads.csv(name("kontokort-" + account, range), csv.toString());
    }

    private static void section(Reports.Section s, StringBuilder csv) {
        for (var a : s.accounts()) {
            csv.append(s.name()).append(';').append(a.number()).append(';').append(cell(a.name())).append(';').append(Amounts.format(a.balance())).append('\n');
        }
        csv.append(s.name()).append(";;I alt;").append(Amounts.format(s.total())).append('\n');
    }

    private static String name(String report, Reports.Range range) {
        return report + "-" + range.from() + "-" + range.to() + ".csv";
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace(';', ',').replace('\n', ' ');
    }
}
