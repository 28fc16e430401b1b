package dk.ledgerline.vat;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.testing.Api;
import dk.ledgerline.testing.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A VAT settlement racing postings into its own period. Whatever the timing, every voucher is
 * either in the filed return or refused as lying in a locked period: none is acknowledged and
 * then reported nowhere, and the period's VAT accounts are empty after the settlement.
 */
class SettlementRaceTest {
    /** Enough rounds that the settlement starts before, among and after the postings. */
    static final int ROUNDS = 12;
    static final int POSTERS = 3;
    static final int VOUCHERS_PER_POSTER = 8;
    /** 125.00 gross with U25 holds exactly 25.00 VAT, so the filed sales VAT counts the accepted sales. */
    static final String SALE = """
            {"date": "2026-02-10", "text": "Salg", "lines": [{"account": 6190, "amount": "125.00"}, {"account": 1010, "amount": "-125.00", "vatCode": "U25"}]}""";

    @Test
    void everyVoucherIsInTheFiledReturnOrRefusedAsLocked() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(POSTERS + 1);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                raceOnce(pool, round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void raceOnce(ExecutorService pool, int round) throws Exception {
        // one sale before the race: the books begin in 2026-Q1, so it is the first period to settle
        Tenant t = Tenant.create("QUARTER", 2026);
        assertThat(t.postVoucher(SALE).status()).isEqualTo(201);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> posters = new ArrayList<>();
        for (int p = 0; p < POSTERS; p++) {
            posters.add(pool.submit(() -> {
                start.await();
                int accepted = 0;
                for (int v = 0; v < VOUCHERS_PER_POSTER; v++) {
                    Api.Response posted = t.postVoucher(SALE);
                    if (posted.status() == 201) {
                        accepted++;
                    } else {
                        assertThat(posted.status()).as(posted.toString()).isEqualTo(422);
                        assertThat(posted.body()).contains("locked period");
                    }
                }
                return accepted;
            }));
        }
        long delayMs = round % 6 * 4L;
        Future<Api.Response> settlement = pool.submit(() -> {
            start.await();
            Thread.sleep(delayMs);
            return t.api().post(t.path("/vat-returns/2026-Q1/settlement"), "");
        });
        start.countDown();
        int accepted = 1;
        for (Future<Integer> poster : posters) accepted += poster.get();
        Api.Response settled = settlement.get();

        assertThat(settled.status()).as(settled.toString()).isEqualTo(201);
        String round$ = "round " + round + " (settled after " + delayMs + " ms, " + accepted + " sales accepted)";
        assertThat(settled.json().get("salesVat").asString()).as(round$).isEqualTo((accepted * 25) + ".00");
        assertThat(t.api().get(t.path("/vat-returns/2026-Q1")).json().get("salesVat").asString()).as(round$).isEqualTo((accepted * 25) + ".00");
        JsonNode trial = t.api().get(t.path("/reports/trial-balance?from=2026-01-01&to=2026-03-31")).json();
        for (JsonNode account : trial.get("accounts")) {
            if (account.get("number").asInt() == VatAccounts.STANDARD.salesVat()) {
                assertThat(account.get("balance").asString()).as(round$ + ": sales VAT left in the locked period").isEqualTo("0.00");
            }
        }
        int vouchers = t.api().get(t.path("/vouchers?from=2026-01-01&to=2026-03-31&limit=200")).json().get("items").size();
        // the settlement posts a voucher only when there is VAT to move
        assertThat(vouchers).as(round$).isEqualTo(accepted + (accepted > 0 ? 1 : 0));
    }
}
