package dk.ledgerline.api;

import static org.assertj.core.api.Assertions.assertThat;

import static dk.ledgerline.testing.Vouchers.entries;

import dk.ledgerline.testing.Tenant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PostingApiTest {

    @Test
    void postingAGrossSaleSplitsOutTheOutputVat() {
        Tenant t = Tenant.create("QUARTER");
        var posted = t.postVoucher("""
                {"date": "2025-03-10", "text": "Faktura 1001", "lines": [
                  {"account": 6190, "amount": "1250.00"},
                  {"account": 1010, "amount": "-1250.00", "vatCode": "U25"}]}""");
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        JsonNode v = posted.json();
        assertThat(v.get("number").asInt()).isEqualTo(1);
        assertThat(v.get("fiscalYear").asInt()).isEqualTo(2025);
        assertThat(entries(v)).containsExactly("6190:1250.00:null", "1010:-1000.00:U25", "7680:-250.00:U25");
        assertThat(posted.header("Location")).isEqualTo(t.path("/vouchers/1?fiscalYear=2025"));
    }

    @Test
    void aReverseChargePurchaseAddsBothOutputAndInputVat() {
        Tenant t = Tenant.create("QUARTER");
        var posted = t.postVoucher("""
                {"date": "2025-05-02", "text": "Varekøb Tyskland", "lines": [
                  {"account": 1630, "amount": "4000.00", "vatCode": "EUV"},
                  {"account": 7440, "amount": "-4000.00"}]}""");
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        assertThat(entries(posted.json())).containsExactly("1630:4000.00:EUV", "7700:-1000.00:EUV", "7740:1000.00:EUV", "7440:-4000.00:null");
    }

    @Test
    void voucherNumbersFollowEachOtherWithinAFiscalYearAndRestartInTheNext() {
        Tenant t = Tenant.create("QUARTER");
        int[] numbers = new int[4];
        String[] dates = {"2025-01-05", "2025-12-31", "2026-01-01", "2025-06-01"};
        for (int i = 0; i < dates.length; i++) {
            var posted = t.postVoucher("""
                    {"date": "%s", "text": "Bilag", "lines": [{"account": 6480, "amount": "10.00"}, {"account": 6530, "amount": "-10.00"}]}""".formatted(dates[i]));
            assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
            numbers[i] = posted.json().get("number").asInt();
        }
        assertThat(numbers).containsExactly(1, 2, 1, 3);
    }

    @Test
    void aPostingThatWaitsPastTheLockTimeoutIsToldBusyAndStoresNothing() throws Exception {
        Tenant t = Tenant.create("QUARTER");
        dk.ledgerline.testing.TestApp app = dk.ledgerline.testing.TestApp.get();
        dk.ledgerline.ledger.Ledger ledger = app.bean(dk.ledgerline.ledger.Ledger.class);
        dk.ledgerline.shared.UnitOfWork units = app.bean(dk.ledgerline.shared.UnitOfWork.class);
        String voucher = """
                {"date": "2025-03-10", "text": "Venter", "lines": [{"account": 6480, "amount": "10.00"}, {"account": 6530, "amount": "-10.00"}]}""";
        try (var held = dk.ledgerline.testing.Hold.start(hold -> units.write(() -> {
            ledger.holdPostings(t.companyId(), java.time.LocalDate.of(2025, 1, 1), java.time.LocalDate.of(2025, 12, 31));
            hold.here();
            return null;
        }))) {
            var waited = t.postVoucher(voucher);
            assertThat(waited.status()).as(waited.toString()).isEqualTo(503);
            assertThat(waited.header("Retry-After")).isNotNull();
            assertThat(waited.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(t.api().get(t.path("/vouchers?from=2025-01-01&to=2025-12-31")).json().get("items")).isEmpty();
    }
}
