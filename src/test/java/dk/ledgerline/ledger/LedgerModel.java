package dk.ledgerline.ledger;

import dk.ledgerline.vat.VatPeriod;
import dk.ledgerline.vat.VatReturn;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one company's ledger must hold after the commands so far, kept by the test alone: which
 * vouchers exist under which numbers, which reverses which, the locked periods and the settled
 * VAT returns. It also says what posting must answer next, from the rules as the API states them.
 */
final class LedgerModel {
    record Period(LocalDate from, LocalDate to) {
        boolean holds(LocalDate date) {
            return !date.isBefore(from) && !date.isAfter(to);
        }

        boolean overlaps(Period other) {
            return !other.to.isBefore(from) && !other.from.isAfter(to);
        }

        long days() {
            return ChronoUnit.DAYS.between(from, to) + 1;
        }
    }

    /** A field the rejection must name and a word its message must contain. */
    record ExpectedError(String field, String keyword) {}

    /** Either the numbers the vouchers get, or the one reason they are refused. */
    record Expectation(List<VoucherRef> posted, List<ExpectedError> errors) {
        static Expectation rejected(ExpectedError error) {
            return new Expectation(List.of(), List.of(error));
        }

        boolean accepted() {
            return errors.isEmpty();
        }
    }

    /** A voucher as posted, and the voucher that reversed it once there is one. */
    record Kept(Voucher voucher, VoucherRef reversedBy) {}

    private final List<FiscalYear> fiscalYears;
    private final Map<Integer, Integer> nextNumbers = new TreeMap<>();
    private final Map<VoucherRef, Kept> vouchers = new LinkedHashMap<>();
    private final List<Period> locks = new ArrayList<>();
    private final Map<String, VatReturn> settled = new TreeMap<>();

    LedgerModel(List<FiscalYear> fiscalYears) {
        this.fiscalYears = List.copyOf(fiscalYears);
        for (FiscalYear year : fiscalYears) nextNumbers.put(year.label(), 1);
    }

    List<FiscalYear> fiscalYears() { return fiscalYears; }
    Map<Integer, Integer> nextNumbers() { return Map.copyOf(nextNumbers); }
    List<Kept> vouchers() { return List.copyOf(vouchers.values()); }
    Kept voucher(VoucherRef ref) { return vouchers.get(ref); }
    List<Period> locks() { return List.copyOf(locks); }
    Map<String, VatReturn> settled() { return Map.copyOf(settled); }

    LocalDate firstDay() { return fiscalYears.getFirst().start(); }

    /** Where the company's VAT periods begin: the earliest voucher's date, or today before any voucher. */
    LocalDate booksBegin(LocalDate today) {
        return vouchers.values().stream().map(k -> k.voucher().date()).min(LocalDate::compareTo).orElse(today);
    }
    LocalDate lastDay() { return fiscalYears.getLast().end(); }

    Optional<FiscalYear> yearHolding(LocalDate date) {
        return fiscalYears.stream().filter(y -> y.contains(date)).findFirst();
    }

    Optional<Period> lockHolding(LocalDate date) {
        return locks.stream().filter(l -> l.holds(date)).findFirst();
    }

    boolean overlapsLock(Period period) {
        return locks.stream().anyMatch(l -> l.overlaps(period));
    }

    /** The day before the first fiscal year, or the day after the last: no year holds either. */
    LocalDate dateWithoutFiscalYear(int variant) {
        return variant % 2 == 0 ? firstDay().minusDays(1) : lastDay().plusDays(1);
    }

    /** A day in one of the locked periods; there must be one. */
    LocalDate lockedDate(int variant) {
        Period lock = locks.get(Math.floorMod(variant, locks.size()));
        return lock.from().plusDays(Math.floorMod(variant, lock.days()));
    }

    /**
     * What posting {@code drafts} together must answer. Every draft is checked before anything is
     * written, so the defects found by checking come first, all of them; then the drafts are
     * written in order, and the first without an open fiscal year or in a locked period stops all.
     */
    Expectation expectPosting(List<VoucherDraft> drafts, List<ExpectedError> foundByChecking, List<String> prefixes) {
        if (!foundByChecking.isEmpty()) return new Expectation(List.of(), foundByChecking);
        Map<Integer, Integer> numbers = new TreeMap<>(nextNumbers);
        List<VoucherRef> posted = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            LocalDate date = drafts.get(i).date();
            Optional<FiscalYear> year = yearHolding(date);
            if (year.isEmpty()) return Expectation.rejected(new ExpectedError(prefixes.get(i) + "date", "no open fiscal year holds " + date));
            if (lockHolding(date).isPresent()) return Expectation.rejected(new ExpectedError(prefixes.get(i) + "date", date + " lies in a locked period"));
            int number = numbers.merge(year.get().label(), 1, Integer::sum) - 1;
            posted.add(new VoucherRef(year.get().label(), number));
        }
        return new Expectation(posted, List.of());
    }

    /** What reversing {@code original} on {@code date} (its own when null) must answer. */
    Expectation expectReversal(Kept original, LocalDate date) {
        VoucherRef ref = original.voucher().ref();
        if (Ledger.SOURCE_VAT_SETTLEMENT.equals(original.voucher().source())) {
            return Expectation.rejected(new ExpectedError("number", "voucher " + ref.fiscalYear() + "/" + ref.number() + " settles a filed VAT return"));
        }
        if (original.reversedBy() != null) {
            return Expectation.rejected(new ExpectedError("number", "is already reversed by " + original.reversedBy().fiscalYear() + "/" + original.reversedBy().number()));
        }
        LocalDate on = date == null ? original.voucher().date() : date;
        return expectPosting(List.of(VoucherDraft.inKroner(on, "reversal", List.of())), List.of(), List.of(""));
    }

    void posted(Voucher voucher) {
        int next = nextNumbers.get(voucher.fiscalYear());
        if (voucher.number() != next) throw new IllegalStateException("the model expected number " + next + ", not " + voucher.ref());
        nextNumbers.put(voucher.fiscalYear(), next + 1);
        vouchers.put(voucher.ref(), new Kept(voucher, null));
    }

    void reversed(VoucherRef original, Voucher reversal) {
        posted(reversal);
        vouchers.put(original, new Kept(vouchers.get(original).voucher(), reversal.ref()));
    }

    void locked(Period period) {
        locks.add(period);
    }

    void settled(VatPeriod period, VatReturn filed, Voucher settlement) {
        if (settlement != null) posted(settlement);
        locked(new Period(period.from(), period.to()));
        settled.put(period.label(), filed);
    }
}
