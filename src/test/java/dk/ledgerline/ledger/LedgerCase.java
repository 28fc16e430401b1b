package dk.ledgerline.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dk.ledgerline.identity.Identity;
import dk.ledgerline.ledger.LedgerInvariants.ComputedReturn;
import dk.ledgerline.ledger.LedgerInvariants.ReturnFigures;
import dk.ledgerline.ledger.LedgerInvariants.Snapshot;
import dk.ledgerline.ledger.LedgerModel.Expectation;
import dk.ledgerline.ledger.LedgerModel.ExpectedError;
import dk.ledgerline.ledger.LedgerModel.Kept;
import dk.ledgerline.ledger.LedgerModel.Period;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.ProblemException.FieldError;
import dk.ledgerline.shared.VatPeriodType;
import dk.ledgerline.vat.Vat;
import dk.ledgerline.vat.VatAccounts;
import dk.ledgerline.vat.VatPeriod;
import dk.ledgerline.vat.VatReturn;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One generated case: a company of its own, a sequence of commands run through the real facades,
 * each answer compared with the model's, and every invariant checked after every command.
 */
final class LedgerCase {
    static final String SOURCE = "TEST";
    /** Valid CVR number (modulus 11). */
    static final String CVR = "12345674";
    /** The years the commands post in; a company opens them whatever today is. */
    static final int FIRST_YEAR = 2025;
    static final int LAST_YEAR = 2026;
    static final String LOCK_REASON = "Afstemt med banken";

    /** The facades and the user every case works with. */
    record App(Ledger ledger, Vat vat, Identity identity, LedgerInvariants invariants, Clock clock, long userId) {}

    private final App app;
    private final long companyId;
    private final LedgerModel model;
    private final List<VatPeriod> endedQuarters;
    private Snapshot last;

    private LedgerCase(App app, long companyId, LedgerModel model, List<VatPeriod> endedQuarters) {
        this.app = app;
        this.companyId = companyId;
        this.model = model;
        this.endedQuarters = endedQuarters;
    }

    /** A new company filing VAT per quarter, with fiscal years 2025 and 2026 open whatever today is. */
    static LedgerCase open(App app) {
        Ledger ledger = app.ledger();
        long companyId = app.identity().createCompany(app.userId(), "Egenskab ApS", CVR, VatPeriodType.QUARTER, 1).id();
        for (LocalDate start = ledger.fiscalYears(companyId).getFirst().start().minusYears(1); start.getYear() >= FIRST_YEAR; start = start.minusYears(1)) {
            ledger.openFiscalYear(companyId, start);
        }
        for (LocalDate start = ledger.fiscalYears(companyId).getLast().end().plusDays(1); start.getYear() <= LAST_YEAR; start = start.plusYears(1)) {
            ledger.openFiscalYear(companyId, start);
        }
        assertThat(app.vat().accounts(companyId)).as("a new company posts VAT to the standard chart's accounts").isEqualTo(VatAccounts.STANDARD);
        // "today" is the application's, as settling sees it, never the test JVM's own
        LocalDate today = LocalDate.now(app.clock());
        List<VatPeriod> ended = new ArrayList<>();
        for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
            for (int quarter = 1; quarter <= 4; quarter++) {
                VatPeriod period = app.vat().period(companyId, year + "-Q" + quarter);
                if (period.to().isBefore(today)) ended.add(period);
            }
        }
        LedgerCase started = new LedgerCase(app, companyId, new LedgerModel(ledger.fiscalYears(companyId)), List.copyOf(ended));
        started.last = app.invariants().check(companyId, started.model);
        return started;
    }

    /** Runs the commands; a failure names the step and the command, so the shrunk sequence reads as a story. */
    int run(List<LedgerCommand> commands) {
        for (int i = 0; i < commands.size(); i++) {
            LedgerCommand command = commands.get(i);
            try {
                boolean changed = execute(command);
                Snapshot now = app.invariants().check(companyId, model);
                if (!changed) assertThat(now).as("a refused command changes nothing").isEqualTo(last);
                last = now;
            } catch (AssertionError | RuntimeException failure) {
                throw new AssertionError("step " + (i + 1) + " of " + commands.size() + ", " + command + ":\n" + failure.getMessage(), failure);
            }
        }
        try {
            assertEveryReturnIsWhatTheEntriesSay();
        } catch (AssertionError | RuntimeException failure) {
            throw new AssertionError("after the last step: " + failure.getMessage(), failure);
        }
        return commands.size();
    }

    /** Runs one command and says whether it was meant to change the ledger. */
    private boolean execute(LedgerCommand command) {
        return switch (command) {
            case LedgerCommand.Post post -> post(List.of(post.draft()), List.of(), false);
            case LedgerCommand.PostDefective defective -> postDefective(List.of(defective.valid()), 0, defective.defect(), defective.line(), defective.variant(), false);
            case LedgerCommand.PostTogether together -> together.defect() == null
                    ? post(together.drafts(), List.of(), true)
                    : postDefective(together.drafts(), together.defective(), together.defect(), together.line(), together.variant(), true);
            case LedgerCommand.Reverse reverse -> reverse(reverse);
            case LedgerCommand.Lock lock -> lock(new Period(lock.from(), lock.to()));
            case LedgerCommand.Settle settle -> settle(settle.pick());
        };
    }

    private boolean postDefective(List<VoucherDraft> valid, int defective, PlantedDefect defect, int line, int variant, boolean together) {
        if (defect == PlantedDefect.LOCKED_PERIOD && model.locks().isEmpty()) {
            // nothing is locked yet: lock the voucher's month first, as its own checked step
            LocalDate month = valid.get(Math.floorMod(defective, valid.size())).date().withDayOfMonth(1);
            assertThat(lock(new Period(month, month.plusMonths(1).minusDays(1)))).isTrue();
            last = app.invariants().check(companyId, model);
        }
        int at = Math.floorMod(defective, valid.size());
        LocalDate date = switch (defect) {
            case NO_FISCAL_YEAR -> model.dateWithoutFiscalYear(variant);
            case LOCKED_PERIOD -> model.lockedDate(variant);
            default -> null;
        };
        PlantedDefect.Planted planted = defect.plant(valid.get(at), line, variant, date);
        List<VoucherDraft> drafts = new ArrayList<>(valid);
        drafts.set(at, planted.draft());
        String prefix = together ? "vouchers[" + at + "]." : "";
        List<ExpectedError> foundByChecking = defect.foundOnWrite() ? List.of() : List.of(new ExpectedError(prefix + planted.field(), defect.keyword));
        boolean changed = post(drafts, foundByChecking, together);
        assertThat(changed).as("a voucher with a planted defect is never stored").isFalse();
        return false;
    }

    private boolean post(List<VoucherDraft> drafts, List<ExpectedError> foundByChecking, boolean together) {
        List<String> prefixes = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) prefixes.add(together ? "vouchers[" + i + "]." : "");
        Expectation expected = model.expectPosting(drafts, foundByChecking, prefixes);
        PostingOutcome outcome = together
                ? app.ledger().postAll(companyId, app.userId(), drafts, SOURCE, true)
                : app.ledger().post(companyId, app.userId(), drafts.getFirst(), SOURCE);
        if (!expected.accepted()) {
            assertRejectedFor(outcome, expected.errors());
            return false;
        }
        assertThat(outcome).as("posting valid vouchers").isInstanceOf(PostingOutcome.Posted.class);
        List<Voucher> posted = ((PostingOutcome.Posted) outcome).vouchers();
        assertThat(posted.stream().map(Voucher::ref).toList()).as("numbers given").isEqualTo(expected.posted());
        for (int i = 0; i < drafts.size(); i++) {
            VoucherDraft draft = drafts.get(i);
            Voucher voucher = posted.get(i);
            assertThat(voucher.date()).isEqualTo(draft.date());
            assertThat(voucher.text()).isEqualTo(draft.text().trim());
            assertThat(voucher.currency()).isEqualTo(draft.currency());
            assertSameRate(voucher.exchangeRate(), VoucherDraft.HOME_CURRENCY.equals(draft.currency()) ? null : draft.exchangeRate());
            assertThat(voucher.source()).isEqualTo(SOURCE);
            assertThat(voucher.registeredBy()).isEqualTo(app.userId());
            assertThat(voucher.reverses()).isNull();
            assertThat(voucher.reversedBy()).isNull();
            assertThat(voucher.entries()).as("entries of " + voucher.ref()).isEqualTo(DraftEntries.of(draft, VatAccounts.STANDARD));
            assertReadsBackAsPosted(voucher);
            model.posted(voucher);
        }
        return true;
    }

    private boolean reverse(LedgerCommand.Reverse reverse) {
        List<Kept> all = model.vouchers();
        if (all.isEmpty()) {
            // nothing posted yet: the first number of the first year does not exist
            int year = model.fiscalYears().getFirst().label();
            ProblemException notFound = catchThrowableOfType(ProblemException.class,
                    () -> app.ledger().reverse(companyId, app.userId(), year, 1, reverse.date()));
            assertThat(notFound).as("reversing a voucher that does not exist").isNotNull();
            assertThat(notFound.status()).isEqualTo(404);
            return false;
        }
        List<Kept> reversed = all.stream().filter(k -> k.reversedBy() != null).toList();
        List<Kept> candidates = reverse.again() && !reversed.isEmpty() ? reversed : all;
        Kept original = candidates.get(Math.floorMod(reverse.pick(), candidates.size()));
        VoucherRef ref = original.voucher().ref();
        Expectation expected = model.expectReversal(original, reverse.date());
        PostingOutcome outcome = app.ledger().reverse(companyId, app.userId(), ref.fiscalYear(), ref.number(), reverse.date());
        if (!expected.accepted()) {
            assertRejectedFor(outcome, expected.errors());
            return false;
        }
        assertThat(outcome).as("reversing " + ref).isInstanceOf(PostingOutcome.Posted.class);
        Voucher reversal = ((PostingOutcome.Posted) outcome).single();
        Voucher was = original.voucher();
        assertThat(reversal.ref()).isEqualTo(expected.posted().getFirst());
        assertThat(reversal.date()).isEqualTo(reverse.date() == null ? was.date() : reverse.date());
        String text = "Tilbageførsel af bilag " + ref.fiscalYear() + "/" + ref.number() + ": " + was.text();
        assertThat(reversal.text()).isEqualTo(text.substring(0, Math.min(text.length(), VoucherDraft.TEXT_LENGTH_MAX)));
        assertThat(reversal.currency()).isEqualTo(was.currency());
        assertSameRate(reversal.exchangeRate(), was.exchangeRate());
        assertThat(reversal.source()).isEqualTo("REVERSAL");
        assertThat(reversal.reverses()).isEqualTo(ref);
        assertThat(reversal.entries()).as("a reversal mirrors every entry").isEqualTo(DraftEntries.mirrored(was.entries()));
        assertReadsBackAsPosted(reversal);
        model.reversed(ref, reversal);
        assertThat(app.ledger().voucher(companyId, ref.fiscalYear(), ref.number()).orElseThrow().reversedBy())
                .as("the original names its reversal").isEqualTo(reversal.ref());
        return true;
    }

    private boolean lock(Period period) {
        if (model.overlapsLock(period)) {
            ProblemException conflict = catchThrowableOfType(ProblemException.class,
                    () -> app.ledger().lock(companyId, app.userId(), period.from(), period.to(), LOCK_REASON));
            assertThat(conflict).as("locking " + period + " over a locked period").isNotNull();
            assertThat(conflict.status()).isEqualTo(409);
            assertThat(conflict.detail()).contains("overlaps the locked period");
            return false;
        }
        app.ledger().lock(companyId, app.userId(), period.from(), period.to(), LOCK_REASON);
        model.locked(period);
        return true;
    }

    private boolean settle(int pick) {
        if (endedQuarters.isEmpty()) return false;
        VatPeriod first = VatPeriod.containing(model.booksBegin(LocalDate.now(app.clock())), VatPeriodType.QUARTER);
        // half the picks take the period that is next in order, so that settlements happen, not only their refusals
        VatPeriod next = endedQuarters.stream().filter(q -> !q.to().isBefore(first.from()) && !model.settled().containsKey(q.label())).findFirst().orElse(null);
        VatPeriod period = pick % 2 == 0 && next != null ? next : endedQuarters.get(Math.floorMod(pick, endedQuarters.size()));
        if (model.settled().containsKey(period.label())) {
            ProblemException again = catchThrowableOfType(ProblemException.class, () -> app.vat().settle(companyId, app.userId(), period));
            assertThat(again).as("settling " + period + " twice").isNotNull();
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.detail()).isEqualTo("the VAT period " + period + " is already settled");
            return false;
        }
        boolean beforeFirst = period.to().isBefore(first.from());
        boolean previousOpen = !period.equals(first) && !model.settled().containsKey(period.previous().label());
        if (beforeFirst || previousOpen) {
            ProblemException refused = catchThrowableOfType(ProblemException.class, () -> app.vat().settle(companyId, app.userId(), period));
            assertThat(refused).as("settling " + period + (beforeFirst ? " before the first period " + first : " before " + period.previous())).isNotNull();
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.errors()).extracting(ProblemException.FieldError::message).singleElement().asString()
                    .contains(beforeFirst ? "lies before the company's first, " + first : "the VAT period " + period.previous() + " before it is not settled");
            return false;
        }
        ComputedReturn computed = app.invariants().computeReturn(companyId, period);
        if (model.overlapsLock(new Period(period.from(), period.to()))) {
            // the settlement voucher is refused on a locked last day; otherwise the period's own lock overlaps
            boolean voucherRefused = computed.holdsVat() && model.lockHolding(period.to()).isPresent();
            ProblemException refused = catchThrowableOfType(ProblemException.class, () -> app.vat().settle(companyId, app.userId(), period));
            assertThat(refused).as("settling " + period + " over a locked period").isNotNull();
            assertThat(refused.status()).isEqualTo(voucherRefused ? 422 : 409);
            assertThat(refused.detail()).contains(voucherRefused ? "the VAT period " + period + " cannot be settled" : "overlaps the locked period");
            return false;
        }
        VoucherRef expectedVoucher = computed.holdsVat()
                ? model.expectPosting(List.of(VoucherDraft.inKroner(period.to(), "settlement", List.of())), List.of(), List.of("")).posted().getFirst()
                : null;
        VatReturn filed = app.vat().settle(companyId, app.userId(), period);
        assertThat(ReturnFigures.of(filed)).as("the filed return of " + period + " against the entries").isEqualTo(computed.figures());
        assertThat(filed.period()).isEqualTo(period);
        assertThat(filed.settled()).isTrue();
        assertThat(filed.settledAt()).isNotNull();
        assertThat(filed.settlementVoucher()).as("the settlement voucher").isEqualTo(expectedVoucher);
        Voucher settlement = expectedVoucher == null ? null : app.ledger().voucher(companyId, expectedVoucher.fiscalYear(), expectedVoucher.number()).orElseThrow();
        if (settlement != null) assertSettlementVoucher(settlement, period, filed);
        model.settled(period, filed, settlement);
        assertThat(app.vat().vatReturn(companyId, period)).as("the return as filed").usingRecursiveComparison().isEqualTo(filed);
        return true;
    }

    private void assertSettlementVoucher(Voucher settlement, VatPeriod period, VatReturn filed) {
        VatAccounts accounts = VatAccounts.STANDARD;
        assertThat(settlement.date()).isEqualTo(period.to());
        assertThat(settlement.source()).isEqualTo(Ledger.SOURCE_VAT_SETTLEMENT);
        assertThat(settlement.currency()).isEqualTo(VoucherDraft.HOME_CURRENCY);
        Set<Integer> allowed = new HashSet<>(accounts.vatHolding());
        allowed.add(accounts.settlement());
        allowed.add(accounts.rounding());
        assertThat(settlement.entries()).allSatisfy(e -> {
            assertThat(allowed).contains(e.account());
            assertThat(e.vatCode()).isNull();
            assertThat(e.amount()).isNotZero();
        });
        long payable = settlement.entries().stream().filter(e -> e.account() == accounts.settlement()).mapToLong(Entry::amount).sum();
        assertThat(payable).as("the settlement account takes the payable in whole kroner").isEqualTo(-filed.vatPayable() * 100);
    }

    /** After the last step: every quarter's return is what the entries say, and a settled one is still as filed. */
    private void assertEveryReturnIsWhatTheEntriesSay() {
        List<VatReturn> returns = new ArrayList<>();
        for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) returns.addAll(app.vat().returnsOfYear(companyId, year));
        Map<String, ComputedReturn> computed = app.invariants().computeReturns(companyId, returns.stream().map(VatReturn::period).toList());
        for (VatReturn now : returns) {
            VatPeriod period = now.period();
            VatReturn filed = model.settled().get(period.label());
            if (filed != null) assertThat(now).as(period + " as filed").usingRecursiveComparison().isEqualTo(filed);
            else assertThat(now.settled()).as(period + " is not settled").isFalse();
            assertThat(ReturnFigures.of(now)).as(period + " against the entries").isEqualTo(computed.get(period.label()).figures());
        }
    }

    private void assertReadsBackAsPosted(Voucher posted) {
        Voucher read = app.ledger().voucher(companyId, posted.fiscalYear(), posted.number()).orElseThrow();
        assertThat(read).as("voucher " + posted.ref() + " read back")
                .usingRecursiveComparison().withComparatorForType(BigDecimal::compareTo, BigDecimal.class).isEqualTo(posted);
    }

    private static void assertSameRate(BigDecimal actual, BigDecimal expected) {
        if (expected == null) assertThat(actual).isNull();
        else assertThat(actual).isEqualByComparingTo(expected);
    }

    /** The rejection names exactly the expected fields, in order, each with its word; nothing else. */
    private static void assertRejectedFor(PostingOutcome outcome, List<ExpectedError> expected) {
        assertThat(outcome).as("expected a rejection for " + expected).isInstanceOf(PostingOutcome.Rejected.class);
        List<FieldError> errors = ((PostingOutcome.Rejected) outcome).errors();
        assertThat(errors.stream().map(FieldError::field).toList()).as("fields rejected, with messages " + errors)
                .isEqualTo(expected.stream().map(ExpectedError::field).toList());
        for (int i = 0; i < errors.size(); i++) {
            assertThat(errors.get(i).message()).as("the message of " + errors.get(i).field()).contains(expected.get(i).keyword());
        }
    }
}
