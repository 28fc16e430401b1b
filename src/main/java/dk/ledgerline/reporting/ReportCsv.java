package dk.ledgerline.reporting;

import dk.ledgerline.shared.Amounts;
import java.util.List;

/**
 * The reports as semicolon-separated CSV, the way Danish spreadsheets read it: amounts as
 * "1250.00", one header line. The API and the web both write files through this, so a file is the
 * same whichever door it came through.
 */
public final class ReportCsv {
    private ReportCsv() {}

    public static String trialBalance(Reports.TrialBalance t) {
        StringBuilder csv = new StringBuilder("number;name;type;debit;credit;balance\n");
        for (var a : t.accounts()) {
            csv.append(a.number()).append(';').append(cell(a.name())).append(';').append(a.type()).append(';')
                    .append(Amounts.format(a.debit())).append(';').append(Amounts.format(a.credit())).append(';').append(Amounts.format(a.balance())).append('\n');
        }
        csv.append(";I alt;;").append(Amounts.format(t.debit())).append(';').append(Amounts.format(t.credit())).append(';').append(Amounts.format(t.balance())).append('\n');
        return csv.toString();
    }

    public static String profitAndLoss(Reports.ProfitAndLoss p) {
        StringBuilder csv = new StringBuilder("section;number;name;amount\n");
        for (Reports.Section s : List.of(p.revenue(), p.expenses())) section(s, csv);
        csv.append("Resultat;;;").append(Amounts.format(p.result())).append('\n');
        return csv.toString();
    }

    public static String balanceSheet(Reports.BalanceSheet b) {
        StringBuilder csv = new StringBuilder("section;number;name;amount\n");
        for (Reports.Section s : List.of(b.assets(), b.liabilities(), b.equity())) section(s, csv);
        csv.append("Egenkapital;;Resultat, ikke overført;").append(Amounts.format(-b.resultNotTransferred())).append('\n');
        return csv.toString();
    }

    /** The header and the opening balance of an account statement; its entries follow with {@link #statementEntries}. */
    public static StringBuilder statementStart(Reports.AccountStatement first) {
        return new StringBuilder("date;voucher;text;amount;balance;vatCode\n")
                .append(first.range().from()).append(";;Primo;;").append(Amounts.format(first.opening())).append(";\n");
    }

    public static void statementEntries(Reports.AccountStatement page, StringBuilder csv) {
        for (var e : page.entries()) {
            csv.append(e.date()).append(';').append(e.voucher()).append(';').append(cell(e.text())).append(';').append(Amounts.format(e.amount()))
                    .append(';').append(Amounts.format(e.balance())).append(';').append(e.vatCode() == null ? "" : e.vatCode()).append('\n');
        }
    }

    /** A file name such as "saldobalance-2026-01-01-2026-12-31.csv". */
    public static String fileName(String report, Reports.Range range) {
        return report + "-" + range.from() + "-" + range.to() + ".csv";
    }

    private static void section(Reports.Section s, StringBuilder csv) {
        for (var a : s.accounts()) {
            csv.append(s.name()).append(';').append(a.number()).append(';').append(cell(a.name())).append(';').append(Amounts.format(a.balance())).append('\n');
        }
        csv.append(s.name()).append(";;I alt;").append(Amounts.format(s.total())).append('\n');
    }

    /** A cell never breaks the format: no separator, no line break. */
    private static String cell(String text) {
        return text == null ? "" : text.replace(';', ',').replace('\n', ' ');
    }
}
