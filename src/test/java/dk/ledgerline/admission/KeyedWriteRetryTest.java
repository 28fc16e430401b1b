package dk.ledgerline.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.ledger.Ledger;
import dk.ledgerline.shared.UnitOfWork;
import dk.ledgerline.testing.Api;
import dk.ledgerline.testing.Hold;
import dk.ledgerline.testing.Tenant;
import dk.ledgerline.testing.TestApp;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A keyed write whose database connection dies in the middle (as in a failover) runs again as a
 * whole, on a new connection: the client gets one clean answer, and the voucher is posted once.
 */
class KeyedWriteRetryTest {
    static final String SALE = """
            {"date": "2026-04-02", "text": "Faktura 9", "lines": [{"account": 6190, "amount": "625.00"}, {"account": 1010, "amount": "-625.00", "vatCode": "U25"}]}""";

    @Test
    void aPostingWhoseConnectionIsKilledRunsAgainAndPostsOnce() throws Exception {
        Tenant t = Tenant.create("QUARTER");
        TestApp app = TestApp.get();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        String key = UUID.randomUUID().toString();
        // Hold 2026's postings, so the request waits inside its unit where the test can find it.
        try (Hold<Void> year2026 = Hold.start(hold -> app.bean(UnitOfWork.class).write(() -> {
            app.bean(Ledger.class).holdPostings(t.companyId(), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
            hold.here();
            return null;
        }))) {
            Future<Api.Response> posting = pool.submit(() -> t.api().post(t.path("/vouchers"), SALE, key));

            int killed = 0;
            try (Connection owner = DriverManager.getConnection(app.pool().getJdbcUrl(), "postgres", "");
                 Statement sql = owner.createStatement()) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (killed == 0 && System.nanoTime() < deadline) {
                    try (ResultSet rs = sql.executeQuery("""
                            select pg_terminate_backend(pid) from pg_stat_activity
                            where application_name = 'ledgerline' and wait_event_type = 'Lock' and query like '%update fiscal_years set next_voucher_number%'""")) {
                        while (rs.next()) if (rs.getBoolean(1)) killed++;
                    }
                    if (killed == 0) Thread.sleep(20);
                }
            }
            assertThat(killed).as("the waiting posting's connection was found and killed").isEqualTo(1);
            Thread.sleep(200);
            year2026.release();

            Api.Response answer = posting.get(15, TimeUnit.SECONDS);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
            assertThat(answer.header("Idempotent-Replayed")).isNull();
            assertThat(answer.header("X-Request-Id")).as("headers set before the unit survive its second run").isNotNull();
            assertThat(answer.json().get("number").asInt()).isEqualTo(1);
            assertThat(t.api().get(t.path("/vouchers?limit=200")).json().get("items")).hasSize(1);
            Api.Response retry = t.api().post(t.path("/vouchers"), SALE, key);
            assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(retry.body()).isEqualTo(answer.body());
        } finally {
            pool.shutdownNow();
        }
    }
}
