package dk.ledgerline.reporting;

import dk.ledgerline.ledger.Account;
import dk.ledgerline.ledger.AccountType;
import dk.ledgerline.ledger.Balance;
import dk.ledgerline.ledger.FiscalYear;
import dk.ledgerline.ledger.Ledger;
import dk.ledgerline.ledger.MonthlyBalance;
import dk.ledgerline.reporting.internal.StatementLayout;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The figures of a company's front page, from the kept monthly balances alone (no entry is read):
 * revenue, expenses and result per month of the fiscal year beside the same months a year before,
 * and the cash (likvide beholdninger) at the end of each of the last months.
 */
@Service
public class KeyFigures {
    /** Months of cash shown: a year, and the month running now. */
    public static final int CASH_MONTHS = 13;

    private final Ledger ledger;

    KeyFigures(Ledger ledger) {
        this.ledger = ledger;
    }

    /** Revenue (positive), expenses (positive) and result of one month; {@code lastYear*} the same month a year before. */
    public record Month(LocalDate month, long revenue, long expenses, long result, long lastYearRevenue, long lastYearExpenses, long lastYearResult) {}

    /** The cash at the end of a month (for the month running now: so far). */
    public record Cash(LocalDate month, long balance) {}

    /** {@code year} is the fiscal year holding {@code today}; the totals run from its start to the end of today's month. */
    public record Overview(FiscalYear year, List<Month> months, List<Cash> cash, long revenueToDate, long resultToDate,
                           long lastYearRevenueToDate, long lastYearResultToDate) {}

    public Overview overview(long companyId, LocalDate today) {
        List<FiscalYear> years = ledger.fiscalYears(companyId);
        FiscalYear year = years.stream().filter(y -> y.contains(today)).findFirst()
                .orElse(years.isEmpty() ? new FiscalYear(today.withDayOfYear(1), today.withDayOfYear(1).plusYears(1).minusDays(1), false) : years.getLast());
        Map<Integer, Account> chart = ledger.accounts(companyId).stream().collect(Collectors.toMap(Account::number, Function.identity()));
        LocalDate first = year.start().withDayOfMonth(1);
        LocalDate after = year.end().plusDays(1).withDayOfMonth(1);
        Map<LocalDate, long[]> now = resultByMonth(companyId, first, after, chart);
        Map<LocalDate, long[]> then = resultByMonth(companyId, first.minusYears(1), after.minusYears(1), chart);
        List<Month> months = new ArrayList<>();
        long revenueToDate = 0, resultToDate = 0, lastRevenueToDate = 0, lastResultToDate = 0;
        LocalDate thisMonth = today.withDayOfMonth(1);
        for (LocalDate m = first; m.isBefore(after); m = m.plusMonths(1)) {
            long[] a = now.getOrDefault(m, new long[2]);
            long[] b = then.getOrDefault(m.minusYears(1), new long[2]);
            months.add(new Month(m, a[0], a[1], a[0] - a[1], b[0], b[1], b[0] - b[1]));
            if (!m.isAfter(thisMonth)) {
                revenueToDate += a[0];
                resultToDate += a[0] - a[1];
                lastRevenueToDate += b[0];
                lastResultToDate += b[0] - b[1];
            }
        }
        return new Overview(year, months, cash(companyId, thisMonth, years, chart), revenueToDate, resultToDate, lastRevenueToDate, lastResultToDate);
    }

    /** Per month: [revenue, expenses], both as positive amounts when they are what their names say. */
    private Map<LocalDate, long[]> resultByMonth(long companyId, LocalDate first, LocalDate after, Map<Integer, Account> chart) {
        Map<LocalDate, long[]> months = new TreeMap<>();
        for (MonthlyBalance b : ledger.monthlyBalances(companyId, first, after)) {
            Account account = chart.get(b.account());
            if (account == null || !account.type().isProfitAndLoss()) continue;
            long[] figures = months.computeIfAbsent(b.month(), m -> new long[2]);
            if (account.type() == AccountType.REVENUE) figures[0] -= b.balance();
            else figures[1] += b.balance();
        }
        return months;
    }

    /** The cash accounts' balance at each month's end, for the last {@link #CASH_MONTHS} months up to {@code thisMonth}. */
    private List<Cash> cash(long companyId, LocalDate thisMonth, List<FiscalYear> years, Map<Integer, Account> chart) {
        Set<Integer> cashAccounts = chart.values().stream().filter(a -> "cash".equals(StatementLayout.BALANCE_SHEET.groupOf(a)))
                .map(Account::number).collect(Collectors.toSet());
        LocalDate first = thisMonth.minusMonths(CASH_MONTHS - 1);
        long balance = 0;
        if (!years.isEmpty() && years.getFirst().start().isBefore(first)) {
            for (Balance b : ledger.balances(companyId, years.getFirst().start(), first.minusDays(1))) {
                if (cashAccounts.contains(b.account())) balance += b.balance();
            }
        }
        Map<LocalDate, Long> moves = new TreeMap<>();
        for (MonthlyBalance b : ledger.monthlyBalances(companyId, first, thisMonth.plusMonths(1))) {
            if (cashAccounts.contains(b.account())) moves.merge(b.month(), b.balance(), Long::sum);
        }
        List<Cash> cash = new ArrayList<>();
        for (LocalDate m = first; !m.isAfter(thisMonth); m = m.plusMonths(1)) {
            balance += moves.getOrDefault(m, 0L);
            cash.add(new Cash(m, balance));
        }
        return cash;
    }
}
