package dk.ledgerline.web;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.shared.ProblemException.FieldError;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void aJournalLineErrorNamesTheLineAndTheFieldInDanish() {
        assertThat(Labels.field("line 17.account")).isEqualTo("Linje 17, konto");
        assertThat(Labels.field("document 3.lines")).isEqualTo("Bilag 3, linjer");
        assertThat(Labels.field("vouchers[0].lines[1].vatCode")).isEqualTo("Bilag 1, linje 2, momskode");
        assertThat(Labels.field("cvr")).isEqualTo("CVR-nummer");
        assertThat(Labels.field("somethingNew")).isEqualTo("SomethingNew");
        assertThat(Labels.field("")).isEmpty();
    }

    @Test
    void aFailureMarksExactlyTheJournalLinesItNames() {
        Failure failure = Failure.of("Kladden blev ikke bogført", List.of(
                new FieldError("line 17.account", "account 9999 does not exist"),
                new FieldError("line 4.date", "no open fiscal year holds 2030-01-01"),
                new FieldError("document 2.lines", "the voucher does not balance")));
        assertThat(failure.journalLines()).containsExactly(4L, 17L);
        assertThat(failure.items().getFirst().text()).isEqualTo("Linje 17, konto: account 9999 does not exist");
    }

    @Test
    void datesShowDayMonthYearWithDots() {
        assertThat(Labels.date(LocalDate.of(2025, 3, 10))).isEqualTo("10.03.2025");
        assertThat(Labels.month(3)).isEqualTo("marts");
    }

    @Test
    void formDatesAcceptIsoAndDanishHandwritingAndNameTheFieldOtherwise() {
        FormFields fields = new FormFields();
        assertThat(fields.date("date", "2025-03-10")).isEqualTo(LocalDate.of(2025, 3, 10));
        assertThat(fields.date("date", "10-03-2025")).isEqualTo(LocalDate.of(2025, 3, 10));
        assertThat(fields.date("date", "1.3.2025")).isEqualTo(LocalDate.of(2025, 3, 1));
        assertThat(fields.date("date", "2025-02-30")).isNull();
        assertThat(fields.optionalDate("to", " ")).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fields.throwIfAny("form.dateUnreadable"))
                .isInstanceOfSatisfying(dk.ledgerline.shared.ProblemException.class, e -> {
                    assertThat(e.message().in(dk.ledgerline.shared.Language.DA)).isEqualTo("Datoen kunne ikke læses.");
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("date");
                    assertThat(e.errors().getFirst().code().in(dk.ledgerline.shared.Language.DA)).isEqualTo("\"2025-02-30\" er ikke en dato; skriv fx 2025-03-10");
                    assertThat(e.errors().getFirst().message()).as("as the API says it").isEqualTo("\"2025-02-30\" is not a date; write e.g. 2025-03-10");
                });
    }
}
