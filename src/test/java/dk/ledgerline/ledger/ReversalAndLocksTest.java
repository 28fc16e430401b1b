package dk.ledgerline.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.testing.Api;
import dk.ledgerline.testing.Tenant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Posted entries never change: a correction is a reversal voucher, and a locked period takes nothing new. */
class ReversalAndLocksTest {
    static final String RENT = """
            {"date": "2025-05-01", "text": "Husleje maj", "lines": [{"account": 2030, "amount": "15000.00", "vatCode": "I25"}, {"account": 6480, "amount": "-15000.00"}]}""";

    @Test
    void aReversalMirrorsEveryEntryAndLinksBothWays() {
        Tenant t = Tenant.create("QUARTER");
        assertThat(t.postVoucher(RENT).status()).isEqualTo(201);
        Api.Response reversal = t.api().post(t.path("/vouchers/1/reversal?fiscalYear=2025"), "{}");
        assertThat(reversal.status()).as(reversal.toString()).isEqualTo(201);
        JsonNode r = reversal.json();
        assertThat(r.get("number").asInt()).isEqualTo(2);
        assertThat(r.get("date").asString()).isEqualTo("2025-05-01");
        assertThat(r.get("text").asString()).isEqualTo("Tilbageførsel af bilag 2025/1: Husleje maj");
        assertThat(r.get("reverses").get("number").asInt()).isEqualTo(1);
        assertThat(dk.ledgerline.testing.Vouchers.entries(r)).containsExactly("2030:-12000.00:I25", "7740:-3000.00:I25", "6480:15000.00:null");
        JsonNode original = t.api().get(t.path("/vouchers/1?fiscalYear=2025")).json();
        assertThat(original.get("reversedBy").get("number").asInt()).isEqualTo(2);
        assertThat(dk.ledgerline.testing.Vouchers.entries(original)).containsExactly("2030:12000.00:I25", "7740:3000.00:I25", "6480:-15000.00:null");
        JsonNode trial = t.api().get(t.path("/reports/trial-balance?from=2025-01-01&to=2025-12-31")).json();
        for (JsonNode account : trial.get("accounts")) assertThat(account.get("balance").asString()).isEqualTo("0.00");
    }

    @Test
    void aVoucherIsReversedAtMostOnce() {
        Tenant t = Tenant.create("QUARTER");
        t.postVoucher(RENT);
        assertThat(t.api().post(t.path("/vouchers/1/reversal?fiscalYear=2025"), "{}").status()).isEqualTo(201);
        Api.Response again = t.api().post(t.path("/vouchers/1/reversal?fiscalYear=2025"), "{}");
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.body()).contains("already reversed by 2025/2");
        assertThat(t.api().get(t.path("/vouchers")).json().get("items")).hasSize(2);
    }

    @Test
    void reversingAnUnknownVoucherIsNotFound() {
        Tenant t = Tenant.create("QUARTER");
        assertThat(t.api().post(t.path("/vouchers/42/reversal?fiscalYear=2025"), "{}").status()).isEqualTo(404);
    }

    @Test
    void aReversalMustNameItsFiscalYearSinceEveryYearHasAVoucherOne() {
        Tenant t = Tenant.create("QUARTER");
        assertThat(t.postVoucher(RENT).status()).isEqualTo(201);
        assertThat(t.postVoucher(RENT.replace("2025-", "2026-")).status()).isEqualTo(201);

        Api.Response guessed = t.api().post(t.path("/vouchers/1/reversal"), "{}");

        assertThat(guessed.status()).as(guessed.toString()).isEqualTo(400);
        assertThat(guessed.header("Content-Type")).startsWith("application/problem+json");
        assertThat(guessed.json().get("detail").asString()).contains("fiscalYear is required");
        JsonNode vouchers = t.api().get(t.path("/vouchers")).json().get("items");
        assertThat(vouchers).hasSize(2);
        for (JsonNode voucher : vouchers) assertThat(voucher.get("reversedBy").isNull()).as(voucher.toString()).isTrue();
    }

    @Test
    void aVoucherInASettledPeriodIsReversedIntoAnOpenDateOnly() {
        Tenant t = Tenant.create("QUARTER");
        t.postVoucher(RENT.replace("2025-05-01", "2025-02-01"));
        assertThat(t.api().post(t.path("/vat-returns/2025-Q1/settlement"), "").status()).isEqualTo(201);

        Api.Response inLocked = t.api().post(t.path("/vouchers/1/reversal?fiscalYear=2025"), "{}");
        assertThat(inLocked.status()).isEqualTo(422);
        assertThat(inLocked.body()).contains("locked period").contains("2025-01-01 to 2025-03-31");

        Api.Response inOpen = t.api().post(t.path("/vouchers/1/reversal?fiscalYear=2025"), "{\"date\": \"2025-04-02\"}");
        assertThat(inOpen.status()).isEqualTo(201);
        assertThat(inOpen.json().get("date").asString()).isEqualTo("2025-04-02");
    }

    @Test
    void aPostingIntoALockedPeriodNamesThePeriodAndStoresNothing() {
        Tenant t = Tenant.create("MONTH");
        assertThat(t.postVoucher(RENT.replace("2025-05-01", "2025-03-02")).status()).as("the books begin in March").isEqualTo(201);
        assertThat(t.api().post(t.path("/vat-returns/2025-03/settlement"), "").status()).isEqualTo(201);
        Api.Response late = t.postVoucher(RENT.replace("2025-05-01", "2025-03-31"));
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.json().get("errors").get(0).get("field").asString()).isEqualTo("date");
        assertThat(late.json().get("errors").get(0).get("message").asString())
                .isEqualTo("2025-03-31 lies in a locked period (2025-03-01 to 2025-03-31: Momsangivelse 2025-03)");
        assertThat(t.postVoucher(RENT.replace("2025-05-01", "2025-04-01")).json().get("number").asInt()).as("after March's rent and its settlement").isEqualTo(3);
        assertThat(t.api().get(t.path("/locks")).json().get("items")).hasSize(1);
    }

    @Test
    void aForeignCurrencyVoucherKeepsCurrencyAndRateAndBalancesInKroner() {
        Tenant t = Tenant.create("QUARTER");
        Api.Response posted = t.postVoucher("""
                {"date": "2025-06-10", "text": "Faktura i EUR", "currency": "EUR", "exchangeRate": "7.4604", "lines": [
                  {"account": 6190, "amount": "333.33"}, {"account": 1050, "amount": "-111.11", "vatCode": "EUSV"},
                  {"account": 1050, "amount": "-111.11", "vatCode": "EUSV"}, {"account": 1050, "amount": "-111.11", "vatCode": "EUSV"}]}""");
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        JsonNode v = posted.json();
        assertThat(v.get("currency").asString()).isEqualTo("EUR");
        assertThat(v.get("exchangeRate").asString()).isEqualTo("7.4604");
        // 333.33 × 7.4604 = 2486.775… → 2486.78; 111.11 × 7.4604 = 828.925… → 828.93, three times 2486.79:
        // the 0.01 that rounding leaves goes onto the largest entry, so the voucher balances in kroner.
        assertThat(dk.ledgerline.testing.Vouchers.entries(v)).containsExactly("6190:2486.79:null", "1050:-828.93:EUSV", "1050:-828.93:EUSV", "1050:-828.93:EUSV");
        assertThat(v.get("entries").get(0).get("currencyAmount").asString()).isEqualTo("333.33");
    }

    @Test
    void theVoucherThatSettlesAVatReturnCannotBeReversed() {
        Tenant t = Tenant.create("QUARTER");
        t.postVoucher(RENT.replace("2025-05-01", "2025-02-01"));
        JsonNode settled = t.api().post(t.path("/vat-returns/2025-Q1/settlement"), "").json();
        int number = settled.get("settlementVoucher").get("number").asInt();
        Api.Response reversal = t.api().post(t.path("/vouchers/" + number + "/reversal?fiscalYear=2025"), "{\"date\": \"2025-07-10\"}");
        assertThat(reversal.status()).isEqualTo(422);
        assertThat(reversal.body()).contains("settles a filed VAT return");
        assertThat(t.api().get(t.path("/vat-returns/2025-Q3")).json().get("purchaseVat").asString()).isEqualTo("0.00");
    }
}
