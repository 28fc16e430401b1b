package dk.ledgerline.ledger;

import dk.ledgerline.ledger.internal.LedgerStore;
import dk.ledgerline.ledger.internal.LedgerStore.VoucherKey;
import dk.ledgerline.ledger.internal.Posting;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.ProblemException.FieldError;
import dk.ledgerline.shared.ProblemException.Message;
import dk.ledgerline.shared.TenantTransactions;
import dk.ledgerline.shared.UnitOfWork;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * Year-end closing (årsafslutning): the year's result moves from the profit-and-loss accounts to an
 * equity account in a closing voucher dated the year's last day, and the year is closed to new
 * postings. The balance-sheet accounts need no transfer: balances are kept from the first year on,
 * so they carry into the next year as its opening balances by themselves. Reopening reverses the
 * closing voucher (posted vouchers never change) and opens the year again, while the next year's
 * VAT is not yet filed.
 *
 * <p>The closing and its reversal are vouchers like any other (in the journal, the exports and the
 * balances); reports of a year's result leave them out, since they move the result, not make it.
 */
@Service
public class YearEnd {
    /** The source of the voucher that closes a fiscal year, and of the one that reverses it on reopening. */
    public static final String SOURCE_CLOSING = "YEAR_END_CLOSING";
    public static final String SOURCE_REOPENING = "YEAR_END_REOPENING";
    public static final List<String> SOURCES = List.of(SOURCE_CLOSING, SOURCE_REOPENING);
    /** Overført resultat in the standard chart: where the result goes unless the owner names another equity account. */
    public static final int RESULT_ACCOUNT_DEFAULT = 6950;

    private final LedgerStore store;
    private final Posting posting;
    private final TenantTransactions tenants;
    private final UnitOfWork units;
    private final List<YearEndConditions> conditions;
    private final Clock clock;

    YearEnd(LedgerStore store, Posting posting, TenantTransactions tenants, UnitOfWork units, List<YearEndConditions> conditions, Clock clock) {
        this.store = store;
        this.posting = posting;
        this.tenants = tenants;
        this.units = units;
        this.conditions = List.copyOf(conditions);
        this.clock = clock;
    }

    /** What closing did: the voucher that moved the result (none when the result and every account were zero). */
    public record Closed(FiscalYear year, long result, int resultAccount, VoucherRef voucher) {}

    /**
     * What closing would do now: the entries of the closing voucher, the result (positive for a
     * profit) and the reasons it cannot be done yet, if any. Shown to the owner before they confirm.
     */
    public record Plan(FiscalYear year, int resultAccount, List<Entry> entries, long result, List<Message> reasons) {
        public boolean possible() {
            return reasons.isEmpty();
        }
    }

    public Plan plan(long companyId, int label, Integer resultAccount) {
        return tenants.readInCompany(companyId, () -> plan(companyId, year(companyId, label), resultAccount));
    }

    /**
     * Closes fiscal year {@code label}: it must have ended, every year before it must be closed, and
     * every other module's conditions must hold (the VAT module: the year's VAT returns are filed).
     * {@code resultAccount} null means {@link #RESULT_ACCOUNT_DEFAULT}; it must be an equity account.
     * The year's row is locked first, so postings under way finish and later ones find it closed.
     */
    public Closed close(long companyId, long userId, int label, Integer resultAccount) {
        return tenants.inCompany(companyId, () -> units.attempt(() -> {
            FiscalYear year = year(companyId, label);
            store.lockFiscalYears(companyId, year.start(), year.end());
            year = year(companyId, label);
            if (year.closed()) throw ProblemException.conflict(Message.of("yearEnd.alreadyClosed", label));
            Plan plan = plan(companyId, year, resultAccount);
            if (!plan.possible()) throw refused(Message.of("yearEnd.notClosed", label), plan.reasons());
            VoucherRef voucher = null;
            if (!plan.entries().isEmpty()) {
                voucher = posting.writeFinal(companyId, userId, year.end(), "Årsafslutning " + label + ": årets resultat til konto " + plan.resultAccount(),
                        VoucherDraft.HOME_CURRENCY, null, plan.entries(), SOURCE_CLOSING, null, true).ref();
            }
            store.setClosed(companyId, year.start(), true);
            return new Closed(new FiscalYear(year.start(), year.end(), true), plan.result(), plan.resultAccount(), voucher);
        }));
    }

    private Plan plan(long companyId, FiscalYear year, Integer resultAccount) {
        int target = resultAccount == null ? RESULT_ACCOUNT_DEFAULT : resultAccount;
        int label = year.label();
        List<Message> reasons = new ArrayList<>();
        if (year.closed()) reasons.add(Message.of("yearEnd.alreadyClosed", label));
        LocalDate today = LocalDate.now(clock);
        if (!year.end().isBefore(today)) reasons.add(Message.of("yearEnd.notEnded", label, Message.date(year.end()), Message.date(year.end().plusDays(1))));
        for (FiscalYear earlier : store.fiscalYears(companyId)) {
            if (earlier.start().isBefore(year.start()) && !earlier.closed()) {
                reasons.add(Message.of("yearEnd.earlierOpen", earlier.label()));
                break;
            }
        }
        Optional<Account> account = store.account(companyId, target);
        if (account.isEmpty()) reasons.add(Message.of("yearEnd.resultAccountMissing", target));
        else if (account.get().type() != AccountType.EQUITY) reasons.add(Message.of("yearEnd.resultAccountNotEquity", target, account.get().type()));
        for (YearEndConditions condition : conditions) reasons.addAll(condition.beforeClosing(companyId, year));

        Map<Integer, Long> results = resultBalances(companyId, year);
        long result = results.values().stream().mapToLong(Long::longValue).sum();
        List<Entry> entries = new ArrayList<>();
        results.forEach((number, balance) -> {
            if (balance != 0) entries.add(new Entry(entries.size() + 1, number, -balance, null, null, "Årets resultat overført"));
        });
        if (result != 0) entries.add(new Entry(entries.size() + 1, target, result, null, null, "Årets resultat " + label));
        return new Plan(year, target, List.copyOf(entries), -result, List.copyOf(reasons));
    }

    /** What reopening did: the voucher that reversed the closing (none when the closing moved nothing). */
    public record Reopened(FiscalYear year, VoucherRef reversal) {}

    /**
     * Reopens the last closed fiscal year, {@code label}: its closing voucher is reversed and the year
     * takes postings again. Refused when a later year is closed, or another module objects (the VAT
     * module: a VAT return of the next year is filed, so its figures already stand on this year's).
     */
    public Reopened reopen(long companyId, long userId, int label) {
        return tenants.inCompany(companyId, () -> units.attempt(() -> {
            FiscalYear year = year(companyId, label);
            store.lockFiscalYears(companyId, year.start(), year.end());
            year = year(companyId, label);
            if (!year.closed()) throw ProblemException.conflict(Message.of("yearEnd.notClosedYet", label));
            List<Message> reasons = new ArrayList<>();
            for (FiscalYear later : store.fiscalYears(companyId)) {
                if (later.start().isAfter(year.start()) && later.closed()) {
                    reasons.add(Message.of("yearEnd.laterClosed", later.label()));
                    break;
                }
            }
            for (YearEndConditions condition : conditions) reasons.addAll(condition.beforeReopening(companyId, year));
            if (!reasons.isEmpty()) throw refused(Message.of("yearEnd.notReopened", label), reasons);

            store.setClosed(companyId, year.start(), false);
            VoucherRef reversal = null;
            Optional<Voucher> closing = store.unreversedOfSource(companyId, year.start(), year.end(), SOURCE_CLOSING);
            if (closing.isPresent()) {
                Voucher original = closing.get();
                List<Entry> mirrored = original.entries().stream()
                        .map(e -> new Entry(e.line(), e.account(), -e.amount(), null, null, e.text())).toList();
                reversal = posting.writeFinal(companyId, userId, original.date(), "Genåbning af " + label + ": tilbageførsel af bilag "
                                + original.fiscalYear() + "/" + original.number(), VoucherDraft.HOME_CURRENCY, null, mirrored, SOURCE_REOPENING,
                        new VoucherKey(original.fiscalYearStart(), original.number()), true).ref();
            }
            return new Reopened(new FiscalYear(year.start(), year.end(), false), reversal);
        }));
    }

    /**
     * Debit and credit per account of the closing vouchers and their reversals dated on any of
     * {@code dates} (a closing is dated its year's last day): what a report of a year's result leaves out.
     */
    public Map<Integer, long[]> closingEntries(long companyId, Collection<LocalDate> dates) {
        if (dates.isEmpty()) return Map.of();
        return tenants.readInCompany(companyId, () -> store.sumsOfSources(companyId, dates, SOURCES));
    }

    /** Each profit-and-loss account's balance over the year, in the ledger's sign (a profit sums to less than zero). */
    private Map<Integer, Long> resultBalances(long companyId, FiscalYear year) {
        Map<Integer, AccountType> types = new TreeMap<>();
        store.accounts(companyId).forEach(a -> types.put(a.number(), a.type()));
        Map<Integer, Long> results = new TreeMap<>();
        for (Balance b : store.balances(companyId, year.start(), year.end())) {
            AccountType type = types.get(b.account());
            if (type == null) throw new IllegalStateException("company " + companyId + " has a balance on account " + b.account() + ", which is not in its chart");
            if (type.isProfitAndLoss()) results.merge(b.account(), b.balance(), Long::sum);
        }
        return results;
    }

    private FiscalYear year(long companyId, int label) {
        return store.fiscalYears(companyId).stream().filter(y -> y.label() == label).findFirst()
                .orElseThrow(() -> ProblemException.notFound(Message.of("fiscalYear.notFound", label)));
    }

    private static ProblemException refused(Message detail, List<Message> reasons) {
        return ProblemException.unprocessable(detail, reasons.stream().map(r -> new FieldError("fiscalYear", r.english(), r)).toList());
    }
}
