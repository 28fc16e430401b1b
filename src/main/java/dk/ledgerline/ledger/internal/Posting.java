package dk.ledgerline.ledger.internal;

import dk.ledgerline.ledger.Entry;
import dk.ledgerline.ledger.VatTreatment;
import dk.ledgerline.ledger.VatTreatment.Expanded;
import dk.ledgerline.ledger.VatTreatment.Invalid;
import dk.ledgerline.ledger.VatTreatment.Part;
import dk.ledgerline.ledger.Voucher;
import dk.ledgerline.ledger.VoucherDraft;
import dk.ledgerline.ledger.VoucherRef;
import dk.ledgerline.ledger.internal.LedgerStore.BalanceDelta;
import dk.ledgerline.ledger.internal.LedgerStore.VoucherKey;
import dk.ledgerline.shared.Amounts;
import dk.ledgerline.shared.ProblemException.FieldError;
import dk.ledgerline.shared.ProblemException.Message;
import dk.ledgerline.shared.Rejection;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Turns drafts into posted vouchers. Everything that can be wrong with a draft is checked before the
 * first write; the one thing that can change under us (a period being locked) is checked in the
 * statement that takes the fiscal year's row lock and the voucher number, which settling a period
 * waits for too. So a voucher is refused, if at all, before anything of it is written.
 */
@Component
public class Posting {
    /** Dates outside this range are typing errors, not bookkeeping; year 10000 cannot even be stored by the API. */
    static final LocalDate DATE_MIN = LocalDate.of(1900, 1, 1);
    static final LocalDate DATE_MAX = LocalDate.of(9999, 12, 31);
    /** ECB quotes to 4 decimals; Danish banks to 6 per 100. Six decimals per unit covers both. */
    static final int EXCHANGE_RATE_SCALE_MAX = 6;
    static final BigDecimal EXCHANGE_RATE_MAX = new BigDecimal("100000");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final LedgerStore store;
    private final VatTreatment vat;
    private final Clock clock;

    Posting(LedgerStore store, VatTreatment vat, Clock clock) {
        this.store = store;
        this.vat = vat;
        this.clock = clock;
    }

    /** Thrown inside the posting step so that its writes are undone; the facade turns it into a value. */
    public static final class Rejected extends Rejection {
        private final List<FieldError> errors;

        public Rejected(List<FieldError> errors) {
            super(errors.isEmpty() ? "rejected" : errors.getFirst().field() + ": " + errors.getFirst().message());
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() { return errors; }
    }

    /** A voucher ready to write: entries in DKK, balanced, numbered on write. */
    public record Prepared(LocalDate date, String text, String currency, BigDecimal rate, List<Entry> entries) {}

    /** Checks and expands a draft; {@code prefix} names the draft in error fields ("" for a single voucher). */
    public Prepared prepare(long companyId, VoucherDraft draft, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        if (draft.date() == null) {
            errors.add(FieldError.of(prefix + "date", "date.required"));
        } else if (draft.date().isBefore(DATE_MIN) || draft.date().isAfter(DATE_MAX)) {
            errors.add(FieldError.of(prefix + "date", "date.outOfRange", DATE_MIN, DATE_MAX));
        }
        if (draft.text() == null || draft.text().isBlank()) {
            errors.add(FieldError.of(prefix + "text", "required"));
        } else if (draft.text().length() > VoucherDraft.TEXT_LENGTH_MAX) {
            errors.add(FieldError.of(prefix + "text", "text.tooLong", VoucherDraft.TEXT_LENGTH_MAX));
        }
        boolean foreign = !VoucherDraft.HOME_CURRENCY.equals(draft.currency());
        if (!CURRENCY.matcher(draft.currency()).matches()) {
            errors.add(FieldError.of(prefix + "currency", "currency.invalid"));
        } else if (foreign) {
            BigDecimal rate = draft.exchangeRate();
            if (rate == null || rate.signum() <= 0 || rate.compareTo(EXCHANGE_RATE_MAX) > 0 || rate.stripTrailingZeros().scale() > EXCHANGE_RATE_SCALE_MAX) {
                errors.add(FieldError.of(prefix + "exchangeRate", "exchangeRate.required", draft.currency(), EXCHANGE_RATE_SCALE_MAX));
            }
        } else if (draft.exchangeRate() != null && draft.exchangeRate().compareTo(BigDecimal.ONE) != 0) {
            errors.add(FieldError.of(prefix + "exchangeRate", "exchangeRate.notForDkk"));
        }
        if (draft.lines().size() < 2) {
            errors.add(FieldError.of(prefix + "lines", "lines.tooFew"));
        } else if (draft.lines().size() > VoucherDraft.LINES_MAX) {
            errors.add(FieldError.of(prefix + "lines", "lines.tooMany", VoucherDraft.LINES_MAX));
        }
        if (!errors.isEmpty()) throw new Rejected(errors);

        List<Part> parts = new ArrayList<>();
        List<Integer> partLine = new ArrayList<>();
        List<String> partText = new ArrayList<>();
        List<VatTreatment.Expansion> expansions = vat.expand(companyId, draft.lines());
        for (int i = 0; i < draft.lines().size(); i++) {
            VoucherDraft.Line line = draft.lines().get(i);
            String field = prefix + "lines[" + i + "]";
            if (line.amount() == 0) {
                errors.add(FieldError.of(field + ".amount", "amount.zero"));
                continue;
            }
            if (Math.abs(line.amount()) > Amounts.MAX_ABS_MINOR) {
                errors.add(FieldError.of(field + ".amount", "amount.tooLarge", Message.money(Amounts.MAX_ABS_MINOR)));
                continue;
            }
            if (foreign) {
                BigDecimal kroner = inKroner(line.amount(), draft.exchangeRate());
                if (kroner.abs().compareTo(BigDecimal.valueOf(Amounts.MAX_ABS_MINOR)) > 0) {
                    errors.add(FieldError.of(field + ".amount", "amount.tooLargeInKroner", Message.money(kroner.longValue()),
                            draft.exchangeRate().toPlainString(), Message.money(Amounts.MAX_ABS_MINOR)));
                    continue;
                }
            }
            if (line.text() != null && line.text().length() > VoucherDraft.TEXT_LENGTH_MAX) {
                errors.add(FieldError.of(field + ".text", "text.tooLong", VoucherDraft.TEXT_LENGTH_MAX));
                continue;
            }
            switch (expansions.get(i)) {
                case Invalid invalid -> errors.add(invalid.error().at(field + "." + invalid.error().field()));
                case Expanded expanded -> {
                    long sum = expanded.parts().stream().mapToLong(Part::amount).sum();
                    if (sum != line.amount()) {
                        throw new IllegalStateException("VAT expansion of " + field + " changed its amount from " + line.amount() + " to " + sum);
                    }
                    for (Part part : expanded.parts()) {
                        parts.add(part);
                        partLine.add(i);
                        partText.add(line.text() == null ? "" : line.text());
                    }
                }
            }
        }
        if (!errors.isEmpty()) throw new Rejected(errors);

        long debit = 0;
        long credit = 0;
        for (VoucherDraft.Line line : draft.lines()) {
            if (line.amount() > 0) debit = Math.addExact(debit, line.amount());
            else credit = Math.addExact(credit, line.amount());
        }
        if (debit + credit != 0) {
            errors.add(FieldError.of(prefix + "lines", "voucher.unbalanced", Message.money(debit), Message.money(credit), Message.money(debit + credit),
                    draft.currency()));
        }

        Set<Integer> accounts = new TreeSet<>();
        parts.forEach(p -> accounts.add(p.account()));
        Set<Integer> existing = store.existingAccounts(companyId, accounts);
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            if (!existing.contains(part.account())) {
                String where = prefix + "lines[" + partLine.get(i) + "]";
                FieldError error = part.vat()
                        ? FieldError.of(where + ".vatCode", "vat.accountMissing", part.account(), part.vatCode())
                        : FieldError.of(where + ".account", "account.missing", part.account());
                if (!errors.contains(error)) errors.add(error);
            }
        }
        if (!errors.isEmpty()) throw new Rejected(errors);

        long[] kroner = toKroner(parts, foreign ? draft.exchangeRate() : null);
        for (int i = 0; i < draft.lines().size(); i++) {
            boolean carriesKroner = false;
            for (int p = 0; p < parts.size(); p++) carriesKroner |= partLine.get(p) == i && kroner[p] != 0;
            if (!carriesKroner) {
                errors.add(FieldError.of(prefix + "lines[" + i + "].amount", "amount.zeroInKroner", draft.exchangeRate().toPlainString()));
            }
        }
        if (!errors.isEmpty()) throw new Rejected(errors);

        // A VAT part that rounds to 0.00 DKK changes no balance; an entry of nothing is noise in the audit trail.
        List<Entry> entries = new ArrayList<>(parts.size());
        for (int p = 0; p < parts.size(); p++) {
            Part part = parts.get(p);
            if (kroner[p] == 0) continue;
            entries.add(new Entry(entries.size() + 1, part.account(), kroner[p], foreign ? part.amount() : null, part.vatCode(), partText.get(p)));
        }
        return new Prepared(draft.date(), draft.text().trim(), draft.currency(), foreign ? draft.exchangeRate() : null, entries);
    }

    /** An amount in minor units of a currency, in øre at {@code rate} DKK per unit: half-up to the øre. */
    private static BigDecimal inKroner(long minor, BigDecimal rate) {
        return BigDecimal.valueOf(minor).multiply(rate).setScale(0, RoundingMode.HALF_UP);
    }

    /**
     * Each part in øre (half-up). Rounding can leave the converted voucher a few øre out of balance;
     * that residue goes on the largest non-VAT part, as a bank would book it. Every line was checked
     * to stay within the amount limit at this rate, so no product overflows.
     */
    private static long[] toKroner(List<Part> parts, BigDecimal rate) {
        long[] kroner = new long[parts.size()];
        long sum = 0;
        int largest = -1;
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            kroner[i] = rate == null ? part.amount() : inKroner(part.amount(), rate).longValueExact();
            sum += kroner[i];
            if (!part.vat() && (largest < 0 || Math.abs(part.amount()) > Math.abs(parts.get(largest).amount()))) largest = i;
        }
        if (sum != 0) kroner[largest] -= sum;
        return kroner;
    }

    /**
     * Writes a prepared voucher in one statement: takes the next number of its fiscal year (locking
     * the year's row) if the date is open, writes voucher, entries and balances; then checks what was written.
     */
    public Voucher write(long companyId, long userId, Prepared prepared, String source, VoucherKey reverses, String field) {
        return write(companyId, userId, prepared, source, reverses, field, false);
    }

    /**
     * {@code throughLocks}: into a locked period too (a year-end closing dated in a period whose VAT is
     * filed; it moves no VAT). The fiscal year must still be open.
     */
    private Voucher write(long companyId, long userId, Prepared prepared, String source, VoucherKey reverses, String field, boolean throughLocks) {
        // the database keeps microseconds; answer with what a later read will show
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var written = store.writeVoucher(companyId, prepared.date(), prepared.text(), prepared.currency(), prepared.rate(),
                source, now, userId, reverses, prepared.entries(), deltas(prepared), throughLocks);
        if (written.isEmpty()) {
            // Nothing was written: a single voucher is refused before its first write, so it needs no savepoint.
            throw new Rejected(List.of(whyNoNumber(companyId, prepared.date(), field)));
        }
        LocalDate fiscalYear = written.get().fiscalYearStart();
        int number = written.get().number();
        if (written.get().entriesSum() != 0 || written.get().entriesCount() != prepared.entries().size()) {
            throw new IllegalStateException("voucher " + fiscalYear.getYear() + "/" + number + " was written with sum " + written.get().entriesSum()
                    + " and " + written.get().entriesCount() + " entries; expected 0 and " + prepared.entries().size());
        }
        return new Voucher(fiscalYear, number, prepared.date(), prepared.text(), prepared.currency(), prepared.rate(), source,
                now, userId, reverses == null ? null : new VoucherRef(reverses.fiscalYearStart().getYear(), reverses.number()),
                null, prepared.entries());
    }

    private FieldError whyNoNumber(long companyId, LocalDate date, String field) {
        if (!store.openFiscalYearHolds(companyId, date)) {
            return store.fiscalYears(companyId).stream().filter(y -> y.contains(date) && y.closed()).findFirst()
                    .map(closed -> FieldError.of(field + "date", "date.yearClosed", Message.date(date), closed.label()))
                    .orElseGet(() -> FieldError.of(field + "date", "date.noFiscalYear", Message.date(date)));
        }
        var locked = store.lockCovering(companyId, date)
                .orElseThrow(() -> new IllegalStateException("an open fiscal year holds " + date + " and took no number, yet no lock covers it"));
        return FieldError.of(field + "date", "date.locked", Message.date(date), Message.date(locked.from()), Message.date(locked.to()), locked.reason());
    }

    /** Writes entries that are already final (a reversal, a VAT settlement): checked for balance and accounts, not expanded. */
    public Voucher writeFinal(long companyId, long userId, LocalDate date, String text, String currency, BigDecimal rate, List<Entry> entries,
                       String source, VoucherKey reverses) {
        return writeFinal(companyId, userId, date, text, currency, rate, entries, source, reverses, false);
    }

    /** As above; {@code throughLocks} as for {@link #write}: for the year-end closing alone. */
    public Voucher writeFinal(long companyId, long userId, LocalDate date, String text, String currency, BigDecimal rate, List<Entry> entries,
                       String source, VoucherKey reverses, boolean throughLocks) {
        long sum = entries.stream().mapToLong(Entry::amount).sum();
        if (sum != 0) throw new IllegalStateException("final entries of \"" + text + "\" do not balance: " + sum);
        if (date.isBefore(DATE_MIN) || date.isAfter(DATE_MAX)) {
            throw new Rejected(List.of(FieldError.of("date", "date.outOfRange", DATE_MIN, DATE_MAX)));
        }
        Set<Integer> accounts = new TreeSet<>();
        entries.forEach(e -> accounts.add(e.account()));
        Set<Integer> existing = store.existingAccounts(companyId, accounts);
        List<FieldError> errors = new ArrayList<>();
        for (Integer account : accounts) {
            if (!existing.contains(account)) errors.add(FieldError.of("account", "account.missing", account));
        }
        if (!errors.isEmpty()) throw new Rejected(errors);
        List<Entry> numbered = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            numbered.add(new Entry(i + 1, e.account(), e.amount(), e.currencyAmount(), e.vatCode(), e.text() == null ? "" : e.text()));
        }
        return write(companyId, userId, new Prepared(date, text, currency, rate, numbered), source, reverses, "", throughLocks);
    }

    private static List<BalanceDelta> deltas(Prepared prepared) {
        record Key(int account, String vatCode) {}
        Map<Key, long[]> sums = new TreeMap<>(Comparator.comparingInt(Key::account).thenComparing(Key::vatCode));
        for (Entry entry : prepared.entries()) {
            long[] sum = sums.computeIfAbsent(new Key(entry.account(), entry.vatCode() == null ? "" : entry.vatCode()), k -> new long[2]);
            if (entry.amount() > 0) sum[0] += entry.amount();
            else sum[1] += entry.amount();
        }
        LocalDate month = prepared.date().withDayOfMonth(1);
        return sums.entrySet().stream()
                .map(e -> new BalanceDelta(e.getKey().account(), month, e.getKey().vatCode(), e.getValue()[0], e.getValue()[1]))
                .toList();
    }
}
