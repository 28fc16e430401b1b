package dk.ledgerline.vat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.ledgerline.shared.DanishBankDays;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.VatPeriodType;
import java.time.DayOfWeek;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * VAT periods (momsperioder) and their filing deadlines. Every deadline is a literal date looked up
 * in a calendar (weekday noted beside it), not recomputed with the rule under test.
 */
class VatPeriodTest {

    // ------------------------------------------------------------------ parsing

    @Test
    void aMonthlyPeriodParsesFromYearAndTwoDigitMonth() {
        VatPeriod p = VatPeriod.parse("2025-11", VatPeriodType.MONTH);
        assertThat(p).isEqualTo(new VatPeriod(VatPeriodType.MONTH, 2025, 11));
        assertThat(p.from()).isEqualTo(LocalDate.of(2025, 11, 1));
        assertThat(p.to()).isEqualTo(LocalDate.of(2025, 11, 30));
        assertThat(p.label()).isEqualTo("2025-11");
    }

    @Test
    void aQuarterParsesFromYearAndQ1ToQ4() {
        VatPeriod p = VatPeriod.parse("2025-Q3", VatPeriodType.QUARTER);
        assertThat(p).isEqualTo(new VatPeriod(VatPeriodType.QUARTER, 2025, 3));
        assertThat(p.from()).isEqualTo(LocalDate.of(2025, 7, 1));
        assertThat(p.to()).isEqualTo(LocalDate.of(2025, 9, 30));
        assertThat(p.label()).isEqualTo("2025-Q3");
    }

    @Test
    void aHalfYearParsesFromYearAndH1OrH2() {
        VatPeriod p = VatPeriod.parse("2025-H2", VatPeriodType.HALF_YEAR);
        assertThat(p).isEqualTo(new VatPeriod(VatPeriodType.HALF_YEAR, 2025, 2));
        assertThat(p.from()).isEqualTo(LocalDate.of(2025, 7, 1));
        assertThat(p.to()).isEqualTo(LocalDate.of(2025, 12, 31));
        assertThat(p.label()).isEqualTo("2025-H2");
    }

    @Test
    void everyPeriodOfAYearHasItsOwnFirstAndLastDay() {
        assertThat(VatPeriod.ofYear(2025, VatPeriodType.QUARTER)).extracting(p -> p.label() + " " + p.from() + ".." + p.to())
                .containsExactly(
                        "2025-Q1 2025-01-01..2025-03-31",
                        "2025-Q2 2025-04-01..2025-06-30",
                        "2025-Q3 2025-07-01..2025-09-30",
                        "2025-Q4 2025-10-01..2025-12-31");
        assertThat(VatPeriod.ofYear(2025, VatPeriodType.HALF_YEAR)).extracting(p -> p.label() + " " + p.from() + ".." + p.to())
                .containsExactly("2025-H1 2025-01-01..2025-06-30", "2025-H2 2025-07-01..2025-12-31");
        assertThat(VatPeriod.ofYear(2025, VatPeriodType.MONTH)).extracting(p -> p.label() + " " + p.from() + ".." + p.to())
                .containsExactly(
                        "2025-01 2025-01-01..2025-01-31",
                        "2025-02 2025-02-01..2025-02-28",
                        "2025-03 2025-03-01..2025-03-31",
                        "2025-04 2025-04-01..2025-04-30",
                        "2025-05 2025-05-01..2025-05-31",
                        "2025-06 2025-06-01..2025-06-30",
                        "2025-07 2025-07-01..2025-07-31",
                        "2025-08 2025-08-01..2025-08-31",
                        "2025-09 2025-09-01..2025-09-30",
                        "2025-10 2025-10-01..2025-10-31",
                        "2025-11 2025-11-01..2025-11-30",
                        "2025-12 2025-12-01..2025-12-31");
    }

    @Test
    void februaryOfALeapYearEndsOnThe29th() {
        VatPeriod p = VatPeriod.parse("2024-02", VatPeriodType.MONTH);
        assertThat(p.from()).isEqualTo(LocalDate.of(2024, 2, 1));
        assertThat(p.to()).isEqualTo(LocalDate.of(2024, 2, 29));
    }

    @Test
    void aMonthBelowTenIsLabelledWithALeadingZero() {
        assertThat(new VatPeriod(VatPeriodType.MONTH, 2025, 3).label()).isEqualTo("2025-03");
        assertThat(VatPeriod.parse("2025-03", VatPeriodType.MONTH).toString()).isEqualTo("2025-03");
    }

    @Test
    void aPeriodInTheFormOfAnotherPeriodTypeIsRejectedNamingThePeriodField() {
        assertRejected("2025-11", VatPeriodType.QUARTER);
        assertRejected("2025-11", VatPeriodType.HALF_YEAR);
        assertRejected("2025-Q3", VatPeriodType.MONTH);
        assertRejected("2025-Q3", VatPeriodType.HALF_YEAR);
        assertRejected("2025-H1", VatPeriodType.MONTH);
        assertRejected("2025-H1", VatPeriodType.QUARTER);
    }

    @Test
    void aPeriodThatDoesNotExistIsRejected() {
        assertRejected("2025-13", VatPeriodType.MONTH);
        assertRejected("2025-00", VatPeriodType.MONTH);
        assertRejected("2025-Q0", VatPeriodType.QUARTER);
        assertRejected("2025-Q5", VatPeriodType.QUARTER);
        assertRejected("2025-H3", VatPeriodType.HALF_YEAR);
        assertRejected("1899-12", VatPeriodType.MONTH);
    }

    @Test
    void malformedOrMissingPeriodTextIsRejected() {
        assertRejected(null, VatPeriodType.QUARTER);
        assertRejected("", VatPeriodType.QUARTER);
        assertRejected("2025-q3", VatPeriodType.QUARTER);
        assertRejected("2025-3", VatPeriodType.MONTH);
        assertRejected(" 2025-03", VatPeriodType.MONTH);
        assertRejected("25-Q3", VatPeriodType.QUARTER);
    }

    @Test
    void aPeriodIndexOutsideItsTypeIsAProgrammerError() {
        assertThatThrownBy(() -> new VatPeriod(VatPeriodType.QUARTER, 2025, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VatPeriod(VatPeriodType.HALF_YEAR, 2025, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VatPeriod(VatPeriodType.MONTH, 2025, 13)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theContainingPeriodOfADateIsTheOneWhoseDaysHoldIt() {
        assertThat(VatPeriod.containing(LocalDate.of(2025, 6, 30), VatPeriodType.QUARTER).label()).isEqualTo("2025-Q2");
        assertThat(VatPeriod.containing(LocalDate.of(2025, 7, 1), VatPeriodType.QUARTER).label()).isEqualTo("2025-Q3");
        assertThat(VatPeriod.containing(LocalDate.of(2025, 6, 30), VatPeriodType.HALF_YEAR).label()).isEqualTo("2025-H1");
        assertThat(VatPeriod.containing(LocalDate.of(2025, 7, 1), VatPeriodType.HALF_YEAR).label()).isEqualTo("2025-H2");
        assertThat(VatPeriod.containing(LocalDate.of(2025, 12, 31), VatPeriodType.MONTH).label()).isEqualTo("2025-12");
        assertThat(VatPeriod.containing(LocalDate.of(2025, 1, 1), VatPeriodType.MONTH).label()).isEqualTo("2025-01");
    }

    // ------------------------------------------------------------------ deadlines on weekdays

    @Test
    void aHalfYearIsDueOnTheFirstOfSeptemberAndTheFirstOfMarchAfterIt() {
        assertThat(deadline(VatPeriodType.HALF_YEAR, 2025, 1)).isEqualTo(LocalDate.of(2025, 9, 1)); // Monday
        assertThat(deadline(VatPeriodType.HALF_YEAR, 2026, 2)).isEqualTo(LocalDate.of(2027, 3, 1)); // Monday
        assertThat(deadline(VatPeriodType.HALF_YEAR, 2027, 1)).isEqualTo(LocalDate.of(2027, 9, 1)); // Wednesday
        assertThat(deadline(VatPeriodType.HALF_YEAR, 2027, 2)).isEqualTo(LocalDate.of(2028, 3, 1)); // Wednesday
    }

    @Test
    void aQuarterIsDueOnTheFirstOfJuneSeptemberDecemberAndMarchAfterIt() {
        assertThat(deadline(VatPeriodType.QUARTER, 2026, 1)).isEqualTo(LocalDate.of(2026, 6, 1)); // Monday
        assertThat(deadline(VatPeriodType.QUARTER, 2026, 2)).isEqualTo(LocalDate.of(2026, 9, 1)); // Tuesday
        assertThat(deadline(VatPeriodType.QUARTER, 2026, 3)).isEqualTo(LocalDate.of(2026, 12, 1)); // Tuesday
        assertThat(deadline(VatPeriodType.QUARTER, 2026, 4)).isEqualTo(LocalDate.of(2027, 3, 1)); // Monday
        assertThat(deadline(VatPeriodType.QUARTER, 2025, 2)).isEqualTo(LocalDate.of(2025, 9, 1)); // Monday
        assertThat(deadline(VatPeriodType.QUARTER, 2025, 3)).isEqualTo(LocalDate.of(2025, 12, 1)); // Monday
    }

    @Test
    void aMonthIsDueOnThe25thOfTheNextMonth() {
        assertThat(deadline(VatPeriodType.MONTH, 2025, 1)).isEqualTo(LocalDate.of(2025, 2, 25)); // Tuesday
        assertThat(deadline(VatPeriodType.MONTH, 2025, 2)).isEqualTo(LocalDate.of(2025, 3, 25)); // Tuesday
        assertThat(deadline(VatPeriodType.MONTH, 2025, 3)).isEqualTo(LocalDate.of(2025, 4, 25)); // Friday
        assertThat(deadline(VatPeriodType.MONTH, 2025, 6)).isNotEqualTo(LocalDate.of(2025, 7, 25)); // June is the exception, below
        assertThat(deadline(VatPeriodType.MONTH, 2025, 7)).isEqualTo(LocalDate.of(2025, 8, 25)); // Monday
        assertThat(deadline(VatPeriodType.MONTH, 2025, 10)).isEqualTo(LocalDate.of(2025, 11, 25)); // Tuesday
        assertThat(deadline(VatPeriodType.MONTH, 2026, 1)).isEqualTo(LocalDate.of(2026, 2, 25)); // Wednesday
    }

    @Test
    void decemberIsDueOnThe25thOfJanuaryOfTheNextYear() {
        assertThat(deadline(VatPeriodType.MONTH, 2026, 12)).isEqualTo(LocalDate.of(2027, 1, 25)); // Monday
    }

    @Test
    void juneIsDueOnThe17thOfAugustNotThe25thOfJuly() {
        assertThat(deadline(VatPeriodType.MONTH, 2026, 6)).isEqualTo(LocalDate.of(2026, 8, 17)); // Monday
        assertThat(deadline(VatPeriodType.MONTH, 2027, 6)).isEqualTo(LocalDate.of(2027, 8, 17)); // Tuesday
        assertThat(deadline(VatPeriodType.MONTH, 2028, 6)).isEqualTo(LocalDate.of(2028, 8, 17)); // Thursday
    }

    // ------------------------------------------------------------------ deadlines moved off weekends

    @Test
    void aDeadlineOnASaturdayMovesToTheMondayAfter() {
        // 1 March 2025 is a Saturday: Q4 2024 and H2 2024 are due Monday 3 March 2025.
        assertThat(deadline(VatPeriodType.QUARTER, 2024, 4)).isEqualTo(LocalDate.of(2025, 3, 3));
        assertThat(deadline(VatPeriodType.HALF_YEAR, 2024, 2)).isEqualTo(LocalDate.of(2025, 3, 3));
        // 1 June 2024 is a Saturday.
        assertThat(deadline(VatPeriodType.QUARTER, 2024, 1)).isEqualTo(LocalDate.of(2024, 6, 3));
        // 25 October 2025 is a Saturday.
        assertThat(deadline(VatPeriodType.MONTH, 2025, 9)).isEqualTo(LocalDate.of(2025, 10, 27));
        // 25 January 2025 is a Saturday: December 2024 crosses the year and then the weekend.
        assertThat(deadline(VatPeriodType.MONTH, 2024, 12)).isEqualTo(LocalDate.of(2025, 1, 27));
        // 25 April 2026 is a Saturday.
        assertThat(deadline(VatPeriodType.MONTH, 2026, 3)).isEqualTo(LocalDate.of(2026, 4, 27));
        // 17 August 2024 is a Saturday: June's special deadline moves too.
        assertThat(deadline(VatPeriodType.MONTH, 2024, 6)).isEqualTo(LocalDate.of(2024, 8, 19));
    }

    @Test
    void aDeadlineOnASundayMovesToTheMondayAfter() {
        // 1 March 2026 is a Sunday.
        assertThat(deadline(VatPeriodType.QUARTER, 2025, 4)).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(deadline(VatPeriodType.HALF_YEAR, 2025, 2)).isEqualTo(LocalDate.of(2026, 3, 2));
        // 1 June 2025 is a Sunday.
        assertThat(deadline(VatPeriodType.QUARTER, 2025, 1)).isEqualTo(LocalDate.of(2025, 6, 2));
        // 1 September 2024 is a Sunday.
        assertThat(deadline(VatPeriodType.QUARTER, 2024, 2)).isEqualTo(LocalDate.of(2024, 9, 2));
        assertThat(deadline(VatPeriodType.HALF_YEAR, 2024, 1)).isEqualTo(LocalDate.of(2024, 9, 2));
        // 1 December 2024 is a Sunday.
        assertThat(deadline(VatPeriodType.QUARTER, 2024, 3)).isEqualTo(LocalDate.of(2024, 12, 2));
        // 17 August 2025 is a Sunday.
        assertThat(deadline(VatPeriodType.MONTH, 2025, 6)).isEqualTo(LocalDate.of(2025, 8, 18));
        // 25 May 2025 is a Sunday.
        assertThat(deadline(VatPeriodType.MONTH, 2025, 4)).isEqualTo(LocalDate.of(2025, 5, 26));
        // 25 January 2026 is a Sunday.
        assertThat(deadline(VatPeriodType.MONTH, 2025, 12)).isEqualTo(LocalDate.of(2026, 1, 26));
        // 25 February 2024 is a Sunday.
        assertThat(deadline(VatPeriodType.MONTH, 2024, 1)).isEqualTo(LocalDate.of(2024, 2, 26));
    }

    // ------------------------------------------------------------------ deadlines moved off holidays

    /**
     * Deadlines as Skattestyrelsen published them for 2016/17 (monthly) and for 2019/20 and 2021/22,
     * where a holiday or a bank closing day moved them. 29 May 2017 shows that the Friday after Ascension
     * Day counts as closed too: the deadline is also the payment deadline, and banks are closed then.
     */
    @Test
    void deadlinesMatchSkattestyrelsensPublishedCalendar() {
        assertThat(deadline(VatPeriodType.MONTH, 2016, 10)).isEqualTo(LocalDate.of(2016, 11, 25));
        // 25 December 2016 is a Sunday, 26 December 2. juledag.
        assertThat(deadline(VatPeriodType.MONTH, 2016, 11)).isEqualTo(LocalDate.of(2016, 12, 27));
        assertThat(deadline(VatPeriodType.MONTH, 2016, 12)).isEqualTo(LocalDate.of(2017, 1, 25));
        assertThat(deadline(VatPeriodType.MONTH, 2017, 1)).isEqualTo(LocalDate.of(2017, 2, 27));
        assertThat(deadline(VatPeriodType.MONTH, 2017, 2)).isEqualTo(LocalDate.of(2017, 3, 27));
        assertThat(deadline(VatPeriodType.MONTH, 2017, 3)).isEqualTo(LocalDate.of(2017, 4, 25));
        // 25 May 2017 is Kristi himmelfartsdag, 26 May the bank closing day after it.
        assertThat(deadline(VatPeriodType.MONTH, 2017, 4)).isEqualTo(LocalDate.of(2017, 5, 29));
        assertThat(deadline(VatPeriodType.MONTH, 2017, 5)).isEqualTo(LocalDate.of(2017, 6, 26));
        assertThat(deadline(VatPeriodType.MONTH, 2017, 6)).isEqualTo(LocalDate.of(2017, 8, 17));
        assertThat(deadline(VatPeriodType.MONTH, 2017, 7)).isEqualTo(LocalDate.of(2017, 8, 25));
        assertThat(deadline(VatPeriodType.HALF_YEAR, 2019, 2)).isEqualTo(LocalDate.of(2020, 3, 2));
        assertThat(deadline(VatPeriodType.QUARTER, 2021, 3)).isEqualTo(LocalDate.of(2021, 12, 1));
        assertThat(deadline(VatPeriodType.QUARTER, 2021, 4)).isEqualTo(LocalDate.of(2022, 3, 1));
        assertThat(deadline(VatPeriodType.QUARTER, 2022, 1)).isEqualTo(LocalDate.of(2022, 6, 1));
        assertThat(deadline(VatPeriodType.QUARTER, 2022, 4)).isEqualTo(LocalDate.of(2023, 3, 1));
        assertThat(deadline(VatPeriodType.MONTH, 2021, 9)).isEqualTo(LocalDate.of(2021, 10, 25));
        assertThat(deadline(VatPeriodType.MONTH, 2021, 10)).isEqualTo(LocalDate.of(2021, 11, 25));
    }

    @Test
    void aDeadlineOnAHolidayMovesToTheNextBankDay() {
        // Juledag is Thursday 25 December 2025, 2. juledag the Friday, then the weekend.
        assertThat(deadline(VatPeriodType.MONTH, 2025, 11)).isEqualTo(LocalDate.of(2025, 12, 29));
        // 2. pinsedag is Monday 25 May 2026.
        assertThat(deadline(VatPeriodType.MONTH, 2026, 4)).isEqualTo(LocalDate.of(2026, 5, 26));
        // Skærtorsdag is Thursday 25 March 2027, then langfredag, the weekend and 2. påskedag.
        assertThat(deadline(VatPeriodType.MONTH, 2027, 2)).isEqualTo(LocalDate.of(2027, 3, 30));
        // 2. pinsedag is Monday 1 June 2009 and 1 June 2020.
        assertThat(deadline(VatPeriodType.QUARTER, 2009, 1)).isEqualTo(LocalDate.of(2009, 6, 2));
        assertThat(deadline(VatPeriodType.QUARTER, 2020, 1)).isEqualTo(LocalDate.of(2020, 6, 2));
        // Store bededag was Friday 25 April 1997; March's deadline moved over it and the weekend.
        assertThat(deadline(VatPeriodType.MONTH, 1997, 3)).isEqualTo(LocalDate.of(1997, 4, 28));
    }

    @Test
    void noDeadlineOfAYearFallsOnAWeekendOrBeforeItsPeriodEnds() {
        for (int year = 2024; year <= 2030; year++) {
            for (VatPeriodType type : VatPeriodType.values()) {
                for (VatPeriod p : VatPeriod.ofYear(year, type)) {
                    assertThat(p.deadline().getDayOfWeek()).as(p.toString()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
                    assertThat(DanishBankDays.isBankDay(p.deadline())).as(p.toString()).isTrue();
                    assertThat(p.deadline()).as(p.toString()).isAfter(p.to());
                }
            }
        }
    }

    private static LocalDate deadline(VatPeriodType type, int year, int index) {
        return new VatPeriod(type, year, index).deadline();
    }

    private static void assertRejected(String text, VatPeriodType type) {
        assertThatThrownBy(() -> VatPeriod.parse(text, type))
                .as("\"%s\" as %s", text, type)
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errors()).extracting(ProblemException.FieldError::field).containsExactly("period");
                });
    }
}
