package dk.ledgerline.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.shared.TenantTransactions;
import dk.ledgerline.shared.UnitOfWork;
import dk.ledgerline.testing.Hold;
import dk.ledgerline.testing.InProcessCompany;
import dk.ledgerline.testing.TestApp;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Everything that takes fiscal years' row locks takes them in date order: posting a batch, settling,
 * locking. A batch numbered in the order its vouchers come would hold a later year while waiting for
 * an earlier one, and two such batches (or a batch and a settlement) would wait on each other.
 */
class LockOrderTest {

    @Test
    void aBatchWaitingForAnEarlierYearHoldsNoLaterYearMeanwhile() throws Exception {
        TestApp app = TestApp.get();
        Ledger ledger = app.bean(Ledger.class);
        UnitOfWork units = app.bean(UnitOfWork.class);
        TenantTransactions tenants = app.bean(TenantTransactions.class);
        JdbcClient jdbc = app.bean(JdbcClient.class);
        InProcessCompany company = InProcessCompany.create("Orden ApS");
        long userId = company.userId();
        long companyId = company.companyId();
        ledger.openFiscalYear(companyId, LocalDate.of(2025, 1, 1));
        List<VoucherDraft.Line> lines = List.of(new VoucherDraft.Line(2030, 10_000, null, ""), new VoucherDraft.Line(6480, -10_000, null, ""));
        List<VoucherDraft> laterYearFirst = List.of(
                VoucherDraft.inKroner(LocalDate.of(2026, 3, 1), "Marts 2026", lines),
                VoucherDraft.inKroner(LocalDate.of(2025, 3, 1), "Marts 2025", lines));

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Hold<Void> year2025 = Hold.start(hold -> units.write(() -> {
            ledger.holdPostings(companyId, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31));
            hold.here();
            return null;
        }))) {
            Future<PostingOutcome> batch = pool.submit(() -> ledger.postAll(companyId, userId, laterYearFirst, "TEST", true));
            Thread.sleep(300);
            assertThat(batch.isDone()).as("the batch waits for 2025, which is held").isFalse();

            // NOWAIT fails at once if the waiting batch already holds 2026's row.
            List<LocalDate> free = tenants.inCompany(companyId, () -> jdbc.sql(
                    "select start_date from fiscal_years where company_id = ? and start_date = ? for update nowait")
                    .params(companyId, LocalDate.of(2026, 1, 1)).query(LocalDate.class).list());
            assertThat(free).as("2026 is not held by the waiting batch").containsExactly(LocalDate.of(2026, 1, 1));

            year2025.release();
            assertThat(batch.get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(PostingOutcome.Posted.class, p -> assertThat(p.vouchers())
                    .extracting(v -> v.fiscalYear() + "/" + v.number()).containsExactly("2026/1", "2025/1"));
        } finally {
            pool.shutdownNow();
        }
    }
}
