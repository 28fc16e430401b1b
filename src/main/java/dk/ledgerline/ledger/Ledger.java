package dk.ledgerline.ledger;

import dk.ledgerline.ledger.internal.ChartCsv;
import dk.ledgerline.ledger.internal.LedgerStore;
import dk.ledgerline.ledger.internal.LedgerStore.LockedPeriod;
import dk.ledgerline.ledger.internal.LedgerStore.VoucherKey;
import dk.ledgerline.ledger.internal.LedgerStore.VoucherPosition;
import dk.ledgerline.ledger.internal.Posting;
import dk.ledgerline.ledger.internal.VoucherCursor;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.ProblemException.FieldError;
import dk.ledgerline.shared.ProblemException.Message;
import dk.ledgerline.shared.TenantTransactions;
import dk.ledgerline.shared.UnitOfWork;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * The general ledger: chart of accounts, fiscal years, posting, reversal, period locks and balances.
 * Every method works inside one company's tenant transaction.
 */
@Service
public class Ledger {
    /** A page of vouchers; each carries its entries, so pages stay small. */
    public static final int VOUCHER_PAGE_SIZE_MAX = 200;
    public static final int STATEMENT_PAGE_SIZE_MAX = 1_000;
    /** The source of the voucher that settles a VAT period. */
    public static final String SOURCE_VAT_SETTLEMENT = "VAT_SETTLEMENT";

    private final LedgerStore store;
    private final Posting posting;
    private final TenantTransactions tenants;
    private final UnitOfWork units;
    private final VatTreatment vat;
    private final Clock clock;

    Ledger(LedgerStore store, Posting posting, TenantTransactions tenants, UnitOfWork units, VatTreatment vat, Clock clock) {
        this.store = store;
        this.posting = posting;
        this.tenants = tenants;
        this.units = units;
        this.vat = vat;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ chart of accounts

    public List<Account> accounts(long companyId) {
        return tenants.readInCompany(companyId, () -> store.accounts(companyId));
    }

    public Optional<Account> account(long companyId, int number) {
        return tenants.readInCompany(companyId, () -> store.account(companyId, number));
    }

    public Account createAccount(long companyId, Account account) {
        List<FieldError> errors = new ArrayList<>();
        if (account.number() < 1 || account.number() > Account.NUMBER_MAX) errors.add(FieldError.of("number", "number.range", 1, Account.NUMBER_MAX));
        if (account.name() == null || account.name().isBlank() || account.name().length() > Account.NAME_LENGTH_MAX) {
            errors.add(FieldError.of("name", "length.between", 1, Account.NAME_LENGTH_MAX));
        }
        if (account.type() == null) errors.add(FieldError.of("type", "account.type"));
        if (account.vatCode() != null && !vat.knows(account.vatCode())) errors.add(FieldError.of("vatCode", "vatCode.unknown", account.vatCode()));
        if (!errors.isEmpty()) throw ProblemException.unprocessable(Message.of("account.notCreated"), errors);
        Account clean = new Account(account.number(), account.name().trim(), account.type(), account.vatCode(), account.standardAccount());
        return tenants.inCompany(companyId, () -> {
            // The database's uniqueness decides: of two creates racing for one number, the second is told.
            if (!store.insertAccount(companyId, clean, clock.instant())) {
                throw ProblemException.conflict(Message.of("account.exists", account.number()));
            }
            return clean;
        });
    }

    public String exportChart(long companyId) {
        return ChartCsv.write(accounts(companyId));
    }

    public record ImportResult(int created, int updated, int unchanged) {}

    /**
     * Creates the accounts the file has and the chart lacks, and updates names, VAT codes and standard
     * accounts of the rest. An account with postings keeps its type. Nothing is written if any line is wrong.
     */
    public ImportResult importChart(long companyId, String csv) {
        ChartCsv.Parsed parsed = ChartCsv.read(csv == null ? "" : csv, vat::knows);
        if (!parsed.errors().isEmpty()) throw ProblemException.unprocessable(Message.of("chart.notImported"), parsed.errors());
        if (parsed.accounts().isEmpty()) throw ProblemException.unprocessable(Message.of("chart.notImported"), List.of(FieldError.of("csv", "chart.empty")));
        return tenants.inCompany(companyId, () -> units.attempt(() -> {
            int created = 0, updated = 0, unchanged = 0;
            List<FieldError> errors = new ArrayList<>();
            // Locked, so no posting can reach an account between the check of its postings and its type change.
            Map<Integer, Account> existing = new HashMap<>();
            for (Account found : store.lockAccounts(companyId, parsed.accounts().stream().map(Account::number).toList())) {
                existing.put(found.number(), found);
            }
            for (Account account : parsed.accounts()) {
                Account before = existing.get(account.number());
                if (before == null) {
                    if (!store.insertAccount(companyId, account, clock.instant())) {
                        throw ProblemException.conflict(Message.of("chart.raced", account.number()));
                    }
                    created++;
                } else if (before.equals(account)) {
                    unchanged++;
                } else if (before.type() != account.type() && store.hasPostings(companyId, account.number())) {
                    errors.add(FieldError.of("account " + account.number(), "chart.typeKept", before.type()));
                } else {
                    store.updateAccount(companyId, account);
                    updated++;
                }
            }
            if (!errors.isEmpty()) throw ProblemException.unprocessable(Message.of("chart.notImported"), errors);
            return new ImportResult(created, updated, unchanged);
        }));
    }

    // ------------------------------------------------------------------ fiscal years

    public List<FiscalYear> fiscalYears(long companyId) {
        return tenants.readInCompany(companyId, () -> store.fiscalYears(companyId));
    }

    /** Opens a fiscal year adjacent to the existing ones: the next, or the one before the first. */
    public FiscalYear openFiscalYear(long companyId, LocalDate start) {
        return tenants.inCompany(companyId, () -> units.attempt(() -> {
            store.lockPeriodsOfCompany(companyId);
            List<FiscalYear> years = store.fiscalYears(companyId);
            LocalDate end = start.plusYears(1).minusDays(1);
            boolean adjacent = years.isEmpty()
                    || start.equals(years.getLast().end().plusDays(1))
                    || end.equals(years.getFirst().start().minusDays(1));
            if (!adjacent) {
                throw ProblemException.unprocessable(Message.of("fiscalYear.notOpened"), List.of(FieldError.of("start", "fiscalYear.adjacent",
                        Message.date(years.getLast().end().plusDays(1)), Message.date(years.getFirst().start().minusYears(1)))));
            }
            try {
                store.insertFiscalYear(companyId, start, end);
            } catch (DuplicateKeyException raced) {
                throw ProblemException.conflict(Message.of("fiscalYear.raced", Message.date(start)));
            }
            return new FiscalYear(start, end, false);
        }));
    }

    // ------------------------------------------------------------------ posting

    public PostingOutcome post(long companyId, long userId, VoucherDraft draft, String source) {
        return postAll(companyId, userId, List.of(draft), source, false);
    }

    /**
     * Posts drafts together, all or nothing, numbered in the order given. With {@code prefixed}, error
     * fields name the draft ("vouchers[2].lines[0].account").
     */
    public PostingOutcome postAll(long companyId, long userId, List<VoucherDraft> drafts, String source, boolean prefixed) {
        // A single voucher is refused, if at all, before its first write (see Posting), so it needs no
        // savepoint; in a batch a later voucher can be refused after an earlier one was written.
        Supplier<PostingOutcome> postEvery = () -> {
            List<Posting.Prepared> prepared = new ArrayList<>();
            List<FieldError> errors = new ArrayList<>();
            for (int i = 0; i < drafts.size(); i++) {
                try {
                    prepared.add(posting.prepare(companyId, drafts.get(i), prefixed ? "vouchers[" + i + "]." : ""));
                } catch (Posting.Rejected rejected) {
                    errors.addAll(rejected.errors());
                }
            }
            if (!errors.isEmpty()) throw new Posting.Rejected(errors);
            lockYearsInDateOrder(companyId, prepared);
            List<Voucher> posted = new ArrayList<>();
            for (int i = 0; i < prepared.size(); i++) {
                posted.add(posting.write(companyId, userId, prepared.get(i), source, null, prefixed ? "vouchers[" + i + "]." : ""));
            }
            return new PostingOutcome.Posted(posted);
        };
        try {
            return tenants.inCompany(companyId, () -> drafts.size() == 1 ? postEvery.get() : units.attempt(postEvery));
        } catch (Posting.Rejected rejected) {
            return new PostingOutcome.Rejected(rejected.errors());
        }
    }

    /**
     * Numbering takes each fiscal year's row lock in the order the drafts come; two batches spanning
     * two years in opposite orders would wait on each other for ever. Taking every year's lock first,
     * in date order as settling and locking do, keeps all lock takers in one order.
     */
    private void lockYearsInDateOrder(long companyId, List<Posting.Prepared> prepared) {
        if (prepared.size() < 2) return;
        LocalDate first = prepared.stream().map(Posting.Prepared::date).min(LocalDate::compareTo).orElseThrow();
        LocalDate last = prepared.stream().map(Posting.Prepared::date).max(LocalDate::compareTo).orElseThrow();
        if (!first.equals(last)) store.lockFiscalYears(companyId, first, last);
    }

    /** Posts entries that are already final (in DKK, VAT included), such as a VAT settlement. */
    public PostingOutcome postEntries(long companyId, long userId, LocalDate date, String text, List<Entry> entries, String source) {
        try {
            return tenants.inCompany(companyId, () -> units.attempt(() -> new PostingOutcome.Posted(List.of(
                    posting.writeFinal(companyId, userId, date, text, VoucherDraft.HOME_CURRENCY, null, entries, source, null)))));
        } catch (Posting.Rejected rejected) {
            return new PostingOutcome.Rejected(rejected.errors());
        }
    }

    /**
     * Posts the mirror image of a voucher, dated {@code date} or, when null, the original's date. The
     * original is never touched; the two are linked both ways, and a voucher is reversed at most once.
     */
    public PostingOutcome reverse(long companyId, long userId, int fiscalYear, int number, LocalDate date) {
        try {
            return tenants.inCompany(companyId, () -> units.attempt(() -> {
                LocalDate yearStart = fiscalYearStart(companyId, fiscalYear)
                        .orElseThrow(() -> ProblemException.notFound(Message.of("voucher.notFound", fiscalYear + "/" + number)));
                Voucher original = store.voucher(companyId, yearStart, number)
                        .orElseThrow(() -> ProblemException.notFound(Message.of("voucher.notFound", fiscalYear + "/" + number)));
                if (SOURCE_VAT_SETTLEMENT.equals(original.source())) {
                    // Undoing a filed return's settlement would count its VAT again in the next open period.
                    throw new Posting.Rejected(List.of(FieldError.of("number", "reversal.settlement", fiscalYear + "/" + number)));
                }
                if (YearEnd.SOURCES.contains(original.source())) {
                    throw new Posting.Rejected(List.of(FieldError.of("number", "reversal.yearEnd", fiscalYear + "/" + number)));
                }
                if (original.reversedBy() != null) {
                    throw new Posting.Rejected(List.of(FieldError.of("number", "reversal.twice", fiscalYear + "/" + number,
                            original.reversedBy().fiscalYear() + "/" + original.reversedBy().number())));
                }
                List<Entry> mirrored = original.entries().stream()
                        .map(e -> new Entry(e.line(), e.account(), -e.amount(), e.currencyAmount() == null ? null : -e.currencyAmount(), e.vatCode(), e.text()))
                        .toList();
                String text = ("Tilbageførsel af bilag " + fiscalYear + "/" + number + ": " + original.text());
                if (text.length() > VoucherDraft.TEXT_LENGTH_MAX) text = text.substring(0, VoucherDraft.TEXT_LENGTH_MAX);
                try {
                    return new PostingOutcome.Posted(List.of(posting.writeFinal(companyId, userId, date == null ? original.date() : date, text,
                            original.currency(), original.exchangeRate(), mirrored, "REVERSAL", new VoucherKey(yearStart, number))));
                } catch (DuplicateKeyException raced) {
                    throw new Posting.Rejected(List.of(FieldError.of("number", "reversal.raced", fiscalYear + "/" + number)));
                }
            }));
        } catch (Posting.Rejected rejected) {
            return new PostingOutcome.Rejected(rejected.errors());
        }
    }

    /** A voucher by number; {@code fiscalYear} null means the latest fiscal year that has that number. */
    public Optional<Voucher> voucher(long companyId, Integer fiscalYear, int number) {
        return tenants.readInCompany(companyId, () -> {
            Optional<LocalDate> start = fiscalYear == null
                    ? store.latestFiscalYearWithVoucher(companyId, number)
                    : fiscalYearStart(companyId, fiscalYear);
            return start.flatMap(s -> store.voucher(companyId, s, number));
        });
    }

    /** The date of the company's earliest voucher, or empty before its first: where its bookkeeping here begins. */
    public Optional<LocalDate> firstVoucherDate(long companyId) {
        return tenants.readInCompany(companyId, () -> store.firstVoucherDate(companyId));
    }

    public Page<Voucher> vouchers(long companyId, LocalDate from, LocalDate to, String cursor, int limit) {
        int size = Math.clamp(limit, 1, VOUCHER_PAGE_SIZE_MAX);
        VoucherPosition after = cursor == null || cursor.isBlank() ? VoucherPosition.before(from) : VoucherCursor.decode(cursor);
        return tenants.readInCompany(companyId, () -> {
            List<Voucher> page = store.vouchers(companyId, from, to, after, size + 1);
            if (page.size() <= size) return new Page<>(page, null);
            List<Voucher> items = page.subList(0, size);
            Voucher last = items.getLast();
            return new Page<>(List.copyOf(items), VoucherCursor.encode(new VoucherPosition(last.date(), last.fiscalYearStart(), last.number())));
        });
    }

    /**
     * Vouchers matching {@code search}, newest first, a page at a time both ways: {@code cursor} is
     * one of a previous page's cursors, {@code newer} says which (null cursor: the newest page).
     */
    public VoucherSearch.Results search(long companyId, VoucherSearch search, String cursor, boolean newer, int limit) {
        int size = Math.clamp(limit, 1, VOUCHER_PAGE_SIZE_MAX);
        VoucherPosition at = cursor == null || cursor.isBlank() ? null : VoucherCursor.decode(cursor);
        boolean towardsNewer = newer && at != null;
        return tenants.readInCompany(companyId, () -> {
            List<Voucher> found = store.searchVouchers(companyId, search, at, towardsNewer, size + 1);
            boolean more = found.size() > size;
            List<Voucher> page = new ArrayList<>(more ? found.subList(0, size) : found);
            if (towardsNewer) java.util.Collections.reverse(page);
            if (page.isEmpty()) return new VoucherSearch.Results(List.of(), null, null);
            boolean hasOlder = towardsNewer ? true : more;
            boolean hasNewer = towardsNewer ? more : at != null;
            return new VoucherSearch.Results(List.copyOf(page), hasOlder ? position(page.getLast()) : null, hasNewer ? position(page.getFirst()) : null);
        });
    }

    private static String position(Voucher v) {
        return VoucherCursor.encode(new VoucherPosition(v.date(), v.fiscalYearStart(), v.number()));
    }

    private Optional<LocalDate> fiscalYearStart(long companyId, int label) {
        return store.fiscalYears(companyId).stream().map(FiscalYear::start).filter(s -> s.getYear() == label).findFirst();
    }

    // ------------------------------------------------------------------ periods

    public record Lock(LocalDate from, LocalDate to, String reason) {}

    /** Locks [from, to] against new entries. Postings into it that are under way finish first. */
    public void lock(long companyId, long userId, LocalDate from, LocalDate to, String reason) {
        tenants.inCompany(companyId, () -> units.attempt(() -> {
            store.lockPeriodsOfCompany(companyId);
            store.lockFiscalYears(companyId, from, to);
            for (LockedPeriod existing : store.locks(companyId)) {
                if (!existing.to().isBefore(from) && !existing.from().isAfter(to)) {
                    throw ProblemException.conflict(Message.of("lock.overlapsPeriod", Message.date(from), Message.date(to), Message.date(existing.from()), Message.date(existing.to())));
                }
            }
            try {
                store.insertLock(companyId, from, to, reason, userId, clock.instant());
            } catch (DataIntegrityViolationException overlapping) {
                // The exclusion constraint: a lock outside every fiscal year takes no row lock above.
                throw ProblemException.conflict(Message.of("lock.overlaps", Message.date(from), Message.date(to)));
            }
            return null;
        }));
    }

    /**
     * Waits for postings into [from, to] that are under way and holds off new ones until the caller's
     * unit of work ends: they wait, and then see whatever the caller locked. For work that must see a
     * period complete, such as settling its VAT.
     */
    public void holdPostings(long companyId, LocalDate from, LocalDate to) {
        if (!units.isOpen()) throw new IllegalStateException("holding postings is only useful inside the caller's unit of work");
        tenants.inCompany(companyId, () -> {
            store.lockFiscalYears(companyId, from, to);
            return null;
        });
    }

    public List<Lock> locks(long companyId) {
        return tenants.readInCompany(companyId, () -> store.locks(companyId).stream().map(l -> new Lock(l.from(), l.to(), l.reason())).toList());
    }

    // ------------------------------------------------------------------ balances

    /** Debit and credit per account and VAT code in [from, to], from the monthly balances. */
    public List<Balance> balances(long companyId, LocalDate from, LocalDate to) {
        return tenants.readInCompany(companyId, () -> store.balances(companyId, from, to));
    }

    /**
     * Debit and credit per account and month for the whole months from {@code fromMonth} up to (not
     * including) {@code beforeMonth}, read from the kept balances alone: for charts of many months.
     */
    public List<MonthlyBalance> monthlyBalances(long companyId, LocalDate fromMonth, LocalDate beforeMonth) {
        if (fromMonth.getDayOfMonth() != 1 || beforeMonth.getDayOfMonth() != 1) throw new IllegalArgumentException("months start on the 1st: " + fromMonth + ", " + beforeMonth);
        return tenants.readInCompany(companyId, () -> store.monthlyBalances(companyId, fromMonth, beforeMonth));
    }

    /** One page of an account statement, with the balance brought forward to the page's first line. */
    public record StatementPage(long broughtForward, List<StatementLine> lines, String next) {}

    /**
     * Entries on one account in [from, to], with the running balance's starting point: the balance
     * before {@code from}, plus the entries of earlier pages when {@code cursor} continues one. One
     * read transaction, so the page and its starting balance see the same ledger.
     */
    public StatementPage statementPage(long companyId, int account, LocalDate from, LocalDate to, String cursor, int limit) {
        int size = Math.clamp(limit, 1, STATEMENT_PAGE_SIZE_MAX);
        boolean continued = cursor != null && !cursor.isBlank();
        VoucherCursor.StatementPosition after = continued
                ? VoucherCursor.decodeStatement(cursor)
                : new VoucherCursor.StatementPosition(VoucherPosition.before(from), 0);
        return tenants.readInCompany(companyId, () -> {
            LocalDate beginning = store.firstFiscalYearStart(companyId).orElse(from);
            long before = beginning.isBefore(from)
                    ? store.balances(companyId, beginning, from.minusDays(1)).stream().filter(b -> b.account() == account).mapToLong(Balance::balance).sum()
                    : 0;
            if (continued) before += store.sumThrough(companyId, account, from, after.voucher(), after.line());
            List<StatementLine> lines = store.statement(companyId, account, from, to, after.voucher(), after.line(), size + 1);
            if (lines.size() <= size) return new StatementPage(before, lines, null);
            List<StatementLine> items = List.copyOf(lines.subList(0, size));
            StatementLine last = items.getLast();
            return new StatementPage(before, items, VoucherCursor.encodeStatement(new VoucherCursor.StatementPosition(
                    new VoucherPosition(last.date(), last.fiscalYearStart(), last.voucherNumber()), last.line())));
        });
    }
}
