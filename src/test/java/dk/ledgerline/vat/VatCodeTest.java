package dk.ledgerline.vat;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.testing.Tenant;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Ledgerline's VAT codes and the official standard VAT codes (standardmomskoder) they map to, which
 * registered bookkeeping systems must report. The official 2025 list is a test resource copied from
 * /work/shared/reference, so a mapping to a code that does not exist fails here.
 */
class VatCodeTest {
    private static final String STANDARD_CODES = "/reference/dk-standard-vat-codes-2025.csv";

    /** The mapping as the issue states it, in the order the issue lists the codes. */
    private static final Map<String, String> STANDARD_CODE_OF = orderedMap(
            "U25", "S01",
            "I25", "K010",
            "EUV", "K210",
            "EUY", "K260",
            "UDY", "K460",
            "EUSV", "S21",
            "EUSVN", "S22",
            "EUSY", "S23",
            "EKS", "S41",
            "FRI", "K030");

    @Test
    void ledgerlineHasExactlyTheTenCodesOfTheIssue() {
        assertThat(VatCode.values()).extracting(VatCode::name).containsExactlyInAnyOrderElementsOf(STANDARD_CODE_OF.keySet());
    }

    @Test
    void eachCodeMapsToItsStandardCode() {
        assertThat(VatCode.U25.standardCode()).isEqualTo("S01");
        assertThat(VatCode.I25.standardCode()).isEqualTo("K010");
        assertThat(VatCode.EUV.standardCode()).isEqualTo("K210");
        assertThat(VatCode.EUY.standardCode()).isEqualTo("K260");
        assertThat(VatCode.UDY.standardCode()).isEqualTo("K460");
        assertThat(VatCode.EUSV.standardCode()).isEqualTo("S21");
        assertThat(VatCode.EUSVN.standardCode()).isEqualTo("S22");
        assertThat(VatCode.EUSY.standardCode()).isEqualTo("S23");
        assertThat(VatCode.EKS.standardCode()).isEqualTo("S41");
        assertThat(VatCode.FRI.standardCode()).isEqualTo("K030");
    }

    @Test
    void theReferenceListIsTheOfficial2025ListOnTheClasspath() throws IOException {
        Map<String, String> official = officialCodes();
        // The 2025 list has 72 codes; fewer means the copy was cut short.
        assertThat(official).hasSize(72);
        assertThat(official).containsEntry("S01", "Salgsmoms (udgående moms)").containsEntry("K030", "Skal ikke medtages i angivelsen");
    }

    @Test
    void everyMappedStandardCodeExistsInTheOfficial2025List() throws IOException {
        Map<String, String> official = officialCodes();
        for (VatCode code : VatCode.values()) {
            assertThat(official).as("standard code %s of %s", code.standardCode(), code).containsKey(code.standardCode());
        }
    }

    @Test
    void theOfficialListPlacesEachMappedCodeWhereTheIssuePutsItsVatCode() throws IOException {
        // What the official list says each standard code does on the return, against the issue's rule per code.
        Map<String, String> official = officialCodes();
        assertThat(official.get(VatCode.U25.standardCode())).isEqualTo("Salgsmoms (udgående moms)");
        assertThat(official.get(VatCode.I25.standardCode())).isEqualTo("Købsmoms (indgående moms)");
        assertThat(official.get(VatCode.EUV.standardCode())).startsWith("Varer + Moms af varekøb i udlandet");
        assertThat(official.get(VatCode.EUY.standardCode())).startsWith("Ydelser + Moms af ydelseskøb i udlandet");
        // UDY: VAT on services bought abroad, but without the "Ydelser +" (Rubrik A) part.
        assertThat(official.get(VatCode.UDY.standardCode())).startsWith("Moms af ydelseskøb i udlandet");
        assertThat(official.get(VatCode.EUSV.standardCode())).isEqualTo("Rubrik B - varer");
        assertThat(official.get(VatCode.EUSVN.standardCode())).startsWith("Rubrik B - oplysninger, der ikke skal indberettes");
        assertThat(official.get(VatCode.EUSY.standardCode())).isEqualTo("Rubrik B - ydelser");
        assertThat(official.get(VatCode.EKS.standardCode())).startsWith("Rubrik C");
        assertThat(official.get(VatCode.FRI.standardCode())).isEqualTo("Skal ikke medtages i angivelsen");
    }

    @Test
    void grossCodesSplitOutVatReverseChargeCodesAddItAndTheRestArePostedAsTheyAre() {
        assertThat(VatCode.U25.treatment()).isEqualTo(VatCode.Treatment.OUTPUT_GROSS);
        assertThat(VatCode.I25.treatment()).isEqualTo(VatCode.Treatment.INPUT_GROSS);
        assertThat(VatCode.EUV.treatment()).isEqualTo(VatCode.Treatment.REVERSE_CHARGE_GOODS);
        assertThat(VatCode.EUY.treatment()).isEqualTo(VatCode.Treatment.REVERSE_CHARGE_SERVICES);
        assertThat(VatCode.UDY.treatment()).isEqualTo(VatCode.Treatment.REVERSE_CHARGE_SERVICES);
        for (VatCode code : List.of(VatCode.EUSV, VatCode.EUSVN, VatCode.EUSY, VatCode.EKS, VatCode.FRI)) {
            assertThat(code.treatment()).as(code.name()).isEqualTo(VatCode.Treatment.NONE);
        }
        for (VatCode code : List.of(VatCode.U25, VatCode.I25, VatCode.EUV, VatCode.EUY, VatCode.UDY)) {
            assertThat(code.ratePercent()).as(code.name()).isEqualTo(25);
        }
    }

    @Test
    void eachCodeCountsInTheRubrikOfTheIssueAndUdyAndFriInNone() {
        assertThat(VatCode.U25.box()).isEqualTo(VatCode.Box.NONE);
        assertThat(VatCode.I25.box()).isEqualTo(VatCode.Box.NONE);
        assertThat(VatCode.EUV.box()).isEqualTo(VatCode.Box.RUBRIK_A_GOODS);
        assertThat(VatCode.EUY.box()).isEqualTo(VatCode.Box.RUBRIK_A_SERVICES);
        assertThat(VatCode.UDY.box()).isEqualTo(VatCode.Box.NONE);
        assertThat(VatCode.EUSV.box()).isEqualTo(VatCode.Box.RUBRIK_B_GOODS_REPORTED);
        assertThat(VatCode.EUSVN.box()).isEqualTo(VatCode.Box.RUBRIK_B_GOODS_NOT_REPORTED);
        assertThat(VatCode.EUSY.box()).isEqualTo(VatCode.Box.RUBRIK_B_SERVICES);
        assertThat(VatCode.EKS.box()).isEqualTo(VatCode.Box.RUBRIK_C);
        assertThat(VatCode.FRI.box()).isEqualTo(VatCode.Box.NONE);
    }

    @Test
    void aCodeIsFoundByItsExactNameOnly() {
        assertThat(VatCode.of("EUSV")).contains(VatCode.EUSV);
        assertThat(VatCode.of("eusv")).isEmpty();
        assertThat(VatCode.of("S01")).isEmpty();
        assertThat(VatCode.of("")).isEmpty();
        assertThat(VatCode.of(null)).isEmpty();
    }

    @Test
    void theApiListsExactlyTheseCodesWithTheirStandardCodes() {
        Tenant t = Tenant.create("QUARTER");
        var listed = t.api().get(t.path("/vat-codes"));
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        Map<String, String> actual = new LinkedHashMap<>();
        for (JsonNode item : listed.json().get("items")) {
            String previous = actual.put(item.get("code").asString(), item.get("standardCode").asString());
            assertThat(previous).as("code %s listed twice", item.get("code").asString()).isNull();
        }
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(STANDARD_CODE_OF);
    }

    @Test
    void theApiListOfCodesIsTheSameForEveryCompany() {
        Tenant monthly = Tenant.create("MONTH");
        Tenant halfYearly = Tenant.create("HALF_YEAR");
        var a = monthly.api().get(monthly.path("/vat-codes"));
        var b = halfYearly.api().get(halfYearly.path("/vat-codes"));
        assertThat(a.status()).isEqualTo(200);
        assertThat(b.status()).isEqualTo(200);
        assertThat(a.json()).isEqualTo(b.json());
    }

    /** code → description, read from the classpath copy of the official list. */
    private static Map<String, String> officialCodes() throws IOException {
        try (InputStream in = VatCodeTest.class.getResourceAsStream(STANDARD_CODES)) {
            assertThat(in).as(STANDARD_CODES + " on the test classpath").isNotNull();
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertThat(lines.getFirst()).isEqualTo("code;where it goes on the VAT return (Danish)");
            Map<String, String> codes = new LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) continue;
                int separator = line.indexOf(';');
                assertThat(separator).as("line \"%s\" has a code and a description", line).isPositive();
                String previous = codes.put(line.substring(0, separator), line.substring(separator + 1));
                assertThat(previous).as("code in line \"%s\" appears once", line).isNull();
            }
            return codes;
        }
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) map.put(keysAndValues[i], keysAndValues[i + 1]);
        return map;
    }

    @Test
    void twoKindsOfVatCannotShareAnAccountSinceTheReturnTellsThemApartByAccount() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new VatAccounts(7680, 7680, 7700, 7720, 7840, 2720))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("account 7680 cannot hold both sales VAT and purchase VAT: the VAT return tells the kinds of VAT apart by account");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new VatAccounts(7680, 7740, 7700, 7720, 7840, 7840))
                .hasMessageContaining("account 7840 cannot hold both settlement and rounding");
        assertThat(VatAccounts.STANDARD.vatHolding()).containsExactlyInAnyOrder(7680, 7740, 7700, 7720);
    }
}
