package dk.ledgerline.ledger.internal;

import dk.ledgerline.ledger.Account;
import dk.ledgerline.ledger.AccountType;
import dk.ledgerline.ledger.Balance;
import dk.ledgerline.ledger.Entry;
import dk.ledgerline.ledger.MonthlyBalance;
import dk.ledgerline.ledger.FiscalYear;
import dk.ledgerline.ledger.StatementLine;
import dk.ledgerline.ledger.Voucher;
import dk.ledgerline.ledger.VoucherRef;
import dk.ledgerline.shared.LikePatterns;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The ledger's SQL, all of it filtered on company_id (and row-level security checks the same). */
@Repository
public class LedgerStore {
    /** The standard chart has ~330 accounts; a company with more than this has a data problem. */
    public static final int ACCOUNTS_MAX = 5_000;
    static final int FISCAL_YEARS_MAX = 200;

    private final JdbcClient jdbc;
    private final KnownAccounts known;

    LedgerStore(JdbcClient jdbc, KnownAccounts known) {
        this.jdbc = jdbc;
        this.known = known;
    }

    // ---------------------------------------------------------------- accounts

    public List<Account> accounts(long companyId) {
        return jdbc.sql("""
                select number, name, type, vat_code, standard_account from accounts
                where company_id = :company order by number limit :limit""")
                .param("company", companyId).param("limit", ACCOUNTS_MAX)
                .query(LedgerStore::account).list();
    }

    public Optional<Account> account(long companyId, int number) {
        return jdbc.sql("select number, name, type, vat_code, standard_account from accounts where company_id = :company and number = :number")
                .param("company", companyId).param("number", number)
                .query(LedgerStore::account).optional();
    }

    /** Which of {@code numbers} the company has, from what this node knows (accounts are never deleted) or else the database. */
    public Set<Integer> existingAccounts(long companyId, Collection<Integer> numbers) {
        if (numbers.isEmpty()) return Set.of();
        return known.existing(companyId, numbers, only -> only == null
                ? jdbc.sql("select number from accounts where company_id = :company limit :limit")
                        .param("company", companyId).param("limit", ACCOUNTS_MAX).query(Integer.class).list()
                : jdbc.sql("select number from accounts where company_id = :company and number in (:numbers)")
                        .param("company", companyId).param("numbers", List.copyOf(only)).query(Integer.class).list());
    }

    /** Inserts the account; false when the number is taken, also by a create racing this one. */
    public boolean insertAccount(long companyId, Account account, Instant now) {
        return jdbc.sql("""
                insert into accounts (company_id, number, name, type, vat_code, standard_account, created_at)
                values (:company, :number, :name, :type, :vatCode, :standard, :now)
                on conflict (company_id, number) do nothing""")
                .param("company", companyId).param("number", account.number()).param("name", account.name())
                .param("type", account.type().name()).param("vatCode", account.vatCode())
                .param("standard", account.standardAccount()).param("now", Timestamp.from(now))
                .update() == 1;
    }

    public void updateAccount(long companyId, Account account) {
        int updated = jdbc.sql("""
                update accounts set name = :name, type = :type, vat_code = :vatCode, standard_account = :standard
                where company_id = :company and number = :number""")
                .param("company", companyId).param("number", account.number()).param("name", account.name())
                .param("type", account.type().name()).param("vatCode", account.vatCode())
                .param("standard", account.standardAccount())
                .update();
        if (updated != 1) throw new IllegalStateException("account " + account.number() + " of company " + companyId + " was to be updated but is not there");
    }

    /**
     * The accounts with these numbers, locked until commit. A posting's foreign key check holds a
     * share lock on each account it uses, so this waits for postings under way and keeps new ones out.
     */
    public List<Account> lockAccounts(long companyId, Collection<Integer> numbers) {
        if (numbers.isEmpty()) return List.of();
        return jdbc.sql("""
                select number, name, type, vat_code, standard_account from accounts
                where company_id = :company and number in (:numbers) order by number for update""")
                .param("company", companyId).param("numbers", List.copyOf(numbers))
                .query(LedgerStore::account).list();
    }

    public boolean hasPostings(long companyId, int account) {
        return jdbc.sql("select exists (select 1 from account_balances where company_id = :company and account = :account)")
                .param("company", companyId).param("account", account).query(Boolean.class).single();
    }

    private static Account account(ResultSet rs, int n) throws SQLException {
        int standard = rs.getInt(5);
        Integer standardAccount = rs.wasNull() ? null : standard;
        return new Account(rs.getInt(1), rs.getString(2), AccountType.valueOf(rs.getString(3)), rs.getString(4), standardAccount);
    }

    // ---------------------------------------------------------------- fiscal years and locks

    public List<FiscalYear> fiscalYears(long companyId) {
        return jdbc.sql("select start_date, end_date, closed from fiscal_years where company_id = :company order by start_date limit :limit")
                .param("company", companyId).param("limit", FISCAL_YEARS_MAX)
                .query((rs, n) -> new FiscalYear(rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class), rs.getBoolean(3)))
                .list();
    }

    /** Opens a fiscal year with the locks that already cover part of it (locks may precede every fiscal year). */
    public void insertFiscalYear(long companyId, LocalDate start, LocalDate end) {
        jdbc.sql("""
                insert into fiscal_years (company_id, start_date, end_date, locked)
                values (:company, :start, :end, coalesce((
                    select range_agg(daterange(from_date, to_date, '[]')) from period_locks
                    where company_id = :company and from_date <= :end and to_date >= :start), '{}'))""")
                .param("company", companyId).param("start", start).param("end", end).update();
    }

    /**
     * Serialises the changes to a company's periods that no fiscal year row covers (opening a year,
     * locking a range outside every year) until the caller's transaction ends. It does not conflict
     * with the share locks that foreign keys take on the company row.
     */
    public void lockPeriodsOfCompany(long companyId) {
        jdbc.sql("select id from companies where id = :company for no key update")
                .param("company", companyId).query(Long.class).single();
    }


    /** Locks the rows of every fiscal year overlapping the range, so no posting into it runs concurrently. */
    public void lockFiscalYears(long companyId, LocalDate from, LocalDate to) {
        jdbc.sql("select start_date from fiscal_years where company_id = :company and start_date <= :to and end_date >= :from order by start_date for update")
                .param("company", companyId).param("from", from).param("to", to)
                .query(LocalDate.class).list();
    }

    public Optional<LockedPeriod> lockCovering(long companyId, LocalDate date) {
        return jdbc.sql("select from_date, to_date, reason from period_locks where company_id = :company and :date between from_date and to_date limit 1")
                .param("company", companyId).param("date", date)
                .query((rs, n) -> new LockedPeriod(rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class), rs.getString(3)))
                .optional();
    }

    public List<LockedPeriod> locks(long companyId) {
        return jdbc.sql("select from_date, to_date, reason from period_locks where company_id = :company order by from_date limit 1000")
                .param("company", companyId)
                .query((rs, n) -> new LockedPeriod(rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class), rs.getString(3)))
                .list();
    }

    public record LockedPeriod(LocalDate from, LocalDate to, String reason) {}

    /** Records the lock, and marks it on the rows of the fiscal years it overlaps, which posting reads. */
    public void insertLock(long companyId, LocalDate from, LocalDate to, String reason, long userId, Instant now) {
        jdbc.sql("insert into period_locks (company_id, from_date, to_date, reason, locked_at, locked_by) values (:company, :from, :to, :reason, :now, :user)")
                .param("company", companyId).param("from", from).param("to", to).param("reason", reason)
                .param("now", Timestamp.from(now)).param("user", userId).update();
        jdbc.sql("""
                update fiscal_years set locked = locked + datemultirange(daterange(:from, :to, '[]'))
                where company_id = :company and start_date <= :to and end_date >= :from""")
                .param("company", companyId).param("from", from).param("to", to).update();
    }

    /** Closes a fiscal year to postings, or opens it again; the caller holds the year's row lock. */
    public void setClosed(long companyId, LocalDate start, boolean closed) {
        int updated = jdbc.sql("update fiscal_years set closed = :closed where company_id = :company and start_date = :start")
                .param("company", companyId).param("start", start).param("closed", closed).update();
        if (updated != 1) throw new IllegalStateException("fiscal year " + start + " of company " + companyId + " was to be " + (closed ? "closed" : "reopened") + " but is not there");
    }

    /** Whether an open fiscal year holds {@code date}: for explaining why no number could be taken. */
    public boolean openFiscalYearHolds(long companyId, LocalDate date) {
        return jdbc.sql("select exists (select 1 from fiscal_years where company_id = :company and :date between start_date and end_date and not closed)")
                .param("company", companyId).param("date", date).query(Boolean.class).single();
    }

    // ---------------------------------------------------------------- vouchers

    /** What one statement wrote: the voucher's year and number, and its entries' sum and count as stored. */
    public record Written(LocalDate fiscalYearStart, int number, long entriesSum, long entriesCount) {}

    /**
     * Posts a voucher in one statement: takes the next number of the open fiscal year holding
     * {@code date} (locking that year's row until commit) unless the date is locked, and writes the
     * voucher, its entries and their additions to the monthly balances. Empty, and nothing written,
     * when no open year holds the date or the date is locked. A lock committed while this waits for
     * the year's row is seen: PostgreSQL rechecks the row's newest version after the wait. The
     * entries' foreign key to the voucher is checked at the end of the statement, when the voucher
     * is there; balance rows are added to in key order, so two postings never wait in a cycle.
     */
    public Optional<Written> writeVoucher(long companyId, LocalDate date, String text, String currency, BigDecimal rate, String source,
                                          Instant now, long userId, VoucherKey reverses, List<Entry> entries, List<BalanceDelta> deltas,
                                          boolean throughLocks) {
        int n = entries.size();
        int[] lines = new int[n], accounts = new int[n];
        long[] amounts = new long[n];
        Long[] currencyAmounts = new Long[n];
        String[] vatCodes = new String[n], texts = new String[n];
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            lines[i] = e.line();
            accounts[i] = e.account();
            amounts[i] = e.amount();
            currencyAmounts[i] = e.currencyAmount();
            vatCodes[i] = e.vatCode();
            texts[i] = e.text();
        }
        int m = deltas.size();
        int[] balanceAccounts = new int[m];
        String[] balanceCodes = new String[m];
        long[] debits = new long[m], credits = new long[m];
        LocalDate month = date.withDayOfMonth(1);
        for (int i = 0; i < m; i++) {
            BalanceDelta d = deltas.get(i);
            if (!d.month().equals(month)) throw new IllegalStateException("a voucher's balances all fall in its own month " + month + "; got " + d.month());
            balanceAccounts[i] = d.account();
            balanceCodes[i] = d.vatCode();
            debits[i] = d.debit();
            credits[i] = d.credit();
        }
        return jdbc.sql("""
                with numbered as (
                    update fiscal_years set next_voucher_number = next_voucher_number + 1
                    where company_id = :company and :date between start_date and end_date and not closed
                      and (cast(:throughLocks as boolean) or not locked @> cast(:date as date))
                    returning start_date, next_voucher_number - 1 as number
                ), voucher as (
                    insert into vouchers (company_id, fiscal_year, number, date, text, currency, exchange_rate, source,
                                          registered_at, registered_by, reverses_year, reverses_number)
                    select :company, n.start_date, n.number, :date, :text, :currency, :rate, :source, :now, :user, :reversesYear, :reversesNumber
                    from numbered n
                ), entry as (
                    insert into entries (company_id, fiscal_year, voucher_number, line_number, date, account, amount, currency_amount, vat_code, text)
                    select :company, n.start_date, n.number, e.line, :date, e.account, e.amount, e.currency_amount, e.vat_code, e.text
                    from numbered n cross join unnest(cast(:lines as int[]), cast(:accounts as int[]), cast(:amounts as bigint[]),
                                cast(:currencyAmounts as bigint[]), cast(:vatCodes as text[]), cast(:texts as text[]))
                                as e(line, account, amount, currency_amount, vat_code, text)
                    returning amount
                ), balance as (
                    insert into account_balances (company_id, account, month, vat_code, debit, credit)
                    select :company, b.account, :month, b.vat_code, b.debit, b.credit
                    from unnest(cast(:balanceAccounts as int[]), cast(:balanceCodes as text[]), cast(:debits as bigint[]), cast(:credits as bigint[]))
                         as b(account, vat_code, debit, credit)
                    where exists (select 1 from numbered)
                    order by b.account, b.vat_code
                    on conflict (company_id, account, month, vat_code) do update
                    set debit = account_balances.debit + excluded.debit, credit = account_balances.credit + excluded.credit
                )
                select n.start_date, n.number, (select coalesce(sum(amount), 0)::bigint from entry), (select count(*) from entry)
                from numbered n""")
                .param("company", companyId).param("date", date)
                .param("text", text).param("currency", currency).param("rate", rate).param("source", source)
                .param("now", Timestamp.from(now)).param("user", userId)
                .param("reversesYear", reverses == null ? null : reverses.fiscalYearStart())
                .param("reversesNumber", reverses == null ? null : reverses.number())
                .param("lines", lines).param("accounts", accounts).param("amounts", amounts).param("currencyAmounts", currencyAmounts)
                .param("vatCodes", vatCodes).param("texts", texts)
                .param("month", month).param("balanceAccounts", balanceAccounts).param("balanceCodes", balanceCodes)
                .param("debits", debits).param("credits", credits).param("throughLocks", throughLocks)
                .query((rs, row) -> new Written(rs.getObject(1, LocalDate.class), rs.getInt(2), rs.getLong(3), rs.getLong(4)))
                .optional();
    }

    /** The latest voucher of {@code source} in [from, to] that nothing reverses (a year's closing, found to reverse it). */
    public Optional<Voucher> unreversedOfSource(long companyId, LocalDate from, LocalDate to, String source) {
        List<Voucher> found = withEntries(companyId, jdbc.sql("select " + VOUCHER_COLUMNS + "\n" + """
                 from vouchers v
                 left join vouchers r on r.company_id = v.company_id and r.reverses_year = v.fiscal_year and r.reverses_number = v.number
                 where v.company_id = :company and v.date between :from and :to and v.source = :source and r.number is null
                 order by v.fiscal_year desc, v.number desc
                 limit 1""")
                .param("company", companyId).param("from", from).param("to", to).param("source", source)
                .query(this::voucherHeader).list());
        return found.stream().findFirst();
    }

    /**
     * Debit and credit per account of the vouchers of {@code sources} dated on one of {@code dates}:
     * the date index finds the few vouchers of those days, however long the range between them.
     */
    public Map<Integer, long[]> sumsOfSources(long companyId, Collection<LocalDate> dates, List<String> sources) {
        Map<Integer, long[]> sums = new java.util.TreeMap<>();
        jdbc.sql("""
                select e.account, sum(case when e.amount > 0 then e.amount else 0 end)::bigint, sum(case when e.amount < 0 then e.amount else 0 end)::bigint
                from vouchers v
                join entries e on e.company_id = v.company_id and e.fiscal_year = v.fiscal_year and e.voucher_number = v.number
                where v.company_id = :company and v.date = any(:dates::date[]) and v.source = any(:sources::text[])
                group by e.account""")
                .param("company", companyId)
                .param("dates", dates.stream().map(java.sql.Date::valueOf).toArray(java.sql.Date[]::new))
                .param("sources", sources.toArray(String[]::new))
                .query(rs -> { sums.put(rs.getInt(1), new long[] {rs.getLong(2), rs.getLong(3)}); });
        return sums;
    }

    public Optional<LocalDate> latestFiscalYearWithVoucher(long companyId, int number) {
        return jdbc.sql("select fiscal_year from vouchers where company_id = :company and number = :number order by fiscal_year desc limit 1")
                .param("company", companyId).param("number", number)
                .query(LocalDate.class).optional();
    }

    /** A voucher's database key: the fiscal year by its start date. */
    public record VoucherKey(LocalDate fiscalYearStart, int number) {}

    public record BalanceDelta(int account, LocalDate month, String vatCode, long debit, long credit) {}

    private static final String VOUCHER_COLUMNS = """
            v.fiscal_year, v.number, v.date, v.text, v.currency, v.exchange_rate, v.source, v.registered_at, v.registered_by,
            v.reverses_year, v.reverses_number, r.fiscal_year as reversed_by_year, r.number as reversed_by_number""";

    public Optional<Voucher> voucher(long companyId, LocalDate fiscalYear, int number) {
        List<Voucher> found = withEntries(companyId, jdbc.sql("select " + VOUCHER_COLUMNS + "\n" + """
                 from vouchers v
                 left join vouchers r on r.company_id = v.company_id and r.reverses_year = v.fiscal_year and r.reverses_number = v.number
                 where v.company_id = :company and v.fiscal_year = :fy and v.number = :number""")
                .param("company", companyId).param("fy", fiscalYear).param("number", number)
                .query(this::voucherHeader).list());
        return found.stream().findFirst();
    }

    /** Vouchers by date in [from, to], after the keyset position {@code after} (exclusive), at most {@code limit}. */
    public List<Voucher> vouchers(long companyId, LocalDate from, LocalDate to, VoucherPosition after, int limit) {
        return withEntries(companyId, jdbc.sql("select " + VOUCHER_COLUMNS + "\n" + """
                 from vouchers v
                 left join vouchers r on r.company_id = v.company_id and r.reverses_year = v.fiscal_year and r.reverses_number = v.number
                 where v.company_id = :company and v.date between :from and :to
                   and (v.date, v.fiscal_year, v.number) > (:afterDate, :afterYear, :afterNumber)
                 order by v.date, v.fiscal_year, v.number
                 limit :limit""")
                .param("company", companyId).param("from", from).param("to", to)
                .param("afterDate", after.date()).param("afterYear", after.fiscalYearStart()).param("afterNumber", after.number())
                .param("limit", limit)
                .query(this::voucherHeader).list());
    }

    /**
     * Vouchers that match {@code search}, from the keyset position {@code from} (exclusive; null for
     * the newest) towards older ones, or towards newer ones when {@code newer}; at most {@code limit},
     * always in the order walked. The filters on lines are EXISTS subqueries on the entries' primary key.
     */
    public List<Voucher> searchVouchers(long companyId, dk.ledgerline.ledger.VoucherSearch search, VoucherPosition from, boolean newer, int limit) {
        StringBuilder where = new StringBuilder("v.company_id = :company and v.date between :from and :to");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("company", companyId);
        params.put("from", search.from());
        params.put("to", search.to());
        if (search.text() != null) {
            where.append(" and v.text ilike :pattern escape '\\'");
            params.put("pattern", LikePatterns.containing(search.text().strip()));
        }
        if (search.number() != null) {
            where.append(" and v.number = :number");
            params.put("number", search.number());
        }
        String entry = " and exists (select 1 from entries e where e.company_id = v.company_id and e.fiscal_year = v.fiscal_year and e.voucher_number = v.number and ";
        if (search.account() != null) {
            where.append(entry).append("e.account = :account)");
            params.put("account", search.account());
        }
        if (search.amount() != null) {
            where.append(entry).append("e.amount in (:amount, -:amount))");
            params.put("amount", Math.abs(search.amount()));
        }
        if (from != null) {
            where.append(newer ? " and (v.date, v.fiscal_year, v.number) > (:afterDate, :afterYear, :afterNumber)"
                    : " and (v.date, v.fiscal_year, v.number) < (:afterDate, :afterYear, :afterNumber)");
            params.put("afterDate", from.date());
            params.put("afterYear", from.fiscalYearStart());
            params.put("afterNumber", from.number());
        }
        String order = newer ? "v.date, v.fiscal_year, v.number" : "v.date desc, v.fiscal_year desc, v.number desc";
        params.put("limit", limit);
        return withEntries(companyId, jdbc.sql("select " + VOUCHER_COLUMNS + "\n" + """
                 from vouchers v
                 left join vouchers r on r.company_id = v.company_id and r.reverses_year = v.fiscal_year and r.reverses_number = v.number
                 where\s""" + where + "\norder by " + order + "\nlimit :limit")
                .params(params)
                .query(this::voucherHeader).list());
    }

    public record VoucherPosition(LocalDate date, LocalDate fiscalYearStart, int number) {
        public static VoucherPosition before(LocalDate date) {
            return new VoucherPosition(date.minusDays(1), LocalDate.of(1, 1, 1), Integer.MAX_VALUE);
        }
    }

    private Voucher voucherHeader(ResultSet rs, int n) throws SQLException {
        LocalDate reversesYear = rs.getObject("reverses_year", LocalDate.class);
        LocalDate reversedByYear = rs.getObject("reversed_by_year", LocalDate.class);
        return new Voucher(
                rs.getObject("fiscal_year", LocalDate.class),
                rs.getInt("number"),
                rs.getObject("date", LocalDate.class),
                rs.getString("text"),
                rs.getString("currency"),
                rs.getBigDecimal("exchange_rate"),
                rs.getString("source"),
                rs.getTimestamp("registered_at").toInstant(),
                rs.getLong("registered_by"),
                reversesYear == null ? null : new VoucherRef(reversesYear.getYear(), rs.getInt("reverses_number")),
                reversedByYear == null ? null : new VoucherRef(reversedByYear.getYear(), rs.getInt("reversed_by_number")),
                List.of());
    }

    /** Fills in the entries of a page of vouchers with one query. */
    private List<Voucher> withEntries(long companyId, List<Voucher> headers) {
        if (headers.isEmpty()) return headers;
        Map<String, List<Entry>> entries = new LinkedHashMap<>();
        List<java.sql.Date> years = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (Voucher v : headers) {
            years.add(java.sql.Date.valueOf(v.fiscalYearStart()));
            numbers.add(v.number());
            entries.put(v.fiscalYearStart() + "/" + v.number(), new ArrayList<>());
        }
        jdbc.sql("""
                select e.fiscal_year, e.voucher_number, e.line_number, e.account, e.amount, e.currency_amount, e.vat_code, e.text
                from unnest(:years::date[], :numbers::int[]) as k(fiscal_year, number)
                join entries e on e.company_id = :company and e.fiscal_year = k.fiscal_year and e.voucher_number = k.number
                order by e.fiscal_year, e.voucher_number, e.line_number""")
                .param("company", companyId)
                .param("years", years.toArray(java.sql.Date[]::new))
                .param("numbers", numbers.toArray(Integer[]::new))
                .query(rs -> {
                    long currencyAmount = rs.getLong(6);
                    Long currency = rs.wasNull() ? null : currencyAmount;
                    entries.get(rs.getObject(1, LocalDate.class) + "/" + rs.getInt(2))
                            .add(new Entry(rs.getInt(3), rs.getInt(4), rs.getLong(5), currency, rs.getString(7), rs.getString(8)));
                });
        return headers.stream().map(v -> new Voucher(v.fiscalYearStart(), v.number(), v.date(), v.text(), v.currency(), v.exchangeRate(),
                v.source(), v.registeredAt(), v.registeredBy(), v.reverses(), v.reversedBy(),
                List.copyOf(entries.get(v.fiscalYearStart() + "/" + v.number())))).toList();
    }

    // ---------------------------------------------------------------- balances

    /**
     * Debit and credit per account and VAT code for [from, to]: whole months from the monthly
     * balances, and the partial months at either end from the entries. A partial month longer than
     * half its month is read the other way round, its month's balance less the entries outside it,
     * so no report reads more than half a month of entries at either end.
     */
    public List<Balance> balances(long companyId, LocalDate from, LocalDate to) {
        if (from.isAfter(to)) return List.of();
        LocalDate firstWholeMonth = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
        LocalDate afterLastWholeMonth = to.plusDays(1).getDayOfMonth() == 1 ? to.plusDays(1) : to.withDayOfMonth(1);
        BalanceQuery query = new BalanceQuery(companyId);
        if (firstWholeMonth.isBefore(afterLastWholeMonth)) {
            query.months(firstWholeMonth, afterLastWholeMonth);
            if (from.isBefore(firstWholeMonth)) query.partialMonth(from, firstWholeMonth.minusDays(1));
            if (afterLastWholeMonth.isBefore(to.plusDays(1))) query.partialMonth(afterLastWholeMonth, to);
        } else if (from.getMonth() == to.getMonth() && from.getYear() == to.getYear()) {
            query.partialMonth(from, to);
        } else {
            query.partialMonth(from, from.withDayOfMonth(from.lengthOfMonth()));
            query.partialMonth(to.withDayOfMonth(1), to);
        }
        return jdbc.sql("select account, vat_code, sum(debit)::bigint, sum(credit)::bigint from (" + query.sql() + ") b "
                        + "group by account, vat_code having sum(debit) <> 0 or sum(credit) <> 0 order by account, vat_code")
                .params(query.params)
                .query((rs, n) -> new Balance(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getLong(4)))
                .list();
    }

    /** The kept balances of the months in [fromMonth, beforeMonth), per month and account: no entry is read. */
    public List<MonthlyBalance> monthlyBalances(long companyId, LocalDate fromMonth, LocalDate beforeMonth) {
        return jdbc.sql("""
                select month, account, sum(debit)::bigint, sum(credit)::bigint from account_balances
                where company_id = :company and month >= :from and month < :before
                group by month, account order by month, account""")
                .param("company", companyId).param("from", fromMonth).param("before", beforeMonth)
                .query((rs, n) -> new MonthlyBalance(rs.getObject(1, LocalDate.class), rs.getInt(2), rs.getLong(3), rs.getLong(4)))
                .list();
    }

    /** The parts of a balance query, added up: monthly balances, and entries added or taken away. */
    private static final class BalanceQuery {
        final Map<String, Object> params = new LinkedHashMap<>();
        private final List<String> parts = new ArrayList<>();

        BalanceQuery(long companyId) {
            params.put("company", companyId);
        }

        /** The balances of the months in [from, before). */
        void months(LocalDate from, LocalDate before) {
            String name = "m" + parts.size();
            parts.add("""
                    select account, vat_code, debit, credit from account_balances
                    where company_id = :company and month >= :%1$sFrom and month < :%1$sBefore""".formatted(name));
            params.put(name + "From", from);
            params.put(name + "Before", before);
        }

        /** [from, to] within one month: its entries, or its month's balance less the entries outside it, whichever reads fewer days. */
        void partialMonth(LocalDate from, LocalDate to) {
            LocalDate monthStart = from.withDayOfMonth(1);
            LocalDate monthEnd = from.withDayOfMonth(from.lengthOfMonth());
            if (to.isBefore(from) || to.isAfter(monthEnd)) throw new IllegalArgumentException(from + ".." + to + " is not a range within one month");
            long days = ChronoUnit.DAYS.between(from, to) + 1;
            if (days * 2 <= from.lengthOfMonth()) {
                entries(from, to, 1);
                return;
            }
            months(monthStart, monthStart.plusMonths(1));
            if (from.isAfter(monthStart)) entries(monthStart, from.minusDays(1), -1);
            if (to.isBefore(monthEnd)) entries(to.plusDays(1), monthEnd, -1);
        }

        private void entries(LocalDate from, LocalDate to, int sign) {
            String name = "e" + parts.size();
            String negate = sign < 0 ? "-" : "";
            parts.add("""
                    select account, coalesce(vat_code, '') as vat_code,
                           %2$s(case when amount > 0 then amount else 0 end) as debit,
                           %2$s(case when amount < 0 then amount else 0 end) as credit
                    from entries where company_id = :company and date between :%1$sFrom and :%1$sTo""".formatted(name, negate));
            params.put(name + "From", from);
            params.put(name + "To", to);
        }

        String sql() {
            return String.join("\nunion all\n", parts);
        }
    }

    /** Entries on one account in [from, to], in date order after the keyset position, at most {@code limit}. */
    public List<StatementLine> statement(long companyId, int account, LocalDate from, LocalDate to, VoucherPosition after, int afterLine, int limit) {
        return jdbc.sql("""
                select e.date, e.fiscal_year, e.voucher_number, e.line_number, coalesce(nullif(e.text, ''), v.text), e.amount, e.vat_code
                from entries e join vouchers v on v.company_id = e.company_id and v.fiscal_year = e.fiscal_year and v.number = e.voucher_number
                where e.company_id = :company and e.account = :account and e.date between :from and :to
                  and (e.date, e.fiscal_year, e.voucher_number, e.line_number) > (:afterDate, :afterYear, :afterNumber, :afterLine)
                order by e.date, e.fiscal_year, e.voucher_number, e.line_number
                limit :limit""")
                .param("company", companyId).param("account", account).param("from", from).param("to", to)
                .param("afterDate", after.date()).param("afterYear", after.fiscalYearStart()).param("afterNumber", after.number())
                .param("afterLine", afterLine).param("limit", limit)
                .query((rs, n) -> new StatementLine(rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class),
                        rs.getInt(3), rs.getInt(4), rs.getString(5), rs.getLong(6), rs.getString(7)))
                .list();
    }

    /** Sum of one account's entries from {@code from} up to and including a keyset position. */
    public long sumThrough(long companyId, int account, LocalDate from, VoucherPosition through, int throughLine) {
        return jdbc.sql("""
                select coalesce(sum(amount), 0)::bigint from entries
                where company_id = :company and account = :account and date >= :from
                  and (date, fiscal_year, voucher_number, line_number) <= (:date, :year, :number, :line)""")
                .param("company", companyId).param("account", account).param("from", from)
                .param("date", through.date()).param("year", through.fiscalYearStart()).param("number", through.number())
                .param("line", throughLine)
                .query(Long.class).single();
    }

    /** The date of the company's earliest voucher; empty before its first. */
    public Optional<LocalDate> firstVoucherDate(long companyId) {
        return jdbc.sql("select min(date) from vouchers where company_id = :company")
                .param("company", companyId).query(LocalDate.class).optional();
    }

    /** The start of the company's first fiscal year, before which nothing can be posted; empty without one. */
    public Optional<LocalDate> firstFiscalYearStart(long companyId) {
        return jdbc.sql("select min(start_date) from fiscal_years where company_id = :company")
                .param("company", companyId).query(LocalDate.class).optional();
    }
}
