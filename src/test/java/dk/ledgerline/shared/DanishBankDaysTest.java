package dk.ledgerline.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Holidays looked up in a calendar, not recomputed with the rule under test. */
class DanishBankDaysTest {

    @Test
    void easterSundayMatchesTheCalendar() {
        assertThat(DanishBankDays.easterSunday(2016)).isEqualTo(LocalDate.of(2016, 3, 27));
        assertThat(DanishBankDays.easterSunday(2017)).isEqualTo(LocalDate.of(2017, 4, 16));
        assertThat(DanishBankDays.easterSunday(2019)).isEqualTo(LocalDate.of(2019, 4, 21));
        assertThat(DanishBankDays.easterSunday(2024)).isEqualTo(LocalDate.of(2024, 3, 31));
        assertThat(DanishBankDays.easterSunday(2025)).isEqualTo(LocalDate.of(2025, 4, 20));
        assertThat(DanishBankDays.easterSunday(2026)).isEqualTo(LocalDate.of(2026, 4, 5));
        assertThat(DanishBankDays.easterSunday(2027)).isEqualTo(LocalDate.of(2027, 3, 28));
        assertThat(DanishBankDays.easterSunday(2038)).isEqualTo(LocalDate.of(2038, 4, 25));
    }

    @Test
    void theClosingDaysOf2026AreTheHolidaysAndTheBankClosingDays() {
        assertThat(DanishBankDays.closingDays(2026)).containsExactly(
                LocalDate.of(2026, 1, 1),   // nytårsdag
                LocalDate.of(2026, 4, 2),   // skærtorsdag
                LocalDate.of(2026, 4, 3),   // langfredag
                LocalDate.of(2026, 4, 5),   // påskedag
                LocalDate.of(2026, 4, 6),   // 2. påskedag
                LocalDate.of(2026, 5, 14),  // Kristi himmelfartsdag
                LocalDate.of(2026, 5, 15),  // fredag efter Kristi himmelfart
                LocalDate.of(2026, 5, 24),  // pinsedag
                LocalDate.of(2026, 5, 25),  // 2. pinsedag
                LocalDate.of(2026, 6, 5),   // grundlovsdag
                LocalDate.of(2026, 12, 24), // juleaftensdag
                LocalDate.of(2026, 12, 25), // juledag
                LocalDate.of(2026, 12, 26), // 2. juledag
                LocalDate.of(2026, 12, 31)); // nytårsaftensdag
    }

    @Test
    void storeBededagIsAHolidayUntil2023AndAnOrdinaryFridayFrom2024() {
        assertThat(DanishBankDays.isBankDay(LocalDate.of(2023, 5, 5))).isFalse();
        assertThat(DanishBankDays.isBankDay(LocalDate.of(2024, 4, 26))).isTrue();
        assertThat(DanishBankDays.isBankDay(LocalDate.of(2026, 5, 1))).isTrue();
    }

    @Test
    void aClosedDayMovesToTheNextBankDayAndAnOpenDayStays() {
        assertThat(DanishBankDays.onOrAfter(LocalDate.of(2025, 12, 24))).isEqualTo(LocalDate.of(2025, 12, 29));
        assertThat(DanishBankDays.onOrAfter(LocalDate.of(2026, 4, 2))).isEqualTo(LocalDate.of(2026, 4, 7));
        assertThat(DanishBankDays.onOrAfter(LocalDate.of(2026, 12, 1))).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(DanishBankDays.onOrAfter(LocalDate.of(2026, 12, 31))).isEqualTo(LocalDate.of(2027, 1, 4));
    }
}
