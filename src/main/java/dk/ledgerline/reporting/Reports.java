package dk.ledgerline.reporting;

import dk.ledgerline.ledger.Account;
import dk.ledgerline.ledger.AccountType;
import dk.ledgerline.ledger.Balance;
import dk.ledgerline.ledger.Entry;
import dk.ledgerline.ledger.FiscalYear;
import dk.ledgerline.ledger.Ledger;
import dk.ledgerline.ledger.Page;
import dk.ledgerline.ledger.Voucher;
import dk.ledgerline.ledger.YearEnd;
import dk.ledgerline.reporting.internal.StatementLayout;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
    private final YearEnd yearEnd;
    private final Clock clock;

    Reports(Ledger ledger, YearEnd yearEnd, Clock clock) {
        this.ledger = ledger;
        this.yearEnd = yearEnd;
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

    /**
     * One account in a trial balance: its balance before the range ({@code opening}, primo), the
     * range's debits, credits and their sum ({@code balance}), the year-end closing's transfer
     * ({@code yearEnd}, kept apart from the year's own movement) and the balance after the range
     * ({@code closing}, ultimo). A profit-and-loss account opens each fiscal year at zero.
     */
    public record AccountLine(int number, String name, AccountType type, long opening, long debit, long credit, long balance, long yearEnd, long closing) {}

    /**
     * {@code priorResult}: the result of earlier fiscal years that no year-end closing has moved to
     * equity yet, which the opening column holds on no account. Every column sums to zero with it.
     */
    public record TrialBalance(Range range, List<AccountLine> accounts, long priorResult, long opening, long debit, long credit, long balance,
                               long yearEnd, long closing) {}

    public TrialBalance trialBalance(long companyId, Range range) {
        Map<Integer, Account> chart = chart(companyId);
        List<FiscalYear> years = ledger.fiscalYears(companyId);
        Movement movement = movement(companyId, range, years);
        Opening opening = opening(companyId, range.from(), years, chart);
        Set<Integer> numbers = new TreeSet<>();
        numbers.addAll(movement.sums().keySet());
        numbers.addAll(movement.yearEnd().keySet());
        opening.balances().forEach((number, balance) -> { if (balance != 0) numbers.add(number); });
        List<AccountLine> lines = new ArrayList<>();
        long open = 0, debit = 0, credit = 0, yearEnd = 0, closing = 0;
        for (int number : numbers) {
            Account account = account(chart, number, companyId);
            long[] sum = movement.sums().getOrDefault(number, NOTHING);
            long[] transfer = movement.yearEnd().getOrDefault(number, NOTHING);
            long o = opening.balances().getOrDefault(number, 0L);
            long t = transfer[0] + transfer[1];
            long c = o + sum[0] + sum[1] + t;
            lines.add(new AccountLine(number, account.name(), account.type(), o, sum[0], sum[1], sum[0] + sum[1], t, c));
            open += o;
            debit += sum[0];
            credit += sum[1];
            yearEnd += t;
            closing += c;
        }
        if (open + opening.priorResult() != 0 || debit + credit != 0 || yearEnd != 0 || closing + opening.priorResult() != 0) {
            throw new IllegalStateException("trial balance of company " + companyId + " for " + range + " does not sum to zero: opening "
                    + (open + opening.priorResult()) + ", movement " + (debit + credit) + ", year end " + yearEnd + ", closing " + (closing + opening.priorResult()));
        }
        return new TrialBalance(range, lines, opening.priorResult(), open, debit, credit, debit + credit, yearEnd, closing);
    }

    public record Section(String name, List<AccountLine> accounts, long total) {}

    /**
     * Revenue and expense of the range and of its comparison range; {@code result} is positive for a
     * profit (the ledger's credit turned around). {@code statement} groups them as the standard chart
     * does, with its subtotals; {@code revenue} and {@code expenses} are the plain lists by account type.
     * A year-end closing moves the result and makes none, so it is left out.
     */
    public record ProfitAndLoss(Range range, Range comparison, Statement statement, Section revenue, Section expenses, long result, long comparisonResult) {}

    public ProfitAndLoss profitAndLoss(long companyId, Range range) {
        return profitAndLoss(companyId, range, new Range(range.from().minusYears(1), range.to().minusYears(1)));
    }

    public ProfitAndLoss profitAndLoss(long companyId, Range range, Range comparison) {
        Map<Integer, Account> chart = chart(companyId);
        List<FiscalYear> years = ledger.fiscalYears(companyId);
        Map<Integer, long[]> now = movement(companyId, range, years).sums();
        Map<Integer, long[]> then = movement(companyId, comparison, years).sums();
        Map<Account, long[]> figures = new HashMap<>();
        List<AccountLine> revenue = new ArrayList<>(), expenses = new ArrayList<>();
        Set<Integer> numbers = new TreeSet<>(now.keySet());
        numbers.addAll(then.keySet());
        for (int number : numbers) {
            Account account = account(chart, number, companyId);
            if (!account.type().isProfitAndLoss()) continue;
            long[] sum = now.getOrDefault(number, NOTHING);
            long[] before = then.getOrDefault(number, NOTHING);
            figures.put(account, new long[] {-(sum[0] + sum[1]), -(before[0] + before[1])});
            if (sum[0] == 0 && sum[1] == 0) continue;
            AccountLine line = new AccountLine(number, account.name(), account.type(), 0, sum[0], sum[1], sum[0] + sum[1], 0, sum[0] + sum[1]);
            (account.type() == AccountType.REVENUE ? revenue : expenses).add(line);
        }
        Statement statement = StatementLayout.PROFIT_AND_LOSS.build(new StatementLayout.Figures(figures, Map.of()));
        Section revenueSection = new Section("Indtægter", revenue, revenue.stream().mapToLong(AccountLine::balance).sum());
        Section expenseSection = new Section("Omkostninger", expenses, expenses.stream().mapToLong(AccountLine::balance).sum());
        long result = -(revenueSection.total() + expenseSection.total());
        Statement.Row total = statement.row("result");
        if (total.amount() != result) {
            throw new IllegalStateException("profit and loss of company " + companyId + " for " + range + ": the statement's result " + total.amount() + " is not the accounts' " + result);
        }
        return new ProfitAndLoss(range, comparison, statement, revenueSection, expenseSection, result, total.comparison());
    }

    /**
     * Assets against liabilities and equity at a date, beside the same a year before. Until a
     * year-end closing transfers it, the result stands under equity on lines of its own: this fiscal
     * year's ({@code currentResult}) apart from earlier years' ({@code priorResult}), so the two
     * sides always agree and a year's result is never mixed with another's.
     */
    public record BalanceSheet(LocalDate at, LocalDate comparisonAt, Statement statement, Section assets, Section liabilities, Section equity,
                               long currentResult, long priorResult, long resultNotTransferred, long totalAssets, long totalLiabilitiesAndEquity) {}

    public BalanceSheet balanceSheet(long companyId, LocalDate at) {
        Map<Integer, Account> chart = chart(companyId);
        List<FiscalYear> years = ledger.fiscalYears(companyId);
        Position now = position(companyId, at, years, chart);
        Position then = position(companyId, at.minusYears(1), years, chart);
        Map<Account, long[]> figures = new HashMap<>();
        Set<Integer> numbers = new TreeSet<>(now.balances().keySet());
        numbers.addAll(then.balances().keySet());
        for (int number : numbers) {
            Account account = account(chart, number, companyId);
            int sign = account.type() == AccountType.ASSET ? 1 : -1;
            figures.put(account, new long[] {sign * now.balances().getOrDefault(number, 0L), sign * then.balances().getOrDefault(number, 0L)});
        }
        List<Statement.Line> resultLines = List.of(
                new Statement.Line(null, "Årets resultat, ikke overført", -now.currentResult(), -then.currentResult()),
                new Statement.Line(null, "Resultat fra tidligere år, ikke overført", -now.priorResult(), -then.priorResult()));
        Statement statement = StatementLayout.BALANCE_SHEET.build(new StatementLayout.Figures(figures, Map.of("equity", resultLines)));
        Section assets = section("Aktiver", now.lines(), AccountType.ASSET);
        Section liabilities = section("Gældsforpligtelser", now.lines(), AccountType.LIABILITY);
        Section equity = section("Egenkapital", now.lines(), AccountType.EQUITY);
        long result = now.currentResult() + now.priorResult();
        long totalAssets = assets.total();
        long totalOther = -(liabilities.total() + equity.total() + result);
        if (totalAssets != totalOther || statement.row("totalAssets").amount() != totalAssets
                || statement.row("totalLiabilitiesAndEquity").amount() != totalOther
                || statement.row("totalAssets").comparison() != statement.row("totalLiabilitiesAndEquity").comparison()) {
            throw new IllegalStateException("balance sheet of company " + companyId + " at " + at + " does not balance: " + totalAssets + " vs " + totalOther);
        }
        return new BalanceSheet(at, at.minusYears(1), statement, assets, liabilities, equity, -now.currentResult(), -now.priorResult(), -result, totalAssets, totalOther);
    }

    private static final long[] NOTHING = {0, 0};

    /** A range's debit and credit per account without the year-end closings, and the closings' apart. */
    private record Movement(Map<Integer, long[]> sums, Map<Integer, long[]> yearEnd) {}

    private Movement movement(long companyId, Range range, List<FiscalYear> years) {
        // The closings first: each statement sees its own snapshot, and posted vouchers never change,
        // so the balances read after them hold every closing they found (and perhaps one newer).
        List<LocalDate> yearEnds = years.stream().map(FiscalYear::end).filter(end -> !end.isBefore(range.from()) && !end.isAfter(range.to())).toList();
        Map<Integer, long[]> yearEnd = yearEnds.isEmpty() ? Map.of() : new TreeMap<>(this.yearEnd.closingEntries(companyId, yearEnds));
        Map<Integer, long[]> sums = new TreeMap<>();
        for (Balance b : ledger.balances(companyId, range.from(), range.to())) add(sums, b);
        yearEnd.forEach((account, transfer) -> {
            long[] sum = sums.get(account);
            if (sum == null) throw new IllegalStateException("account " + account + " of company " + companyId + " has a year-end transfer and no balance in " + range);
            sum[0] -= transfer[0];
            sum[1] -= transfer[1];
            if (sum[0] == 0 && sum[1] == 0) sums.remove(account);
        });
        return new Movement(sums, yearEnd);
    }

    /** The balances before {@code from}: balance-sheet accounts since the first year, result accounts since their year began. */
    private record Opening(Map<Integer, Long> balances, long priorResult) {}

    private Opening opening(long companyId, LocalDate from, List<FiscalYear> years, Map<Integer, Account> chart) {
        if (years.isEmpty() || !years.getFirst().start().isBefore(from)) return new Opening(Map.of(), 0);
        LocalDate beginning = years.getFirst().start();
        LocalDate yearStart = years.stream().filter(y -> y.contains(from)).map(FiscalYear::start).findFirst().orElse(from);
        Map<Integer, Long> balances = new TreeMap<>();
        long priorResult = 0;
        if (beginning.isBefore(yearStart)) {
            for (Balance b : ledger.balances(companyId, beginning, yearStart.minusDays(1))) {
                if (account(chart, b.account(), companyId).type().isProfitAndLoss()) priorResult += b.balance();
                else balances.merge(b.account(), b.balance(), Long::sum);
            }
        }
        if (yearStart.isBefore(from)) {
            for (Balance b : ledger.balances(companyId, yearStart, from.minusDays(1))) balances.merge(b.account(), b.balance(), Long::sum);
        }
        return new Opening(balances, priorResult);
    }

    /** Every balance-sheet account's balance at a date, and the result not yet moved to equity: this fiscal year's and earlier years'. */
    private record Position(Map<Integer, Long> balances, List<AccountLine> lines, long currentResult, long priorResult) {}

    private Position position(long companyId, LocalDate at, List<FiscalYear> years, Map<Integer, Account> chart) {
        if (years.isEmpty() || years.getFirst().start().isAfter(at)) return new Position(Map.of(), List.of(), 0, 0);
        LocalDate beginning = years.getFirst().start();
        LocalDate yearStart = years.stream().filter(y -> y.contains(at)).map(FiscalYear::start).findFirst().orElse(beginning);
        Map<Integer, long[]> sums = new TreeMap<>();
        long priorResult = 0, currentResult = 0;
        if (beginning.isBefore(yearStart)) {
            for (Balance b : ledger.balances(companyId, beginning, yearStart.minusDays(1))) {
                if (account(chart, b.account(), companyId).type().isProfitAndLoss()) priorResult += b.balance();
                else add(sums, b);
            }
        }
        for (Balance b : ledger.balances(companyId, yearStart, at)) {
            if (account(chart, b.account(), companyId).type().isProfitAndLoss()) currentResult += b.balance();
            else add(sums, b);
        }
        Map<Integer, Long> balances = new TreeMap<>();
        List<AccountLine> lines = new ArrayList<>();
        sums.forEach((number, sum) -> {
            long balance = sum[0] + sum[1];
            if (balance == 0) return;
            Account account = chart.get(number);
            balances.put(number, balance);
            lines.add(new AccountLine(number, account.name(), account.type(), 0, sum[0], sum[1], balance, 0, balance));
        });
        return new Position(balances, lines, currentResult, priorResult);
    }

    private static void add(Map<Integer, long[]> sums, Balance b) {
        long[] sum = sums.computeIfAbsent(b.account(), a -> new long[2]);
        sum[0] += b.debit();
        sum[1] += b.credit();
    }

    private static Account account(Map<Integer, Account> chart, int number, long companyId) {
        Account account = chart.get(number);
        if (account == null) throw new IllegalStateException("company " + companyId + " has a balance on account " + number + ", which is not in its chart");
        return account;
    }

    public record StatementEntry(LocalDate date, String voucher, String text, long amount, long balance, String vatCode) {}

    public record AccountStatement(int account, String name, Range range, long opening, List<StatementEntry> entries, long closing, String next) {}

    public AccountStatement accountStatement(long companyId, int account, Range range, String cursor, int limit) {
        Account found = ledger.account(companyId, account).orElseThrow(() -> dk.ledgerline.shared.ProblemException.notFound(dk.ledgerline.shared.ProblemException.Message.of("account.notFound", account)));
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

    private static Section section(String name, List<AccountLine> lines, AccountType type) {
        List<AccountLine> held = lines.stream().filter(a -> a.type() == type).toList();
        return new Section(name, held, held.stream().mapToLong(AccountLine::balance).sum());
    }
}
