package dk.ledgerline.reporting;

import dk.ledgerline.ledger.Account;
import dk.ledgerline.ledger.AccountType;
import dk.ledgerline.ledger.Balance;
import dk.ledgerline.ledger.Entry;
import dk.ledgerline.ledger.FiscalYear;
import dk.ledgerline.ledger.Ledger;
import dk.ledgerline.ledger.Page;
import dk.ledgerline.ledger.Voucher;
import dk.ledgerline.shared.Amounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Trial balance (saldobalance), profit and loss (resultatopgørelse), balance sheet (balance),
 * account statement (kontokort) and the plain-text journal export. All of them read the monthly
 * balances, and entries only for partial months at the edges of a range.
 */
@Service
public class Reports {
    /** Years a report may span: more is a typing mistake, or an attempt to make the server work for nothing. */
    public static final int RANGE_YEARS_MAX = 20;
    /** Vouchers the journal export reads at a time: the largest page the ledger gives. */
    static final int EXPORT_PAGE_SIZE = Ledger.VOUCHER_PAGE_SIZE_MAX;
    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\t]+");
    private static final Pattern SPACES = Pattern.compile(" {2,}");

    private final Ledger ledger;
    private final Clock clock;

    Reports(Ledger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    public record Range(LocalDate from, LocalDate to) {}

    /** A range with defaults: the fiscal year that holds today (or the latest one). */
    public Range range(long companyId, LocalDate from, LocalDate to) {
        if (from != null && to != null) return new Range(from, to);
        List<FiscalYear> years = ledger.fiscalYears(companyId);
        LocalDate today = LocalDate.now(clock);
        FiscalYear year = years.stream().filter(y -> y.contains(today)).findFirst()
                .orElse(years.isEmpty() ? new FiscalYear(today.withDayOfYear(1), today.withDayOfYear(1).plusYears(1).minusDays(1), false) : years.getLast());
        return new Range(from != null ? from : year.start(), to != null ? to : year.end());
    }

    public record AccountLine(int number, String name, AccountType type, long debit, long credit, long balance) {}

    public record TrialBalance(Range range, List<AccountLine> accounts, long debit, long credit, long balance) {}

    public TrialBalance trialBalance(long companyId, Range range) {
        Map<Integer, Account> chart = chart(companyId);
        Map<Integer, long[]> sums = new TreeMap<>();
        for (Balance b : ledger.balances(companyId, range.from(), range.to())) {
            long[] sum = sums.computeIfAbsent(b.account(), a -> new long[2]);
            sum[0] += b.debit();
            sum[1] += b.credit();
        }
        List<AccountLine> lines = new ArrayList<>();
        long debit = 0, credit = 0;
        for (var e : sums.entrySet()) {
            Account account = chart.get(e.getKey());
            long d = e.getValue()[0], c = e.getValue()[1];
            lines.add(new AccountLine(e.getKey(), account.name(), account.type(), d, c, d + c));
            debit += d;
            credit += c;
        }
        if (debit + credit != 0) {
            throw new IllegalStateException("trial balance of company " + companyId + " for " + range + " does not sum to zero: " + (debit + credit));
        }
        return new TrialBalance(range, lines, debit, credit, debit + credit);
    }

    public record Section(String name, List<AccountLine> accounts, long total) {}

    /** Revenue and expense; {@code result} is positive for a profit (the ledger's credit turned around). */
    public record ProfitAndLoss(Range range, Section revenue, Section expenses, long result) {}

    public ProfitAndLoss profitAndLoss(long companyId, Range range) {
        TrialBalance trial = trialBalance(companyId, range);
        Section revenue = section("Indtægter", trial, AccountType.REVENUE);
        Section expenses = section("Omkostninger", trial, AccountType.EXPENSE);
        return new ProfitAndLoss(range, revenue, expenses, -(revenue.total() + expenses.total()));
    }

    /**
     * Assets against liabilities and equity at a date. Until a year-end closing transfers it, the
     * accumulated result stands as its own line under equity, so the two sides always agree.
     */
    public record BalanceSheet(LocalDate at, Section assets, Section liabilities, Section equity, long resultNotTransferred,
                               long totalAssets, long totalLiabilitiesAndEquity) {}

    public BalanceSheet balanceSheet(long companyId, LocalDate at) {
        LocalDate beginning = ledger.fiscalYears(companyId).stream().map(FiscalYear::start).findFirst().orElse(at);
        TrialBalance trial = trialBalance(companyId, new Range(beginning, at));
        Section assets = section("Aktiver", trial, AccountType.ASSET);
        Section liabilities = section("Gældsforpligtelser", trial, AccountType.LIABILITY);
        Section equity = section("Egenkapital", trial, AccountType.EQUITY);
        long result = trial.accounts().stream().filter(a -> a.type().isProfitAndLoss()).mapToLong(AccountLine::balance).sum();
        long totalAssets = assets.total();
        long totalOther = -(liabilities.total() + equity.total() + result);
        if (totalAssets != totalOther) {
            throw new IllegalStateException("balance sheet of company " + companyId + " at " + at + " does not balance: " + totalAssets + " vs " + totalOther);
        }
        return new BalanceSheet(at, assets, liabilities, equity, -result, totalAssets, totalOther);
    }

    public record StatementEntry(LocalDate date, String voucher, String text, long amount, long balance, String vatCode) {}

    public record AccountStatement(int account, String name, Range range, long opening, List<StatementEntry> entries, long closing, String next) {}

    public AccountStatement accountStatement(long companyId, int account, Range range, String cursor, int limit) {
        Account found = ledger.account(companyId, account).orElseThrow(() -> dk.ledgerline.shared.ProblemException.notFound("account " + account));
        Ledger.StatementPage page = ledger.statementPage(companyId, account, range.from(), range.to(), cursor, limit);
        long running = page.broughtForward();
        List<StatementEntry> entries = new ArrayList<>();
        for (var line : page.lines()) {
            running += line.amount();
            entries.add(new StatementEntry(line.date(), line.fiscalYear() + "/" + line.voucherNumber(), line.text(), line.amount(), running, line.vatCode()));
        }
        return new AccountStatement(account, found.name(), range, page.broughtForward(), entries, running, page.next());
    }

    /**
     * Writes [from, to] as an hledger/Ledger journal: one transaction per voucher, amounts in DKK,
     * accounts named "number name". hledger's {@code bal} on it gives the trial balance above.
     */
    public void writeLedgerJournal(long companyId, Range range, Writer out) {
        Map<Integer, String> names = new HashMap<>();
        chart(companyId).forEach((number, account) -> names.put(number, accountName(number, account)));
        try {
            out.write("; Ledgerline journal export, " + range.from() + " to " + range.to() + ", amounts in DKK\n\n");
            out.write("commodity 1000.00 DKK\n\n");
            String cursor = null;
            do {
                Page<Voucher> page = ledger.vouchers(companyId, range.from(), range.to(), cursor, EXPORT_PAGE_SIZE);
                for (Voucher v : page.items()) writeTransaction(v, names, out);
                cursor = page.next();
            } while (cursor != null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeTransaction(Voucher v, Map<Integer, String> names, Writer out) throws IOException {
        out.write(v.date() + " (" + v.fiscalYear() + "/" + v.number() + ") " + oneLine(v.text()) + "\n");
        if (!"DKK".equals(v.currency())) out.write("    ; currency: " + v.currency() + " at " + v.exchangeRate().toPlainString() + " DKK\n");
        for (Entry e : v.entries()) {
            String name = names.computeIfAbsent(e.account(), number -> accountName(number, null));
            String amount = Amounts.format(e.amount()) + " DKK";
            String comment = e.vatCode() == null ? "" : "  ; vat:" + e.vatCode();
            int pad = Math.max(2, 60 - name.length());
            out.write("    " + name + " ".repeat(pad) + amount + comment + "\n");
        }
        out.write("\n");
    }

    /** "number name" as hledger reads an account: no colons (its separator), semicolons (comments) or double spaces (the amount's start). */
    private static String accountName(int number, Account account) {
        String name = oneLine(number + " " + (account == null ? "" : account.name())).replace(":", "-").replace(";", ",");
        return SPACES.matcher(name).replaceAll(" ").strip();
    }

    private static String oneLine(String text) {
        return LINE_BREAKS.matcher(text).replaceAll(" ");
    }

    private Map<Integer, Account> chart(long companyId) {
        return ledger.accounts(companyId).stream().collect(Collectors.toMap(Account::number, Function.identity()));
    }

    private static Section section(String name, TrialBalance trial, AccountType type) {
        List<AccountLine> lines = trial.accounts().stream().filter(a -> a.type() == type).toList();
        return new Section(name, lines, lines.stream().mapToLong(AccountLine::balance).sum());
    }
}
