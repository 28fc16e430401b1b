package dk.ledgerline.vat;

import dk.ledgerline.identity.Identity;
import dk.ledgerline.ledger.Balance;
import dk.ledgerline.ledger.Entry;
import dk.ledgerline.ledger.Ledger;
import dk.ledgerline.ledger.VoucherRef;
import dk.ledgerline.shared.Amounts;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.ProblemException.Message;
import dk.ledgerline.shared.TenantTransactions;
import dk.ledgerline.shared.UnitOfWork;
import dk.ledgerline.shared.VatPeriodType;
import dk.ledgerline.vat.internal.VatStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/** VAT codes, the VAT return of a period, and its settlement. */
@Service
public class Vat {
    private final Ledger ledger;
    private final Identity identity;
    private final VatStore store;
    private final TenantTransactions tenants;
    private final UnitOfWork units;
    private final Clock clock;

    Vat(Ledger ledger, Identity identity, VatStore store, TenantTransactions tenants, UnitOfWork units, Clock clock) {
        this.ledger = ledger;
        this.identity = identity;
        this.store = store;
        this.tenants = tenants;
        this.units = units;
        this.clock = clock;
    }

    public List<VatCode> codes() {
        return List.of(VatCode.values());
    }

    public VatAccounts accounts(long companyId) {
        return tenants.readInCompany(companyId, () -> store.settings(companyId))
                .orElseThrow(() -> new IllegalStateException("company " + companyId + " has no VAT settings"));
    }

    public VatPeriod period(long companyId, String text) {
        return VatPeriod.parse(text, identity.vatPeriod(companyId));
    }

    public VatPeriodType periodType(long companyId) {
        return identity.vatPeriod(companyId);
    }

    /** The return as filed when the period is settled; otherwise as the ledger stands now. */
    public VatReturn vatReturn(long companyId, VatPeriod period) {
        return tenants.readInCompany(companyId, () -> store.settledReturn(companyId, period)
                .orElseGet(() -> compute(companyId, period, accounts(companyId)).toReturn(false, null, null)));
    }

    /** The returns of the periods of one calendar year, settled or not. */
    public List<VatReturn> returnsOfYear(long companyId, int year) {
        VatPeriodType type = identity.vatPeriod(companyId);
        List<VatReturn> returns = new ArrayList<>();
        for (VatPeriod period : VatPeriod.ofYear(year, type)) returns.add(vatReturn(companyId, period));
        return returns;
    }

    /**
     * What settling {@code period} would post now, and why it cannot be settled yet, if it cannot:
     * shown to the user before they confirm. The figures may still change until it is settled.
     */
    public record SettlementPlan(VatReturn figures, List<Entry> entries, List<Message> reasons) {
        public boolean possible() {
            return reasons.isEmpty();
        }
    }

    public SettlementPlan settlementPlan(long companyId, VatPeriod period) {
        return tenants.readInCompany(companyId, () -> {
            VatAccounts accounts = accounts(companyId);
            Figures figures = compute(companyId, period, accounts);
            return new SettlementPlan(figures.toReturn(false, null, null), settlementEntries(figures, accounts), reasonsAgainst(companyId, period));
        });
    }

    /**
     * The first period a company files here: the one holding its earliest voucher (a company that
     * moves to Ledgerline mid-year filed the periods before in its old system), or, before its first
     * voucher, the one running today, so a new company is not told of deadlines it never had here.
     * Earlier periods are neither offered nor required.
     */
    public VatPeriod firstPeriod(long companyId) {
        LocalDate begins = ledger.firstVoucherDate(companyId).orElse(LocalDate.now(clock));
        return VatPeriod.containing(begins, identity.vatPeriod(companyId));
    }

    /** Unsettled periods looked back over at most: five years of months; a company this far behind has other problems. */
    static final int OPEN_PERIODS_MAX = 60;

    /**
     * The periods not yet settled, oldest first, up to and including the one running on {@code today}:
     * since periods are settled in order, they are the ones after the last settled one.
     */
    public List<VatPeriod> openPeriods(long companyId, LocalDate today) {
        VatPeriodType type = identity.vatPeriod(companyId);
        VatPeriod first = firstPeriod(companyId);
        List<VatPeriod> open = new ArrayList<>();
        return tenants.readInCompany(companyId, () -> {
            for (VatPeriod p = VatPeriod.containing(today, type); open.size() < OPEN_PERIODS_MAX; p = p.previous()) {
                if (p.to().isBefore(first.from())) break;
                if (store.settledReturn(companyId, p).isPresent()) break;
                open.addFirst(p);
            }
            return List.copyOf(open);
        });
    }

    /**
     * Settles a period: posts the transfer of each VAT account's period balance to the settlement
     * account (the whole-kroner difference to the rounding account), locks the period against new
     * entries and freezes the return as filed. All in one step of work, which a rejection undoes.
     * Periods are settled in order: one whose predecessor is open is refused.
     *
     * <p>It first holds off postings into the period: those under way finish, later ones wait and
     * then find the period locked. Only then is the return computed, so every voucher is either in
     * the filed figures or rejected, and the period's VAT accounts are checked to be at zero after.
     */
    public VatReturn settle(long companyId, long userId, VatPeriod period) {
        LocalDate today = LocalDate.now(clock);
        if (!period.to().isBefore(today)) {
            throw ProblemException.unprocessable(Message.of("vat.notEnded", period),
                    List.of(ProblemException.FieldError.of("period", "vat.endsOn", Message.date(period.to()), Message.date(period.to().plusDays(1)))));
        }
        return tenants.inCompany(companyId, () -> units.attempt(() -> {
            ledger.holdPostings(companyId, period.from(), period.to());
            if (store.settledReturn(companyId, period).isPresent()) {
                throw ProblemException.conflict(Message.of("vat.alreadySettled", period));
            }
            List<Message> reasons = reasonsAgainst(companyId, period);
            if (!reasons.isEmpty()) {
                throw ProblemException.unprocessable(Message.of("vat.notSettled", period),
                        reasons.stream().map(r -> new ProblemException.FieldError("period", r.english(), r)).toList());
            }
            VatAccounts accounts = accounts(companyId);
            Figures figures = compute(companyId, period, accounts);
            List<Entry> entries = settlementEntries(figures, accounts);
            VoucherRef voucher = null;
            if (!entries.isEmpty()) {
                voucher = ledger.postEntries(companyId, userId, period.to(), "Momsafregning " + period, entries, Ledger.SOURCE_VAT_SETTLEMENT)
                        .postedOrThrow(Message.of("vat.notSettled", period)).getFirst().ref();
            }
            ledger.lock(companyId, userId, period.from(), period.to(), "Momsangivelse " + period);
            requireVatAccountsCleared(companyId, period, accounts);
            // the database keeps microseconds; answer with what a later read will show
            VatReturn settled = figures.toReturn(true, clock.instant().truncatedTo(ChronoUnit.MICROS), voucher);
            store.insertReturn(companyId, settled, userId);
            return settled;
        }));
    }

    /** Why {@code period} cannot be settled now: it has not ended, it lies before the company's first period, or the one before it is open. */
    private List<Message> reasonsAgainst(long companyId, VatPeriod period) {
        List<Message> reasons = new ArrayList<>();
        LocalDate today = LocalDate.now(clock);
        if (!period.to().isBefore(today)) reasons.add(Message.of("vat.notEndedOn", period, Message.date(period.to()), Message.date(period.to().plusDays(1))));
        VatPeriod first = firstPeriod(companyId);
        if (period.to().isBefore(first.from())) {
            reasons.add(Message.of("vat.beforeFirst", period, first));
        } else if (!period.equals(first)) {
            VatPeriod previous = period.previous();
            if (store.settledReturn(companyId, previous).isEmpty()) reasons.add(Message.of("vat.previousOpen", previous));
        }
        return reasons;
    }

    /** The VAT accounts cleared to the settlement account, whole kroner payable, the øre difference to the rounding account. */
    private static List<Entry> settlementEntries(Figures figures, VatAccounts accounts) {
        VatPeriod period = figures.period();
        List<Entry> entries = new ArrayList<>();
        for (var held : figures.vatAccountBalances().entrySet()) {
            if (held.getValue() != 0) entries.add(new Entry(0, held.getKey(), -held.getValue(), null, null, "Momsafregning " + period));
        }
        long clearedExact = entries.stream().mapToLong(Entry::amount).sum();
        long payableMinor = figures.vatPayable() * 100;
        if (payableMinor != 0) entries.add(new Entry(0, accounts.settlement(), -payableMinor, null, null, "Afgiftstilsvar " + period));
        long rounding = payableMinor - clearedExact;
        if (rounding != 0) entries.add(new Entry(0, accounts.rounding(), rounding, null, null, "Øreafrunding moms " + period));
        return entries;
    }

    /** The settlement moved every VAT account's period balance away; anything left was reported nowhere. */
    private void requireVatAccountsCleared(long companyId, VatPeriod period, VatAccounts accounts) {
        Map<Integer, Long> left = new TreeMap<>();
        for (Balance b : ledger.balances(companyId, period.from(), period.to())) {
            if (accounts.vatHolding().contains(b.account())) left.merge(b.account(), b.balance(), Long::sum);
        }
        left.values().removeIf(balance -> balance == 0);
        if (!left.isEmpty()) {
            throw new IllegalStateException("settling " + period + " of company " + companyId + " left VAT on its VAT accounts: " + left);
        }
    }

    /** The return's figures: VAT from the VAT accounts' balances, boxes from the net amounts per code. */
    private Figures compute(long companyId, VatPeriod period, VatAccounts accounts) {
        List<Balance> balances = ledger.balances(companyId, period.from(), period.to());
        Map<Integer, Long> vatHeld = new TreeMap<>();
        for (int account : accounts.vatHolding()) vatHeld.put(account, 0L);
        long[] boxes = new long[VatCode.Box.values().length];
        for (Balance b : balances) {
            if (vatHeld.containsKey(b.account())) {
                vatHeld.merge(b.account(), b.balance(), Long::sum);
                continue;
            }
            if (b.account() == accounts.settlement()) continue;
            Optional<VatCode> code = VatCode.of(b.vatCode());
            if (code.isPresent()) boxes[code.get().box().ordinal()] += b.balance();
        }
        return new Figures(period, vatHeld,
                Amounts.toWholeKroner(-vatHeld.get(accounts.salesVat())),
                Amounts.toWholeKroner(vatHeld.get(accounts.purchaseVat())),
                Amounts.toWholeKroner(-vatHeld.get(accounts.goodsAbroadVat())),
                Amounts.toWholeKroner(-vatHeld.get(accounts.servicesAbroadVat())),
                Amounts.toWholeKroner(boxes[VatCode.Box.RUBRIK_A_GOODS.ordinal()]),
                Amounts.toWholeKroner(boxes[VatCode.Box.RUBRIK_A_SERVICES.ordinal()]),
                Amounts.toWholeKroner(-boxes[VatCode.Box.RUBRIK_B_GOODS_REPORTED.ordinal()]),
                Amounts.toWholeKroner(-boxes[VatCode.Box.RUBRIK_B_GOODS_NOT_REPORTED.ordinal()]),
                Amounts.toWholeKroner(-boxes[VatCode.Box.RUBRIK_B_SERVICES.ordinal()]),
                Amounts.toWholeKroner(-boxes[VatCode.Box.RUBRIK_C.ordinal()]));
    }

    /** Whole kroner, each box rounded half-up on its own; the payable is the sum of the rounded boxes, as on the form. */
    private record Figures(VatPeriod period, Map<Integer, Long> vatAccountBalances,
                           long salesVat, long purchaseVat, long goodsAbroad, long servicesAbroad,
                           long rubrikAGoods, long rubrikAServices, long rubrikBReported, long rubrikBNotReported, long rubrikBServices, long rubrikC) {
        long vatPayable() {
            return salesVat + goodsAbroad + servicesAbroad - purchaseVat;
        }

        VatReturn toReturn(boolean settled, Instant settledAt, VoucherRef voucher) {
            return new VatReturn(period, salesVat, purchaseVat, goodsAbroad, servicesAbroad, rubrikAGoods, rubrikAServices,
                    rubrikBReported, rubrikBNotReported, rubrikBServices, rubrikC, vatPayable(), settled, settledAt, voucher);
        }
    }
}
