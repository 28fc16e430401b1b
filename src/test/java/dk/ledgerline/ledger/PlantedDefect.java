package dk.ledgerline.ledger;

import dk.ledgerline.shared.Amounts;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One thing wrong with an otherwise valid voucher, and the one rejection posting must answer it
 * with: the field (relative to the voucher, "lines[2].account") and a word of the message. A
 * voucher rejected for any other reason, or for this one and another, fails the property.
 */
enum PlantedDefect {
    UNBALANCED(Where.VOUCHER, "lines", "does not balance"),
    UNKNOWN_ACCOUNT(Where.LINE, "account", "does not exist"),
    UNKNOWN_VAT_CODE(Where.LINE, "vatCode", "unknown VAT code"),
    ZERO_AMOUNT(Where.LINE, "amount", "must not be zero"),
    AMOUNT_TOO_LARGE(Where.LINE, "amount", "is larger than"),
    LINE_TEXT_TOO_LONG(Where.LINE, "text", "at most " + VoucherDraft.TEXT_LENGTH_MAX + " characters"),
    ONE_LINE(Where.VOUCHER, "lines", "at least 2 lines"),
    TOO_MANY_LINES(Where.VOUCHER, "lines", "at most " + VoucherDraft.LINES_MAX + " lines"),
    BLANK_TEXT(Where.VOUCHER, "text", "is required"),
    TEXT_TOO_LONG(Where.VOUCHER, "text", "at most " + VoucherDraft.TEXT_LENGTH_MAX + " characters"),
    DATE_MISSING(Where.VOUCHER, "date", "is required"),
    DATE_OUT_OF_RANGE(Where.VOUCHER, "date", "must lie between"),
    NO_FISCAL_YEAR(Where.VOUCHER, "date", "no open fiscal year holds"),
    LOCKED_PERIOD(Where.VOUCHER, "date", "lies in a locked period"),
    EXCHANGE_RATE_MISSING(Where.VOUCHER, "exchangeRate", "DKK per 1 "),
    EXCHANGE_RATE_FOR_KRONER(Where.VOUCHER, "exchangeRate", "must be absent (or 1) for DKK"),
    CURRENCY_NOT_ISO(Where.VOUCHER, "currency", "ISO 4217"),
    /** 1.00 EUR at 0.000001 DKK per EUR is 0.0001 øre: an entry of nothing. */
    CONVERTS_TO_NOTHING(Where.LINE, "amount", "0.00 DKK"),
    /** Within the limit in its own currency, beyond it in kroner at the largest rate posting takes. */
    CONVERTS_BEYOND_LIMIT(Where.LINE, "amount", "largest amount");

    /** Accounts the default chart does not have, checked once against the chart before the first case. */
    static final List<Integer> ACCOUNTS_NOT_IN_CHART = List.of(99_999, 4_000, 1);
    /** Codes that look like VAT codes and are not: a typo, the right code in lower case, a Danish word. */
    static final List<String> CODES_NOT_VAT_CODES = List.of("X25", "u25", "MOMS");
    /** Every way an exchange rate can be unusable: absent, not positive, too precise, beyond the largest rate. */
    static final List<BigDecimal> UNUSABLE_RATES = Arrays.asList(null, BigDecimal.ZERO, new BigDecimal("-7.4604"),
            new BigDecimal("7.4604001"), new BigDecimal("100000.000001"));
    /** Posting's smallest and largest rates; the conversion defects sit just past what they allow. */
    static final BigDecimal RATE_SMALLEST = new BigDecimal("0.000001");
    static final BigDecimal RATE_LARGEST = new BigDecimal("100000");

    enum Where { VOUCHER, LINE }

    final Where where;
    final String field;
    final String keyword;

    PlantedDefect(Where where, String field, String keyword) {
        this.where = where;
        this.field = field;
        this.keyword = keyword;
    }

    /** Whether posting finds this defect only when it writes (numbering, locks), after every other check passed. */
    boolean foundOnWrite() {
        return this == NO_FISCAL_YEAR || this == LOCKED_PERIOD;
    }

    /**
     * The voucher with the defect planted in line {@code line} (taken modulo the line count).
     * {@code date} is used by the defects that are a date: one outside every fiscal year, or in a
     * locked period; the model picks it, since only the model knows the company's years and locks.
     */
    Planted plant(VoucherDraft valid, int line, int variant, LocalDate date) {
        List<VoucherDraft.Line> lines = new ArrayList<>(valid.lines());
        int i = Math.floorMod(line, lines.size());
        VoucherDraft.Line at = lines.get(i);
        VoucherDraft spoiled = switch (this) {
            case UNBALANCED -> {
                long off = 1 + Math.floorMod(variant, 1_000);
                lines.set(i, withAmount(at, at.amount() + Long.signum(at.amount()) * off));
                yield with(valid, lines);
            }
            case UNKNOWN_ACCOUNT -> {
                lines.set(i, new VoucherDraft.Line(pick(ACCOUNTS_NOT_IN_CHART, variant), at.amount(), at.vatCode(), at.text()));
                yield with(valid, lines);
            }
            case UNKNOWN_VAT_CODE -> {
                lines.set(i, new VoucherDraft.Line(at.account(), at.amount(), pick(CODES_NOT_VAT_CODES, variant), at.text()));
                yield with(valid, lines);
            }
            case ZERO_AMOUNT -> {
                lines.set(i, withAmount(at, 0));
                yield with(valid, lines);
            }
            case AMOUNT_TOO_LARGE -> {
                lines.set(i, withAmount(at, (Amounts.MAX_ABS_MINOR + 1 + Math.floorMod(variant, 100)) * (variant % 2 == 0 ? 1 : -1)));
                yield with(valid, lines);
            }
            case LINE_TEXT_TOO_LONG -> {
                lines.set(i, new VoucherDraft.Line(at.account(), at.amount(), at.vatCode(), "x".repeat(VoucherDraft.TEXT_LENGTH_MAX + 1)));
                yield with(valid, lines);
            }
            case ONE_LINE -> with(valid, List.of(at));
            case TOO_MANY_LINES -> {
                // a balanced voucher that is only too long: pairs of a debit and its credit
                List<VoucherDraft.Line> many = new ArrayList<>();
                while (many.size() <= VoucherDraft.LINES_MAX) {
                    many.add(withAmount(at, Math.abs(at.amount())));
                    many.add(withAmount(at, -Math.abs(at.amount())));
                }
                yield with(valid, many);
            }
            case BLANK_TEXT -> new VoucherDraft(valid.date(), pick(Arrays.asList(null, "", " ", "\t "), variant), valid.currency(), valid.exchangeRate(), lines);
            case TEXT_TOO_LONG -> new VoucherDraft(valid.date(), "y".repeat(VoucherDraft.TEXT_LENGTH_MAX + 1), valid.currency(), valid.exchangeRate(), lines);
            case DATE_MISSING -> new VoucherDraft(null, valid.text(), valid.currency(), valid.exchangeRate(), lines);
            case DATE_OUT_OF_RANGE -> new VoucherDraft(variant % 2 == 0 ? LocalDate.of(1899, 12, 31) : LocalDate.of(10_000, 1, 1),
                    valid.text(), valid.currency(), valid.exchangeRate(), lines);
            case NO_FISCAL_YEAR, LOCKED_PERIOD -> new VoucherDraft(date, valid.text(), valid.currency(), valid.exchangeRate(), lines);
            case EXCHANGE_RATE_MISSING -> new VoucherDraft(valid.date(), valid.text(), foreignCurrency(valid, variant), pick(UNUSABLE_RATES, variant), lines);
            case EXCHANGE_RATE_FOR_KRONER -> new VoucherDraft(valid.date(), valid.text(), VoucherDraft.HOME_CURRENCY, new BigDecimal("7.4604"), lines);
            case CURRENCY_NOT_ISO -> new VoucherDraft(valid.date(), valid.text(), pick(List.of("eur", "EURO", "E1R"), variant), new BigDecimal("7.4604"), lines);
            // 10 000 DKK each way keeps the other lines proper amounts at the smallest rate
            case CONVERTS_TO_NOTHING -> convertedOutOfRange(valid, at, i, RATE_SMALLEST, 100, List.of(10_000_000_000L, -10_000_000_100L));
            case CONVERTS_BEYOND_LIMIT -> {
                // the largest amount that still fits in kroner at the largest rate; the planted line is twice that
                long fits = Amounts.MAX_ABS_MINOR / RATE_LARGEST.longValueExact();
                yield convertedOutOfRange(valid, at, i, RATE_LARGEST, 2 * fits, List.of(-fits, -fits));
            }
        };
        return new Planted(spoiled, where == Where.LINE ? "lines[" + indexOfPlantedLine(spoiled, i) + "]." + field : field);
    }

    /** The draft and the field its one rejection must name. */
    record Planted(VoucherDraft draft, String field) {}

    private int indexOfPlantedLine(VoucherDraft spoiled, int i) {
        return Math.min(i, spoiled.lines().size() - 1);
    }

    /**
     * A foreign voucher at {@code rate} whose line {@code i} is {@code planted}, the only line that
     * leaves the range in kroner; {@code others} balance it and convert to proper amounts.
     */
    private static VoucherDraft convertedOutOfRange(VoucherDraft valid, VoucherDraft.Line at, int i, BigDecimal rate, long planted, List<Long> others) {
        long sign = at.amount() < 0 ? -1 : 1;
        List<VoucherDraft.Line> lines = new ArrayList<>();
        for (long other : others) lines.add(new VoucherDraft.Line(at.account(), sign * other, null, "modpost"));
        lines.add(Math.min(i, lines.size()), new VoucherDraft.Line(at.account(), sign * planted, null, at.text()));
        return new VoucherDraft(valid.date(), valid.text(), foreignCurrency(valid, 0), rate, lines);
    }

    private static String foreignCurrency(VoucherDraft valid, int variant) {
        return VoucherDraft.HOME_CURRENCY.equals(valid.currency()) ? pick(List.of("EUR", "USD", "SEK"), variant) : valid.currency();
    }

    private static VoucherDraft with(VoucherDraft valid, List<VoucherDraft.Line> lines) {
        return new VoucherDraft(valid.date(), valid.text(), valid.currency(), valid.exchangeRate(), lines);
    }

    private static VoucherDraft.Line withAmount(VoucherDraft.Line line, long amount) {
        return new VoucherDraft.Line(line.account(), amount, line.vatCode(), line.text());
    }

    private static <T> T pick(List<T> values, int variant) {
        return values.get(Math.floorMod(variant, values.size()));
    }
}
