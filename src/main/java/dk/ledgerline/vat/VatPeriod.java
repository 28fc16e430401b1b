package dk.ledgerline.vat;

import dk.ledgerline.shared.DanishBankDays;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.VatPeriodType;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One VAT period (momsperiode): "2026-11", "2026-Q3" or "2026-H2", with its dates and filing deadline. */
public record VatPeriod(VatPeriodType type, int year, int index) {
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern HALF_YEAR = Pattern.compile("(\\d{4})-H([12])");
    private static final int YEAR_MIN = 1900;
    private static final int YEAR_MAX = 9998;

    public VatPeriod {
        int max = switch (type) { case MONTH -> 12; case QUARTER -> 4; case HALF_YEAR -> 2; };
        if (index < 1 || index > max) throw new IllegalArgumentException(type + " period index must be 1.." + max + "; was " + index);
    }

    /** Parses a period of the company's type, or explains which form the company's periods take. */
    public static VatPeriod parse(String text, VatPeriodType type) {
        Pattern pattern = switch (type) { case MONTH -> MONTH; case QUARTER -> QUARTER; case HALF_YEAR -> HALF_YEAR; };
        Matcher m = pattern.matcher(text == null ? "" : text);
        String example = switch (type) { case MONTH -> "2026-11"; case QUARTER -> "2026-Q3"; case HALF_YEAR -> "2026-H2"; };
        if (!m.matches()) {
            throw ProblemException.unprocessable(ProblemException.Message.of("vat.periodForm", type, example),
                    List.of(ProblemException.FieldError.of("period", "vat.notPeriodOf", text, type)));
        }
        int year = Integer.parseInt(m.group(1));
        int index = Integer.parseInt(m.group(2));
        if (year < YEAR_MIN || year > YEAR_MAX || (type == VatPeriodType.MONTH && (index < 1 || index > 12))) {
            throw ProblemException.unprocessable(ProblemException.Message.of("vat.noSuchPeriod"), List.of(ProblemException.FieldError.of("period", "vat.invalidPeriod", text)));
        }
        return new VatPeriod(type, year, index);
    }

    public static VatPeriod containing(LocalDate date, VatPeriodType type) {
        int month = date.getMonthValue();
        return switch (type) {
            case MONTH -> new VatPeriod(type, date.getYear(), month);
            case QUARTER -> new VatPeriod(type, date.getYear(), (month - 1) / 3 + 1);
            case HALF_YEAR -> new VatPeriod(type, date.getYear(), (month - 1) / 6 + 1);
        };
    }

    /** The periods of a calendar year, in order. */
    public static List<VatPeriod> ofYear(int year, VatPeriodType type) {
        int count = switch (type) { case MONTH -> 12; case QUARTER -> 4; case HALF_YEAR -> 2; };
        List<VatPeriod> periods = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) periods.add(new VatPeriod(type, year, i));
        return periods;
    }

    /** The period just before this one (of the same type). */
    public VatPeriod previous() {
        if (index > 1) return new VatPeriod(type, year, index - 1);
        int last = switch (type) { case MONTH -> 12; case QUARTER -> 4; case HALF_YEAR -> 2; };
        return new VatPeriod(type, year - 1, last);
    }

    private int months() {
        return switch (type) { case MONTH -> 1; case QUARTER -> 3; case HALF_YEAR -> 6; };
    }

    public LocalDate from() {
        return LocalDate.of(year, (index - 1) * months() + 1, 1);
    }

    public LocalDate to() {
        return from().plusMonths(months()).minusDays(1);
    }

    public String label() {
        return switch (type) {
            case MONTH -> "%d-%02d".formatted(year, index);
            case QUARTER -> year + "-Q" + index;
            case HALF_YEAR -> year + "-H" + index;
        };
    }

    /**
     * The filing (and payment) deadline: half-yearly 1 September and 1 March; quarterly 1 June,
     * 1 September, 1 December and 1 March; monthly the 25th of the next month, but 17 August for
     * June. A deadline on a Saturday, Sunday, public holiday or bank closing day moves to the next
     * bank day (see {@link DanishBankDays}).
     */
    public LocalDate deadline() {
        LocalDate due = switch (type) {
            case HALF_YEAR -> index == 1 ? LocalDate.of(year, Month.SEPTEMBER, 1) : LocalDate.of(year + 1, Month.MARCH, 1);
            case QUARTER -> switch (index) {
                case 1 -> LocalDate.of(year, Month.JUNE, 1);
                case 2 -> LocalDate.of(year, Month.SEPTEMBER, 1);
                case 3 -> LocalDate.of(year, Month.DECEMBER, 1);
                default -> LocalDate.of(year + 1, Month.MARCH, 1);
            };
            case MONTH -> index == 6 ? LocalDate.of(year, Month.AUGUST, 17) : to().plusMonths(1).withDayOfMonth(25);
        };
        return DanishBankDays.onOrAfter(due);
    }

    @Override
    public String toString() {
        return label();
    }
}
