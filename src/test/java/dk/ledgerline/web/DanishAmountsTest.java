package dk.ledgerline.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dk.ledgerline.shared.Amounts;
import org.junit.jupiter.api.Test;

class DanishAmountsTest {

    @Test
    void inputsAcceptTheApiFormTheDanishFormAndGroupedNegatives() {
        assertThat(DanishAmounts.parse("1250.00")).isEqualTo(125_000L);
        assertThat(DanishAmounts.parse("1250,00")).isEqualTo(125_000L);
        assertThat(DanishAmounts.parse("-1.250,00")).isEqualTo(-125_000L);
        assertThat(DanishAmounts.parse("1.250.000,5")).isEqualTo(125_000_050L);
        assertThat(DanishAmounts.parse("1,250.75")).isEqualTo(125_075L);
        assertThat(DanishAmounts.parse("10")).isEqualTo(1_000L);
        assertThat(DanishAmounts.parse("-0,05")).isEqualTo(-5L);
    }

    @Test
    void spacesAndTheTypographicMinusFromACopiedBankStatementAreAccepted() {
        assertThat(DanishAmounts.parse(" 1 250,00 ")).isEqualTo(125_000L);
        assertThat(DanishAmounts.parse("1\u00A0250,00")).isEqualTo(125_000L);
        assertThat(DanishAmounts.parse("\u221212,5")).isEqualTo(-1_250L);
    }

    @Test
    void oneSeparatorBeforeThreeDigitsIsRefusedAsAmbiguousRatherThanGuessed() {
        assertThatThrownBy(() -> DanishAmounts.parse("1.250"))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(danish("\"1.250\" er tvetydigt; skriv 1250,00 for 1250 kr., ellers højst to decimaler"));
        assertThatThrownBy(() -> DanishAmounts.parse("-1,250"))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(danish("\"-1,250\" er tvetydigt; skriv -1250,00 for -1250 kr., ellers højst to decimaler"));
    }

    @Test
    void textThatIsNoAmountIsRefusedWithAnExample() {
        for (String wrong : new String[] {"abc", "1,2,3", "12.34.56", "1.25,00", "1250,001", "--5", "5-", "1.250,00.00", "kr 100"}) {
            assertThatThrownBy(() -> DanishAmounts.parse(wrong)).as(wrong)
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(danish("\"" + wrong + "\" er ikke et beløb; skriv fx 1.250,00 eller 1250.00"));
        }
    }

    @Test
    void anEmptyFieldIsRefusedAsMissing() {
        assertThatThrownBy(() -> DanishAmounts.parse("  ")).satisfies(danish("skal udfyldes, fx 1.250,00"));
        assertThatThrownBy(() -> DanishAmounts.parse(null)).satisfies(danish("skal udfyldes, fx 1.250,00"));
    }

    @Test
    void amountsBeyondTheLedgersLimitAreRefused() {
        assertThatThrownBy(() -> DanishAmounts.parse("1.000.000.000.000,00"))
                .satisfies(danish("\"1.000.000.000.000,00\" er for stort eller har for mange decimaler"));
    }

    @Test
    void tablesShowDanishGroupingAndADecimalComma() {
        assertThat(DanishAmounts.format(125_000L)).isEqualTo("1.250,00");
        assertThat(DanishAmounts.format(-125_000L)).isEqualTo("-1.250,00");
        assertThat(DanishAmounts.format(0L)).isEqualTo("0,00");
        assertThat(DanishAmounts.format(5L)).isEqualTo("0,05");
        assertThat(DanishAmounts.format(-50L)).isEqualTo("-0,50");
        assertThat(DanishAmounts.format(99_900L)).isEqualTo("999,00");
        assertThat(DanishAmounts.format(100_000_000L)).isEqualTo("1.000.000,00");
        assertThat(DanishAmounts.format(Amounts.MAX_ABS_MINOR)).isEqualTo("999.999.999.999,99");
    }

    @Test
    void wholeKronerOfTheVatReturnShowInTheSameStyle() {
        assertThat(DanishAmounts.formatKroner(1_250L)).isEqualTo("1.250,00");
        assertThat(DanishAmounts.formatKroner(-3L)).isEqualTo("-3,00");
    }

    @Test
    void everyAmountParsesBackFromBothTheTableAndTheApiForm() {
        qt().forAll(longs().between(-Amounts.MAX_ABS_MINOR, Amounts.MAX_ABS_MINOR)).checkAssert(ore -> {
            assertThat(DanishAmounts.parse(DanishAmounts.format(ore))).isEqualTo(ore);
            assertThat(DanishAmounts.parse(Amounts.format(ore))).isEqualTo(ore);
        });
    }

    /** The refusal's message as the Danish pages show it (its exception message is the English one, as the API words it). */
    private static java.util.function.Consumer<Throwable> danish(String expected) {
        return e -> org.assertj.core.api.Assertions.assertThat(((DanishAmounts.NotAnAmount) e).message().in(dk.ledgerline.shared.Language.DA)).isEqualTo(expected);
    }
}
