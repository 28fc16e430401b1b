package dk.ledgerline.vat;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.testing.Api;
import dk.ledgerline.testing.Tenant;
import dk.ledgerline.testing.TestApp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Worked VAT returns (momsangivelser), each computed by hand in the comment above its assertions and
 * posted through the public API into a fresh company. Every example asserts all eleven boxes and the
 * deadline, so a box that should stay empty is asserted empty.
 *
 * <p>Conventions of the postings: amounts are positive debit, negative credit; U25/I25 lines are
 * gross, reverse-charge lines net. Accounts are the default chart's: 1010 Salg, 1050 Salg af varer
 * EU, 1100/1200 Salg udland ikke-EU, 1150 Salg af ydelser EU, 1610 Varekøb, 1630 Varekøb EU, 1710
 * Ydelseskøb EU, 1740 Ydelseskøb ikke-EU, 2180 Forsikringer, 6190 Debitorer, 6480 Bank, 7440
 * Kreditorer; VAT on 7680 Salgsmoms, 7700/7720 Moms af vare-/ydelseskøb udland, 7740 Købsmoms,
 * settlement to 7840 Skyldig moms with øre to 2720 Øreafrunding.
 *
 * <p>All dates are in 2025 so every period has ended whatever today is.
 */
class VatReturnExamplesTest {
    private static final List<String> BOXES = List.of("salesVat", "purchaseVat", "vatOnGoodsPurchasesAbroad", "vatOnServicePurchasesAbroad",
            "rubrikAGoods", "rubrikAServices", "rubrikBGoodsReported", "rubrikBGoodsNotReported", "rubrikBServices", "rubrikC", "vatPayable");
    /** The application's clock zone (DatabaseConfiguration): "today" for the has-the-period-ended rule. */

    // ================================================================== worked examples

    @Test
    void aSingleDomesticSaleOwesTheVatInsideItsGrossAmount() {
        Tenant t = Tenant.create("QUARTER");
        sale(t, "2025-05-10", 1010, "U25", "1250.00");

        // U25 sale, gross 1250.00: VAT = 1250.00 × 25/125 = 250.00 → 7680 credit 250.00.
        // salesVat 250.00 → 250. Nothing else.
        // vatPayable = 250 + 0 + 0 − 0 = 250.
        // Q2 deadline 1 September 2025, a Monday: stays.
        assertReturn(t, "2025-Q2", "2025-04-01", "2025-06-30", "2025-09-01",
                "salesVat", "250.00",
                "vatPayable", "250.00");
    }

    @Test
    void purchasesWithMoreVatThanTheSalesGiveARefund() {
        Tenant t = Tenant.create("QUARTER");
        sale(t, "2025-01-15", 1010, "U25", "2500.00");
        purchase(t, "2025-02-10", 5580, "I25", "6250.00");
        purchase(t, "2025-03-20", 2030, "I25", "1000.00");

        // Sale 2500.00 gross: VAT 2500.00 × 25/125 = 500.00 → salesVat 500.
        // Purchases: 6250.00 × 25/125 = 1250.00; 1000.00 × 25/125 = 200.00; 7740 debit 1450.00 → purchaseVat 1450.
        // vatPayable = 500 + 0 + 0 − 1450 = −950 (a refund).
        // Q1 deadline 1 June 2025 is a Sunday → Monday 2 June 2025.
        assertReturn(t, "2025-Q1", "2025-01-01", "2025-03-31", "2025-06-02",
                "salesVat", "500.00",
                "purchaseVat", "1450.00",
                "vatPayable", "-950.00");
    }

    @Test
    void anEuGoodsPurchaseAloneIsRubrikAGoodsAndCostsNoVat() {
        Tenant t = Tenant.create("QUARTER");
        JsonNode voucher = purchase(t, "2025-08-12", 1630, "EUV", "4000.00");
        assertThat(entries(voucher)).containsExactlyInAnyOrder("1630:4000.00:EUV", "7700:-1000.00:EUV", "7740:1000.00:EUV", "7440:-4000.00:null");

        // EUV net 4000.00: VAT 4000.00 × 25/100 = 1000.00, credited 7700 and debited 7740.
        // vatOnGoodsPurchasesAbroad 1000; purchaseVat 1000; rubrikAGoods = net 4000.
        // vatPayable = 0 + 1000 + 0 − 1000 = 0.
        // Q3 deadline 1 December 2025, a Monday: stays.
        assertReturn(t, "2025-Q3", "2025-07-01", "2025-09-30", "2025-12-01",
                "purchaseVat", "1000.00",
                "vatOnGoodsPurchasesAbroad", "1000.00",
                "rubrikAGoods", "4000.00",
                "vatPayable", "0.00");
    }

    @Test
    void anEuServicePurchaseIsRubrikAServicesWithVatOnServicesAbroad() {
        Tenant t = Tenant.create("MONTH");
        JsonNode voucher = purchase(t, "2025-12-03", 1710, "EUY", "2000.00");
        assertThat(entries(voucher)).containsExactlyInAnyOrder("1710:2000.00:EUY", "7720:-500.00:EUY", "7740:500.00:EUY", "7440:-2000.00:null");

        // EUY net 2000.00: VAT 2000.00 × 25/100 = 500.00, credited 7720 and debited 7740.
        // vatOnServicePurchasesAbroad 500; purchaseVat 500; rubrikAServices = net 2000; rubrikAGoods stays 0.
        // vatPayable = 0 + 0 + 500 − 500 = 0.
        // December deadline 25 January 2026 is a Sunday → Monday 26 January 2026.
        assertReturn(t, "2025-12", "2025-12-01", "2025-12-31", "2026-01-26",
                "purchaseVat", "500.00",
                "vatOnServicePurchasesAbroad", "500.00",
                "rubrikAServices", "2000.00",
                "vatPayable", "0.00");
    }

    @Test
    void aServicePurchaseFromOutsideTheEuHasVatAbroadButNoRubrikA() {
        Tenant t = Tenant.create("MONTH");
        JsonNode voucher = purchase(t, "2025-03-14", 1740, "UDY", "800.00");
        assertThat(entries(voucher)).containsExactlyInAnyOrder("1740:800.00:UDY", "7720:-200.00:UDY", "7740:200.00:UDY", "7440:-800.00:null");

        // UDY net 800.00: VAT 800.00 × 25/100 = 200.00, credited 7720 and debited 7740.
        // vatOnServicePurchasesAbroad 200; purchaseVat 200; NOT rubrikAServices (only EU purchases go there).
        // vatPayable = 0 + 0 + 200 − 200 = 0.
        // March deadline 25 April 2025, a Friday: stays.
        assertReturn(t, "2025-03", "2025-03-01", "2025-03-31", "2025-04-25",
                "purchaseVat", "200.00",
                "vatOnServicePurchasesAbroad", "200.00",
                "vatPayable", "0.00");
    }

    @Test
    void euSalesFillTheirThreeRubrikBBoxesWithoutVat() {
        Tenant t = Tenant.create("HALF_YEAR");
        JsonNode reported = sale(t, "2025-02-03", 1050, "EUSV", "10000.00");
        sale(t, "2025-04-22", 1050, "EUSVN", "3000.00");
        sale(t, "2025-06-27", 1150, "EUSY", "4500.00");
        assertThat(entries(reported)).containsExactlyInAnyOrder("6190:10000.00:null", "1050:-10000.00:EUSV");

        // EUSV 10000.00 credit → rubrikBGoodsReported 10000 (shown positive).
        // EUSVN 3000.00 credit → rubrikBGoodsNotReported 3000.
        // EUSY 4500.00 credit → rubrikBServices 4500.
        // No VAT on any of them: all VAT boxes 0; vatPayable = 0.
        // H1 deadline 1 September 2025, a Monday: stays.
        assertReturn(t, "2025-H1", "2025-01-01", "2025-06-30", "2025-09-01",
                "rubrikBGoodsReported", "10000.00",
                "rubrikBGoodsNotReported", "3000.00",
                "rubrikBServices", "4500.00",
                "vatPayable", "0.00");
    }

    @Test
    void exportOfGoodsAndServicesIsRubrikC() {
        Tenant t = Tenant.create("HALF_YEAR");
        JsonNode goods = sale(t, "2025-09-09", 1100, "EKS", "7500.00");
        sale(t, "2025-11-18", 1200, "EKS", "2250.00");
        assertThat(entries(goods)).containsExactlyInAnyOrder("6190:7500.00:null", "1100:-7500.00:EKS");

        // EKS 7500.00 + EKS 2250.00 = 9750.00 credit → rubrikC 9750. No VAT: vatPayable 0.
        // H2 deadline 1 March 2026 is a Sunday → Monday 2 March 2026.
        assertReturn(t, "2025-H2", "2025-07-01", "2025-12-31", "2026-03-02",
                "rubrikC", "9750.00",
                "vatPayable", "0.00");
    }

    @Test
    void vatExemptLinesAppearNowhereOnTheReturn() {
        Tenant t = Tenant.create("MONTH");
        JsonNode insurance = purchase(t, "2025-09-02", 2180, "FRI", "3000.00");
        JsonNode exemptSale = sale(t, "2025-09-12", 1010, "FRI", "5000.00");
        sale(t, "2025-09-29", 1010, "U25", "1000.00");
        // Posted as they are: no VAT entry split out or added.
        assertThat(entries(insurance)).containsExactlyInAnyOrder("2180:3000.00:FRI", "7440:-3000.00:null");
        assertThat(entries(exemptSale)).containsExactlyInAnyOrder("6190:5000.00:null", "1010:-5000.00:FRI");

        // FRI purchase 3000.00 and FRI sale 5000.00: outside the return, in no box.
        // U25 sale 1000.00 gross: VAT 1000.00 × 25/125 = 200.00 → salesVat 200.
        // vatPayable = 200.
        // September deadline 25 October 2025 is a Saturday → Monday 27 October 2025.
        assertReturn(t, "2025-09", "2025-09-01", "2025-09-30", "2025-10-27",
                "salesVat", "200.00",
                "vatPayable", "200.00");
    }

    @Test
    void boxesSummingToHalfAKroneRoundUpAndJustBelowRoundDown() {
        Tenant t = Tenant.create("MONTH");
        JsonNode first = sale(t, "2025-04-02", 1010, "U25", "401.03");
        JsonNode second = sale(t, "2025-04-09", 1010, "U25", "401.01");
        sale(t, "2025-04-16", 1010, "U25", "400.45");
        purchase(t, "2025-04-10", 1610, "I25", "311.20");
        purchase(t, "2025-04-24", 1610, "I25", "311.25");
        sale(t, "2025-04-28", 1100, "EKS", "2000.50");
        sale(t, "2025-04-29", 1050, "EUSV", "999.49");
        assertThat(entries(first)).containsExactlyInAnyOrder("6190:401.03:null", "1010:-320.82:U25", "7680:-80.21:U25");
        assertThat(entries(second)).containsExactlyInAnyOrder("6190:401.01:null", "1010:-320.81:U25", "7680:-80.20:U25");

        // Sales VAT per line, half-up to the øre:
        //   401.03 × 25/125 = 80.206 → 80.21;  401.01 × 25/125 = 80.202 → 80.20;  400.45 × 25/125 = 80.09.
        //   7680 credit 80.21 + 80.20 + 80.09 = 240.50 → salesVat 241 (half-up).
        // Purchase VAT: 311.20 × 25/125 = 62.24; 311.25 × 25/125 = 62.25; 7740 debit 124.49 → purchaseVat 124.
        // The Rubrik boxes round the same way: EKS 2000.50 → rubrikC 2001; EUSV 999.49 → rubrikBGoodsReported 999.
        // vatPayable from the rounded boxes = 241 − 124 = 117
        //   (rounding the exact difference 240.50 − 124.49 = 116.01 would give 116: the form's way is 117).
        // April deadline 25 May 2025 is a Sunday → Monday 26 May 2025.
        assertReturn(t, "2025-04", "2025-04-01", "2025-04-30", "2025-05-26",
                "salesVat", "241.00",
                "purchaseVat", "124.00",
                "rubrikBGoodsReported", "999.00",
                "rubrikC", "2001.00",
                "vatPayable", "117.00");
    }

    @Test
    void eachVatBoxIsRoundedOnItsOwnAndThePayableIsTheirSum() {
        Tenant t = Tenant.create("MONTH");
        postFourBoxRoundingVouchers(t, "2025-06-02", "2025-06-10", "2025-06-18", "2025-06-30");

        // U25 sale 502.50 gross: 502.50 × 25/125 = 100.50 → salesVat 101.
        // EUV 42.00 net: 42.00 × 25/100 = 10.50 → vatOnGoodsPurchasesAbroad 11; rubrikAGoods 42.
        // EUY 82.00 net: 82.00 × 25/100 = 20.50 → vatOnServicePurchasesAbroad 21; rubrikAServices 82.
        // I25 27.45 gross: 27.45 × 25/125 = 5.49.
        //   7740 debit 10.50 + 20.50 + 5.49 = 36.49 → purchaseVat 36.
        // vatPayable = 101 + 11 + 21 − 36 = 97
        //   (exact: 100.50 + 10.50 + 20.50 − 36.49 = 95.01 → 95; the boxes decide: 97).
        // June deadline 17 August 2025 is a Sunday → Monday 18 August 2025.
        assertReturn(t, "2025-06", "2025-06-01", "2025-06-30", "2025-08-18",
                "salesVat", "101.00",
                "purchaseVat", "36.00",
                "vatOnGoodsPurchasesAbroad", "11.00",
                "vatOnServicePurchasesAbroad", "21.00",
                "rubrikAGoods", "42.00",
                "rubrikAServices", "82.00",
                "vatPayable", "97.00");
    }

    @Test
    void reverseChargeVatOnHalfAnOreRoundsUpAndCanMakeAPayableFromNothing() {
        Tenant t = Tenant.create("MONTH");
        JsonNode goods = purchase(t, "2025-01-08", 1630, "EUV", "10.02");
        JsonNode services = purchase(t, "2025-01-20", 1710, "EUY", "6.02");
        assertThat(entries(goods)).containsExactlyInAnyOrder("1630:10.02:EUV", "7700:-2.51:EUV", "7740:2.51:EUV", "7440:-10.02:null");
        assertThat(entries(services)).containsExactlyInAnyOrder("1710:6.02:EUY", "7720:-1.51:EUY", "7740:1.51:EUY", "7440:-6.02:null");

        // EUV 10.02 net: 10.02 × 25/100 = 2.505 → 2.51 (half-up to the øre) → vatOnGoodsPurchasesAbroad 3.
        // EUY 6.02 net: 6.02 × 25/100 = 1.505 → 1.51 → vatOnServicePurchasesAbroad 2.
        // 7740 debit 2.51 + 1.51 = 4.02 → purchaseVat 4.
        // rubrikAGoods 10.02 → 10; rubrikAServices 6.02 → 6.
        // vatPayable = 0 + 3 + 2 − 4 = 1, although the exact VAT nets to 0.00.
        // January deadline 25 February 2025, a Tuesday: stays.
        assertReturn(t, "2025-01", "2025-01-01", "2025-01-31", "2025-02-25",
                "purchaseVat", "4.00",
                "vatOnGoodsPurchasesAbroad", "3.00",
                "vatOnServicePurchasesAbroad", "2.00",
                "rubrikAGoods", "10.00",
                "rubrikAServices", "6.00",
                "vatPayable", "1.00");
    }

    @Test
    void aCreditNoteInTheSamePeriodReducesTheSalesVatAndTheRubrik() {
        Tenant t = Tenant.create("QUARTER");
        sale(t, "2025-08-04", 1010, "U25", "5000.00");
        JsonNode credit = creditNote(t, "2025-09-15", 1010, "U25", "1250.00");
        sale(t, "2025-07-21", 1050, "EUSV", "3000.00");
        creditNote(t, "2025-09-22", 1050, "EUSV", "500.00");
        assertThat(entries(credit)).containsExactlyInAnyOrder("1010:1000.00:U25", "7680:250.00:U25", "6190:-1250.00:null");

        // Sale 5000.00 gross: VAT 1000.00 credited 7680.
        // Credit note −1250.00 gross (a debit of 1250.00): VAT 1250.00 × 25/125 = 250.00 debited 7680.
        // 7680 credit balance 1000.00 − 250.00 = 750.00 → salesVat 750.
        // EUSV sale 3000.00 less EUSV credit note 500.00 → rubrikBGoodsReported 2500.
        // vatPayable = 750.
        // Q3 deadline 1 December 2025, a Monday: stays.
        assertReturn(t, "2025-Q3", "2025-07-01", "2025-09-30", "2025-12-01",
                "salesVat", "750.00",
                "rubrikBGoodsReported", "2500.00",
                "vatPayable", "750.00");
    }

    @Test
    void entriesOnTheDayBeforeAndTheDayAfterThePeriodAreNotCounted() {
        Tenant t = Tenant.create("QUARTER");
        sale(t, "2025-03-31", 1010, "U25", "2500.00");
        sale(t, "2025-04-01", 1010, "U25", "1250.00");
        sale(t, "2025-06-30", 1010, "U25", "625.00");
        sale(t, "2025-07-01", 1010, "U25", "5000.00");
        purchase(t, "2025-07-01", 1630, "EUV", "4000.00");
        sale(t, "2025-03-31", 1100, "EKS", "900.00");

        // Q2 holds only 1 April and 30 June:
        //   1250.00 × 25/125 = 250.00 and 625.00 × 25/125 = 125.00 → salesVat 375; vatPayable 375.
        // 31 March (2500.00 sale and the 900.00 export) and 1 July (5000.00 sale, the EUV purchase) stay out.
        // Q2 deadline 1 September 2025, a Monday.
        assertReturn(t, "2025-Q2", "2025-04-01", "2025-06-30", "2025-09-01",
                "salesVat", "375.00",
                "vatPayable", "375.00");

        // The day before Q2 is in Q1: 2500.00 × 25/125 = 500.00 → salesVat 500; rubrikC 900; vatPayable 500.
        // Q1 deadline 1 June 2025 is a Sunday → 2 June 2025.
        assertReturn(t, "2025-Q1", "2025-01-01", "2025-03-31", "2025-06-02",
                "salesVat", "500.00",
                "rubrikC", "900.00",
                "vatPayable", "500.00");

        // The day after Q2 is in Q3: 5000.00 × 25/125 = 1000.00 → salesVat 1000;
        // EUV 4000.00 × 25/100 = 1000.00 → vatOnGoodsPurchasesAbroad 1000, purchaseVat 1000, rubrikAGoods 4000.
        // vatPayable = 1000 + 1000 + 0 − 1000 = 1000. Q3 deadline 1 December 2025, a Monday.
        assertReturn(t, "2025-Q3", "2025-07-01", "2025-09-30", "2025-12-01",
                "salesVat", "1000.00",
                "purchaseVat", "1000.00",
                "vatOnGoodsPurchasesAbroad", "1000.00",
                "rubrikAGoods", "4000.00",
                "vatPayable", "1000.00");
    }

    @Test
    void aQuarterWithEveryCodeFillsEveryBox() {
        Tenant t = Tenant.create("QUARTER");
        sale(t, "2025-10-02", 1010, "U25", "12500.00");
        purchase(t, "2025-10-06", 1610, "I25", "3750.00");
        purchase(t, "2025-10-13", 1630, "EUV", "2000.00");
        purchase(t, "2025-10-20", 1710, "EUY", "1200.00");
        purchase(t, "2025-11-03", 1740, "UDY", "400.00");
        sale(t, "2025-11-10", 1050, "EUSV", "8000.00");
        sale(t, "2025-11-17", 1050, "EUSVN", "1500.00");
        sale(t, "2025-11-24", 1150, "EUSY", "2500.00");
        sale(t, "2025-12-01", 1100, "EKS", "6000.00");
        purchase(t, "2025-12-08", 2180, "FRI", "900.00");

        // U25 12500.00 gross: 12500.00 × 25/125 = 2500.00 → salesVat 2500.
        // I25 3750.00 gross: 3750.00 × 25/125 = 750.00 input VAT.
        // EUV 2000.00 net: 500.00 to 7700 and 7740 → vatOnGoodsPurchasesAbroad 500; rubrikAGoods 2000.
        // EUY 1200.00 net: 300.00 to 7720 and 7740; rubrikAServices 1200.
        // UDY 400.00 net: 100.00 to 7720 and 7740; no Rubrik A.
        //   vatOnServicePurchasesAbroad = 300 + 100 = 400.
        //   purchaseVat = 750 + 500 + 300 + 100 = 1650.
        // EUSV 8000 → rubrikBGoodsReported; EUSVN 1500 → rubrikBGoodsNotReported; EUSY 2500 → rubrikBServices; EKS 6000 → rubrikC.
        // FRI 900.00: nowhere.
        // vatPayable = 2500 + 500 + 400 − 1650 = 1750.
        // Q4 deadline 1 March 2026 is a Sunday → Monday 2 March 2026.
        assertReturn(t, "2025-Q4", "2025-10-01", "2025-12-31", "2026-03-02",
                "salesVat", "2500.00",
                "purchaseVat", "1650.00",
                "vatOnGoodsPurchasesAbroad", "500.00",
                "vatOnServicePurchasesAbroad", "400.00",
                "rubrikAGoods", "2000.00",
                "rubrikAServices", "1200.00",
                "rubrikBGoodsReported", "8000.00",
                "rubrikBGoodsNotReported", "1500.00",
                "rubrikBServices", "2500.00",
                "rubrikC", "6000.00",
                "vatPayable", "1750.00");
    }

    @Test
    void aPeriodWithoutEntriesIsAnEmptyReturn() {
        Tenant t = Tenant.create("HALF_YEAR");
        sale(t, "2025-07-01", 1010, "U25", "1250.00");

        // Nothing dated January–June: every box 0. (The 1 July sale belongs to H2.)
        assertReturn(t, "2025-H1", "2025-01-01", "2025-06-30", "2025-09-01",
                "vatPayable", "0.00");
    }

    @Test
    void theReturnsOfAYearListEveryPeriodOfTheCompanyInOrder() {
        Tenant t = Tenant.create("QUARTER");
        sale(t, "2025-05-10", 1010, "U25", "1250.00");
        var listed = t.api().get(t.path("/vat-returns?year=2025"));
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        List<String> summary = new ArrayList<>();
        for (JsonNode r : listed.json().get("items")) {
            summary.add(r.get("period").asString() + " " + r.get("salesVat").asString() + " " + r.get("deadline").asString() + " " + r.get("settled").asBoolean());
        }
        // Only Q2 holds the sale: 1250.00 × 25/125 = 250.00.
        assertThat(summary).containsExactly(
                "2025-Q1 0.00 2025-06-02 false",
                "2025-Q2 250.00 2025-09-01 false",
                "2025-Q3 0.00 2025-12-01 false",
                "2025-Q4 0.00 2026-03-02 false");
    }

    // ================================================================== settlement

    @Test
    void settlingAPeriodMovesTheVatToSkyldigMomsWithTheOreToOreafrunding() {
        Tenant t = Tenant.create("QUARTER");
        postFourBoxRoundingVouchers(t, "2025-04-10", "2025-05-05", "2025-05-20", "2025-06-30");
        // Same figures as eachVatBoxIsRoundedOnItsOwnAndThePayableIsTheirSum, in Q2:
        // 7680 −100.50, 7700 −10.50, 7720 −20.50, 7740 +36.49; boxes 101, 36, 11, 21, A 42/82; payable 97.
        Map<String, String> before = assertReturn(t, "2025-Q2", "2025-04-01", "2025-06-30", "2025-09-01",
                "salesVat", "101.00",
                "purchaseVat", "36.00",
                "vatOnGoodsPurchasesAbroad", "11.00",
                "vatOnServicePurchasesAbroad", "21.00",
                "rubrikAGoods", "42.00",
                "rubrikAServices", "82.00",
                "vatPayable", "97.00");

        var settled = t.api().post(t.path("/vat-returns/2025-Q2/settlement"), "");
        assertThat(settled.status()).as(settled.toString()).isEqualTo(201);
        JsonNode filed = settled.json();
        assertThat(filed.get("settled").asBoolean()).isTrue();
        assertThat(filed.get("settledAt").isNull()).isFalse();
        assertThat(figures(filed)).isEqualTo(withSettled(before, true));
        int year = filed.get("settlementVoucher").get("fiscalYear").asInt();
        int number = filed.get("settlementVoucher").get("number").asInt();
        assertThat(year).isEqualTo(2025);
        assertThat(number).isEqualTo(5); // after the four vouchers above

        var voucher = t.api().get(t.path("/vouchers/" + number + "?fiscalYear=" + year));
        assertThat(voucher.status()).as(voucher.toString()).isEqualTo(200);
        // Clear each VAT account's period balance:
        //   7680 debit 100.50, 7700 debit 10.50, 7720 debit 20.50, 7740 credit 36.49 → cleared net 95.01 debit.
        // 7840 Skyldig moms credit the whole-kroner payable 97.00.
        // 2720 Øreafrunding takes the rest: 97.00 − 95.01 = 1.99 debit (we owe 1.99 more than the exact VAT).
        // Check: 100.50 + 10.50 + 20.50 − 36.49 − 97.00 + 1.99 = 0. No entry carries a VAT code.
        assertThat(voucher.json().get("date").asString()).isEqualTo("2025-06-30");
        assertThat(entries(voucher.json())).containsExactlyInAnyOrder(
                "7680:100.50:null", "7700:10.50:null", "7720:20.50:null", "7740:-36.49:null", "7840:-97.00:null", "2720:1.99:null");

        // The VAT accounts hold nothing for the period any more; 7840 and 2720 hold the settlement.
        Map<Integer, String> balances = trialBalance(t, "2025-04-01", "2025-06-30");
        for (int vatAccount : List.of(7680, 7700, 7720, 7740)) {
            assertThat(balances.getOrDefault(vatAccount, "0.00")).as("account %d after settlement", vatAccount).isEqualTo("0.00");
        }
        assertThat(balances.get(7840)).isEqualTo("-97.00");
        assertThat(balances.get(2720)).isEqualTo("1.99");

        // The return is frozen as filed, although the ledger's VAT accounts for the period are now empty.
        var again = t.api().get(t.path("/vat-returns/2025-Q2"));
        assertThat(again.status()).isEqualTo(200);
        assertSameFiling(again.json(), filed);
    }

    @Test
    void aSettledPeriodIsLockedAgainstPostingAndNothingOfTheRejectedVoucherIsStored() {
        Tenant t = Tenant.create("QUARTER");
        sale(t, "2025-05-10", 1010, "U25", "1250.00");
        var settled = t.api().post(t.path("/vat-returns/2025-Q2/settlement"), "");
        assertThat(settled.status()).as(settled.toString()).isEqualTo(201);
        // Voucher 1 the sale, voucher 2 the settlement.
        assertThat(settled.json().get("settlementVoucher").get("number").asInt()).isEqualTo(2);

        for (String date : List.of("2025-04-01", "2025-05-15", "2025-06-30")) {
            var rejected = t.postVoucher(saleJson(date, 1010, "U25", "625.00"));
            assertThat(rejected.status()).as(rejected.toString()).isEqualTo(422);
            JsonNode errors = rejected.json().get("errors");
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).get("field").asString()).isEqualTo("date");
            assertThat(errors.get(0).get("message").asString())
                    .contains(date).contains("locked period").contains("2025-04-01").contains("2025-06-30").contains("2025-Q2");
        }

        // A reversal without a date lands on the original's date, inside the locked period: refused too.
        var reversal = t.api().post(t.path("/vouchers/1/reversal?fiscalYear=2025"), "{}");
        assertThat(reversal.status()).as(reversal.toString()).isEqualTo(422);
        assertThat(reversal.json().get("errors").get(0).get("field").asString()).isEqualTo("date");
        assertThat(reversal.json().get("errors").get(0).get("message").asString()).contains("locked period").contains("2025-Q2");
        assertThat(t.api().get(t.path("/vouchers/1?fiscalYear=2025")).json().get("reversedBy").isNull()).isTrue();

        // The lock covers exactly the period: the days either side still take postings, and the
        // rejected attempts left no voucher and no gap in the numbering.
        assertThat(sale(t, "2025-03-31", 1010, "U25", "625.00").get("number").asInt()).isEqualTo(3);
        assertThat(sale(t, "2025-07-01", 1010, "U25", "625.00").get("number").asInt()).isEqualTo(4);
        var locks = t.api().get(t.path("/locks"));
        assertThat(locks.status()).isEqualTo(200);
        assertThat(locks.json().get("items")).hasSize(1);
        assertThat(locks.json().get("items").get(0).get("from").asString()).isEqualTo("2025-04-01");
        assertThat(locks.json().get("items").get(0).get("to").asString()).isEqualTo("2025-06-30");

        // Q2 as filed: 1250.00 × 25/125 = 250.00 → salesVat 250, payable 250; settled.
        Map<String, String> q2 = assertSettledReturn(t, "2025-Q2", "2025-04-01", "2025-06-30", "2025-09-01",
                "salesVat", "250.00",
                "vatPayable", "250.00");
        assertThat(q2).containsEntry("settled", "true");
    }

    @Test
    void aSettledReturnStaysAsFiledWhenTheLedgerChangesAfterwards() {
        Tenant t = Tenant.create("QUARTER");
        JsonNode original = sale(t, "2025-05-10", 1010, "U25", "1250.00");
        var settled = t.api().post(t.path("/vat-returns/2025-Q2/settlement"), "");
        assertThat(settled.status()).as(settled.toString()).isEqualTo(201);

        // Change the ledger after filing: reverse the Q2 sale on a Q3 date and post more in Q3.
        var reversal = t.api().post(t.path("/vouchers/" + original.get("number").asInt() + "/reversal?fiscalYear=2025"),
                "{\"date\": \"2025-07-02\"}");
        assertThat(reversal.status()).as(reversal.toString()).isEqualTo(201);
        sale(t, "2025-08-01", 1010, "U25", "2500.00");

        // Q2 is as filed: 250.00 VAT → salesVat 250, payable 250, as the settlement answered.
        var q2 = t.api().get(t.path("/vat-returns/2025-Q2"));
        assertSameFiling(q2.json(), settled.json());
        assertSettledReturn(t, "2025-Q2", "2025-04-01", "2025-06-30", "2025-09-01",
                "salesVat", "250.00",
                "vatPayable", "250.00");

        // Q3 carries the changes: reversal −250.00 VAT (7680 debit) + sale 2500.00 × 25/125 = 500.00 → 7680 credit 250.00 → salesVat 250.
        assertReturn(t, "2025-Q3", "2025-07-01", "2025-09-30", "2025-12-01",
                "salesVat", "250.00",
                "vatPayable", "250.00");

        // The year's list shows Q2 as filed too.
        var listed = t.api().get(t.path("/vat-returns?year=2025"));
        assertSameFiling(listed.json().get("items").get(1), settled.json());
    }

    @Test
    void settlingARefundPeriodPutsTheReceivableOnSkyldigMomsAndTheOreOnOreafrunding() {
        Tenant t = Tenant.create("MONTH");
        sale(t, "2025-02-05", 1010, "U25", "2.50");
        purchase(t, "2025-02-17", 5580, "I25", "6252.45");

        // Sale 2.50 × 25/125 = 0.50 → salesVat 1 (half-up).
        // Purchase 6252.45 × 25/125 = 1250.49 → purchaseVat 1250.
        // vatPayable = 1 − 1250 = −1249 (exact: 0.50 − 1250.49 = −1249.99).
        // February deadline 25 March 2025, a Tuesday.
        assertReturn(t, "2025-02", "2025-02-01", "2025-02-28", "2025-03-25",
                "salesVat", "1.00",
                "purchaseVat", "1250.00",
                "vatPayable", "-1249.00");

        var settled = t.api().post(t.path("/vat-returns/2025-02/settlement"), "");
        assertThat(settled.status()).as(settled.toString()).isEqualTo(201);
        JsonNode ref = settled.json().get("settlementVoucher");
        var voucher = t.api().get(t.path("/vouchers/" + ref.get("number").asInt() + "?fiscalYear=" + ref.get("fiscalYear").asInt()));
        assertThat(voucher.status()).as(voucher.toString()).isEqualTo(200);
        // Clear 7680 (debit 0.50) and 7740 (credit 1250.49): cleared net 1249.99 credit.
        // 7840 debit 1249.00: the refund we claim, whole kroner.
        // 2720: 1249.99 − 1249.00 = 0.99 debit (we claim 0.99 less than the exact VAT).
        // Check: 0.50 − 1250.49 + 1249.00 + 0.99 = 0.
        assertThat(voucher.json().get("date").asString()).isEqualTo("2025-02-28");
        assertThat(entries(voucher.json())).containsExactlyInAnyOrder(
                "7680:0.50:null", "7740:-1250.49:null", "7840:1249.00:null", "2720:0.99:null");
    }

    @Test
    void settlingAPeriodTwiceIsAConflictAndPostsNoSecondVoucher() {
        Tenant t = Tenant.create("QUARTER");
        sale(t, "2025-02-10", 1010, "U25", "1250.00");
        var first = t.api().post(t.path("/vat-returns/2025-Q1/settlement"), "");
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().get("settlementVoucher").get("number").asInt()).isEqualTo(2);

        var second = t.api().post(t.path("/vat-returns/2025-Q1/settlement"), "");
        assertThat(second.status()).as(second.toString()).isEqualTo(409);
        assertThat(second.json().get("detail").asString()).contains("2025-Q1");

        // No third voucher was stored, and the return is still the first filing.
        assertThat(t.api().get(t.path("/vouchers/3?fiscalYear=2025")).status()).isEqualTo(404);
        assertSameFiling(t.api().get(t.path("/vat-returns/2025-Q1")).json(), first.json());
        assertThat(t.api().get(t.path("/locks")).json().get("items")).hasSize(1);
    }

    @Test
    void aPeriodThatHasNotEndedCannotBeSettledAndStaysOpen() {
        Tenant t = Tenant.create("QUARTER");
        LocalDate today = TestApp.get().today();
        String current = VatPeriod.containing(today, dk.ledgerline.shared.VatPeriodType.QUARTER).label();
        sale(t, today.toString(), 1010, "U25", "1250.00");

        var refused = t.api().post(t.path("/vat-returns/" + current + "/settlement"), "");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().get("detail").asString()).contains(current).contains("has not ended");
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("period");

        // Nothing was settled, posted or locked.
        var open = t.api().get(t.path("/vat-returns/" + current));
        assertThat(open.json().get("settled").asBoolean()).isFalse();
        assertThat(open.json().get("settlementVoucher").isNull()).isTrue();
        assertThat(open.json().get("salesVat").asString()).isEqualTo("250.00");
        assertThat(t.api().get(t.path("/locks")).json().get("items")).isEmpty();
        assertThat(t.api().get(t.path("/vouchers/2?fiscalYear=" + today.getYear())).status()).isEqualTo(404);
        assertThat(sale(t, today.toString(), 1010, "U25", "625.00").get("number").asInt()).isEqualTo(2);
    }

    @Test
    void aPeriodInTheWrongFormForTheCompanyIsUnprocessable() {
        Tenant quarterly = Tenant.create("QUARTER");
        assertWrongForm(quarterly, "2025-11");
        assertWrongForm(quarterly, "2025-H1");
        Tenant monthly = Tenant.create("MONTH");
        assertWrongForm(monthly, "2025-Q2");
        Tenant halfYearly = Tenant.create("HALF_YEAR");
        assertWrongForm(halfYearly, "2025-Q1");
        assertWrongForm(halfYearly, "2025-06");
        // Nothing got locked by any of the refused settlements.
        for (Tenant t : List.of(quarterly, monthly, halfYearly)) {
            assertThat(t.api().get(t.path("/locks")).json().get("items")).isEmpty();
        }
    }

    // ================================================================== helpers

    /** The four vouchers whose VAT boxes each round on their own: 100.50, 10.50, 20.50 and 36.49. */
    private static void postFourBoxRoundingVouchers(Tenant t, String saleDate, String euGoodsDate, String euServicesDate, String domesticPurchaseDate) {
        sale(t, saleDate, 1010, "U25", "502.50");
        purchase(t, euGoodsDate, 1630, "EUV", "42.00");
        purchase(t, euServicesDate, 1710, "EUY", "82.00");
        purchase(t, domesticPurchaseDate, 2450, "I25", "27.45");
    }

    private static void assertWrongForm(Tenant t, String period) {
        var get = t.api().get(t.path("/vat-returns/" + period));
        assertThat(get.status()).as("GET %s: %s", period, get).isEqualTo(422);
        assertThat(get.json().get("errors").get(0).get("field").asString()).isEqualTo("period");
        var settle = t.api().post(t.path("/vat-returns/" + period + "/settlement"), "");
        assertThat(settle.status()).as("settle %s: %s", period, settle).isEqualTo(422);
        assertThat(settle.json().get("errors").get(0).get("field").asString()).isEqualTo("period");
    }

    /** A sale to a customer: receivable debit, the coded revenue line credit. */
    private static JsonNode sale(Tenant t, String date, int revenueAccount, String vatCode, String amount) {
        return posted(t.postVoucher(saleJson(date, revenueAccount, vatCode, amount)));
    }

    private static String saleJson(String date, int revenueAccount, String vatCode, String amount) {
        return voucherJson(date, "Salg", line(6190, amount, null), line(revenueAccount, "-" + amount, vatCode));
    }

    /** A credit note to a customer: the coded revenue line debit, receivable credit. */
    private static JsonNode creditNote(Tenant t, String date, int revenueAccount, String vatCode, String amount) {
        return posted(t.postVoucher(voucherJson(date, "Kreditnota", line(revenueAccount, amount, vatCode), line(6190, "-" + amount, null))));
    }

    /** A purchase from a supplier: the coded cost line debit, payable credit. */
    private static JsonNode purchase(Tenant t, String date, int costAccount, String vatCode, String amount) {
        return posted(t.postVoucher(voucherJson(date, "Køb", line(costAccount, amount, vatCode), line(7440, "-" + amount, null))));
    }

    private static JsonNode posted(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    private record Line(int account, String amount, String vatCode) {}

    private static Line line(int account, String amount, String vatCode) {
        return new Line(account, amount, vatCode);
    }

    private static String voucherJson(String date, String text, Line... lines) {
        StringBuilder json = new StringBuilder("{\"date\": \"" + date + "\", \"text\": \"" + text + "\", \"lines\": [");
        for (int i = 0; i < lines.length; i++) {
            Line l = lines[i];
            if (i > 0) json.append(", ");
            json.append("{\"account\": ").append(l.account()).append(", \"amount\": \"").append(l.amount()).append('"');
            if (l.vatCode() != null) json.append(", \"vatCode\": \"").append(l.vatCode()).append('"');
            json.append('}');
        }
        return json.append("]}").toString();
    }

    /** "account:amount:vatCode" per entry of a voucher as the API shows it. */
    private static List<String> entries(JsonNode voucher) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : voucher.get("entries")) {
            out.add(e.get("account").asInt() + ":" + e.get("amount").asString() + ":" + (e.get("vatCode").isNull() ? "null" : e.get("vatCode").asString()));
        }
        return out;
    }

    private static Map<Integer, String> trialBalance(Tenant t, String from, String to) {
        var report = t.api().get(t.path("/reports/trial-balance?from=" + from + "&to=" + to));
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        Map<Integer, String> balances = new LinkedHashMap<>();
        for (JsonNode a : report.json().get("accounts")) balances.put(a.get("number").asInt(), a.get("balance").asString());
        return balances;
    }

    /**
     * Asserts the whole open return of a period: its dates, every one of the eleven boxes (those not
     * named are "0.00"), the deadline, and that it is not settled. Returns the figures for comparison.
     */
    private static Map<String, String> assertReturn(Tenant t, String period, String from, String to, String deadline, String... nonZeroBoxes) {
        return assertWholeReturn(t, period, from, to, deadline, false, nonZeroBoxes);
    }

    /** As {@link #assertReturn}, for a settled return. */
    private static Map<String, String> assertSettledReturn(Tenant t, String period, String from, String to, String deadline, String... nonZeroBoxes) {
        return assertWholeReturn(t, period, from, to, deadline, true, nonZeroBoxes);
    }

    private static Map<String, String> assertWholeReturn(Tenant t, String period, String from, String to, String deadline, boolean settled,
                                                         String... nonZeroBoxes) {
        assertThat(nonZeroBoxes.length % 2).as("boxes come in name, value pairs").isZero();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("period", period);
        expected.put("from", from);
        expected.put("to", to);
        for (String box : BOXES) expected.put(box, "0.00");
        for (int i = 0; i < nonZeroBoxes.length; i += 2) {
            assertThat(BOXES).as("box name").contains(nonZeroBoxes[i]);
            expected.put(nonZeroBoxes[i], nonZeroBoxes[i + 1]);
        }
        expected.put("deadline", deadline);
        expected.put("settled", Boolean.toString(settled));

        var response = t.api().get(t.path("/vat-returns/" + period));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        Map<String, String> actual = figures(response.json());
        assertThat(actual).as("VAT return %s", period).containsExactlyEntriesOf(expected);
        if (!settled) {
            assertThat(response.json().get("settledAt").isNull()).as("settledAt of an open return").isTrue();
            assertThat(response.json().get("settlementVoucher").isNull()).as("settlementVoucher of an open return").isTrue();
        }
        return actual;
    }

    /** The period, dates, eleven boxes, deadline and settled flag of a return as the API wrote them. */
    private static Map<String, String> figures(JsonNode r) {
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("period", r.get("period").asString());
        figures.put("from", r.get("from").asString());
        figures.put("to", r.get("to").asString());
        for (String box : BOXES) figures.put(box, r.get(box).asString());
        figures.put("deadline", r.get("deadline").asString());
        figures.put("settled", Boolean.toString(r.get("settled").asBoolean()));
        return figures;
    }

    /**
     * A later answer shows the return exactly as the settlement answered it: figures, dates, deadline,
     * settled flag, voucher and the moment it was settled.
     */
    private static void assertSameFiling(JsonNode later, JsonNode filed) {
        assertThat(figures(later)).isEqualTo(figures(filed));
        assertThat(later.get("settled").asBoolean()).isTrue();
        assertThat(later.get("settlementVoucher")).isEqualTo(filed.get("settlementVoucher"));
        assertThat(later.get("settledAt")).isEqualTo(filed.get("settledAt"));
    }

    private static Map<String, String> withSettled(Map<String, String> figures, boolean settled) {
        Map<String, String> copy = new LinkedHashMap<>(figures);
        copy.put("settled", Boolean.toString(settled));
        return copy;
    }
}
