package dk.ledgerline.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AmountsTest {

    @Test
    void decimalStringsBecomeExactOere() {
        assertThat(Amounts.parse("1250.00")).isEqualTo(125_000);
        assertThat(Amounts.parse("-99.5")).isEqualTo(-9_950);
        assertThat(Amounts.parse("10")).isEqualTo(1_000);
        assertThat(Amounts.parse("0.01")).isEqualTo(1);
        assertThat(Amounts.parse("999999999999.99")).isEqualTo(Amounts.MAX_ABS_MINOR);
    }

    @Test
    void anythingElseIsRefusedWithAReason() {
        for (String bad : new String[] {"1.001", "1,00", "1e3", " 1.00", "+1.00", "", "1.", ".5", "NaN", "1000000000000.00"}) {
            assertThatThrownBy(() -> Amounts.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decimal string");
        }
        assertThatThrownBy(() -> Amounts.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oereAreWrittenWithTwoDecimals() {
        assertThat(Amounts.format(125_000)).isEqualTo("1250.00");
        assertThat(Amounts.format(-1)).isEqualTo("-0.01");
        assertThat(Amounts.format(0)).isEqualTo("0.00");
    }

    @Test
    void wholeKronerRoundHalfAwayFromZero() {
        assertThat(Amounts.toWholeKroner(10_049)).isEqualTo(100);
        assertThat(Amounts.toWholeKroner(10_050)).isEqualTo(101);
        assertThat(Amounts.toWholeKroner(-10_050)).isEqualTo(-101);
        assertThat(Amounts.toWholeKroner(-10_049)).isEqualTo(-100);
    }
}
