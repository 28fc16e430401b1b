package dk.ledgerline.reporting;

import dk.ledgerline.shared.Amounts;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * The reports as semicolon-separated CSV, in two forms. {@link Form#MACHINE}, the API's: English
 * column names, amounts as "1250.00", ISO dates, one header line. {@link Form#DANISH}, the pages'
 * download, the way a Danish spreadsheet opens it by a double click: Danish column names, a decimal
 * comma ("1250,00", no grouping, which spreadsheets would read as text), dates as "31-12-2025", and
 * a byte-order mark, without which a spreadsheet reads UTF-8 as Latin-1 and spoils æ, ø and å.
 */
public final class ReportCsv {
    public enum Form { MACHINE, DANISH }

    private static final DateTimeFormatter DANISH_DATE = DateTimeFormatter.ofPattern("dd-MM-yyyy");
    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private final Form form;
    private final StringBuilder csv = new StringBuilder();

    private ReportCsv(Form form) {
        this.form = form;
        if (form == Form.DANISH) csv.append(BYTE_ORDER_MARK);
    }

    public static String trialBalance(Reports.TrialBalance t, Form form) {
        ReportCsv out = new ReportCsv(form);
        out.header("number;name;type;debit;credit;balance;opening;yearEnd;closing",
                "Kontonr.;Konto;Type;Debet;Kredit;Bevægelse;Primo;Årsafslutning;Ultimo");
        for (var a : t.accounts()) {
            out.cell(a.number()).cell(a.name()).cell(form == Form.DANISH ? typeInDanish(a.type()) : a.type().name())
                    .amount(a.debit()).amount(a.credit()).amount(a.balance()).amount(a.opening()).amount(a.yearEnd()).lastAmount(a.closing());
        }
        if (t.priorResult() != 0) {
            out.cell("").cell(form == Form.DANISH ? "Resultat fra tidligere år, ikke overført" : "result of earlier years, not transferred").cell("")
                    .cell("").cell("").cell("").amount(t.priorResult()).cell("").lastAmount(t.priorResult());
        }
        out.cell("").cell(form == Form.DANISH ? "I alt" : "total").cell("").amount(t.debit()).amount(t.credit()).amount(t.balance())
                .amount(t.opening() + t.priorResult()).amount(t.yearEnd()).lastAmount(t.closing() + t.priorResult());
        return out.toString();
    }

    public static String profitAndLoss(Reports.ProfitAndLoss p, Form form) {
        ReportCsv out = new ReportCsv(form);
        out.header("group;number;name;amount;comparison",
                "Gruppe;Kontonr.;Konto;" + period(p.range(), form) + ";" + period(p.comparison(), form));
        out.statement(p.statement());
        return out.toString();
    }

    public static String balanceSheet(Reports.BalanceSheet b, Form form) {
        ReportCsv out = new ReportCsv(form);
        out.header("group;number;name;amount;comparison", "Gruppe;Kontonr.;Konto;" + out.date(b.at()) + ";" + out.date(b.comparisonAt()));
        out.statement(b.statement());
        return out.toString();
    }

    /** The header and the opening balance of an account statement; its entries follow with {@link #statementEntries}. */
    public static String statementStart(Reports.AccountStatement first, Form form) {
        ReportCsv out = new ReportCsv(form);
        out.header("date;voucher;text;amount;balance;vatCode", "Dato;Bilag;Tekst;Beløb;Saldo;Momskode");
        out.cell(out.date(first.range().from())).cell("").cell(form == Form.DANISH ? "Primo" : "opening").cell("").amount(first.opening()).last("");
        return out.toString();
    }

    public static String statementEntries(Reports.AccountStatement page, Form form) {
        ReportCsv out = new ReportCsv(Form.MACHINE); // no byte-order mark: these lines continue a file
        ReportCsv formatted = new ReportCsv(form);
        for (var e : page.entries()) {
            out.cell(formatted.date(e.date())).cell(e.voucher()).cell(e.text()).cell(formatted.money(e.amount())).cell(formatted.money(e.balance()))
                    .last(e.vatCode() == null ? "" : e.vatCode());
        }
        return out.toString();
    }

    /** A file name such as "saldobalance-2026-01-01-2026-12-31.csv". */
    public static String fileName(String report, Reports.Range range) {
        return report + "-" + range.from() + "-" + range.to() + ".csv";
    }

    private void statement(Statement statement) {
        for (Statement.Row row : statement.rows()) {
            String group = form == Form.DANISH ? row.name() : row.key();
            if (row instanceof Statement.Group g) {
                for (Statement.Line line : g.lines()) {
                    cell(group).cell(line.account() == null ? "" : line.account().toString()).cell(line.name()).amount(line.amount()).lastAmount(line.comparison());
                }
                cell(group).cell("").cell(form == Form.DANISH ? "I alt" : "total").amount(g.amount()).lastAmount(g.comparison());
            } else {
                cell(group).cell("").cell(form == Form.DANISH ? row.name() : "subtotal").amount(row.amount()).lastAmount(row.comparison());
            }
        }
    }

    private void header(String machine, String danish) {
        csv.append(form == Form.DANISH ? danish : machine).append('\n');
    }

    private ReportCsv cell(Object value) {
        csv.append(clean(String.valueOf(value))).append(';');
        return this;
    }

    private ReportCsv amount(long minor) {
        return cell(money(minor));
    }

    private void lastAmount(long minor) {
        last(money(minor));
    }

    private void last(String value) {
        csv.append(clean(value)).append('\n');
    }

    private String money(long minor) {
        String text = Amounts.format(minor);
        return form == Form.DANISH ? text.replace('.', ',') : text;
    }

    private String date(LocalDate date) {
        return form == Form.DANISH ? DANISH_DATE.format(date) : date.toString();
    }

    private static String period(Reports.Range range, Form form) {
        return form == Form.DANISH ? DANISH_DATE.format(range.from()) + " - " + DANISH_DATE.format(range.to()) : range.from() + ".." + range.to();
    }

    private static String typeInDanish(dk.ledgerline.ledger.AccountType type) {
        return switch (type) {
            case REVENUE -> "Indtægt";
            case EXPENSE -> "Omkostning";
            case ASSET -> "Aktiv";
            case LIABILITY -> "Gæld";
            case EQUITY -> "Egenkapital";
        };
    }

    /** A cell never breaks the format: no separator, no line break. */
    private static String clean(String text) {
        return text == null ? "" : text.replace(';', ',').replace('\n', ' ').replace('\r', ' ');
    }

    @Override
    public String toString() {
        return csv.toString();
    }
}
