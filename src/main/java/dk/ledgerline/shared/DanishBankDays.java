package dk.ledgerline.shared;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.Set;
import java.util.TreeSet;

/**
 * Danish bank days. A deadline that falls on a Saturday, a Sunday, a public holiday
 * (helligdag) or another day the banks are closed moves to the next bank day: the VAT deadline
 * is also the day the VAT must be paid, and Skattestyrelsen's published calendar moves it over
 * the Friday after Ascension Day too (April 2017 was due Monday 29 May, not Friday 26 May).
 */
public final class DanishBankDays {
    /** Store bededag stopped being a public holiday by the law of 2023 (lov nr. 1 af 2023), from 2024. */
    static final int LAST_YEAR_WITH_STORE_BEDEDAG = 2023;
    /** Easter's computus is the Gregorian one; Denmark has used that calendar since 1700. */
    static final int YEAR_MIN = 1700;

    private DanishBankDays() {}

    public static boolean isBankDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !closingDays(date.getYear()).contains(date);
    }

    /** {@code date} itself when the banks are open then, else the first bank day after it. */
    public static LocalDate onOrAfter(LocalDate date) {
        LocalDate day = date;
        while (!isBankDay(day)) day = day.plusDays(1);
        return day;
    }

    /** The public holidays and other bank closing days of {@code year} that are not already weekends by definition. */
    public static Set<LocalDate> closingDays(int year) {
        if (year < YEAR_MIN) throw new IllegalArgumentException("bank days are known from " + YEAR_MIN + "; asked for " + year);
        LocalDate easter = easterSunday(year);
        Set<LocalDate> days = new TreeSet<>();
        days.add(LocalDate.of(year, Month.JANUARY, 1));     // nytårsdag
        days.add(easter.minusDays(3));                      // skærtorsdag
        days.add(easter.minusDays(2));                      // langfredag
        days.add(easter);                                   // påskedag
        days.add(easter.plusDays(1));                       // 2. påskedag
        if (year <= LAST_YEAR_WITH_STORE_BEDEDAG) days.add(easter.plusDays(26)); // store bededag
        days.add(easter.plusDays(39));                      // Kristi himmelfartsdag
        days.add(easter.plusDays(40));                      // the Friday after: banks closed
        days.add(easter.plusDays(49));                      // pinsedag
        days.add(easter.plusDays(50));                      // 2. pinsedag
        days.add(LocalDate.of(year, Month.JUNE, 5));        // grundlovsdag: banks closed
        days.add(LocalDate.of(year, Month.DECEMBER, 24));   // juleaftensdag: banks closed
        days.add(LocalDate.of(year, Month.DECEMBER, 25));   // juledag
        days.add(LocalDate.of(year, Month.DECEMBER, 26));   // 2. juledag
        days.add(LocalDate.of(year, Month.DECEMBER, 31));   // nytårsaftensdag: banks closed
        return days;
    }

    /** Easter Sunday of the Gregorian calendar (the anonymous algorithm of Meeus, Jones and Butcher). */
    public static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }
}
