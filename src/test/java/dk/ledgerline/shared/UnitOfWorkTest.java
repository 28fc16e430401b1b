package dk.ledgerline.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.ledgerline.ledger.Ledger;
import dk.ledgerline.ledger.PostingOutcome;
import dk.ledgerline.ledger.Voucher;
import dk.ledgerline.ledger.VoucherDraft;
import dk.ledgerline.testing.InProcessCompany;
import dk.ledgerline.testing.TestApp;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The one owner of transactions: a rejection is a value that leaves the unit usable, and a lost race runs the unit again. */
class UnitOfWorkTest {
    static UnitOfWork units;
    static TenantTransactions tenants;
    static Ledger ledger;
    static JdbcClient jdbc;
    static long userId;
    static long companyId;
    static final VoucherDraft RENT = VoucherDraft.inKroner(LocalDate.of(2026, 5, 1), "Husleje", List.of(
            new VoucherDraft.Line(2030, 1_500_000, "I25", ""), new VoucherDraft.Line(6480, -1_500_000, null, "")));

    @BeforeAll
    static void aCompanyWithALockedJanuary() {
        TestApp app = TestApp.get();
        units = app.bean(UnitOfWork.class);
        tenants = app.bean(TenantTransactions.class);
        ledger = app.bean(Ledger.class);
        jdbc = app.bean(JdbcClient.class);
        InProcessCompany company = InProcessCompany.create("Units ApS");
        userId = company.userId();
        companyId = company.companyId();
        ledger.lock(companyId, userId, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31), "test");
    }

    @Test
    void aRejectedPostingInsideAUnitUndoesItsOwnWritesAndTheUnitGoesOnToCommit() {
        int before = nextNumber();
        // Rejected after it took a voucher number: the period's lock is checked under the year's row lock.
        VoucherDraft inLockedJanuary = VoucherDraft.inKroner(LocalDate.of(2026, 1, 15), "Husleje", RENT.lines());

        Voucher posted = units.write(() -> {
            PostingOutcome refused = ledger.post(companyId, userId, inLockedJanuary, "TEST");
            assertThat(refused).isInstanceOfSatisfying(PostingOutcome.Rejected.class, r ->
                    assertThat(r.errors()).extracting(ProblemException.FieldError::field).containsExactly("date"));
            return ((PostingOutcome.Posted) ledger.post(companyId, userId, RENT, "TEST")).single();
        });

        assertThat(posted.number()).as("the rejected posting left no gap").isEqualTo(before);
        assertThat(nextNumber()).isEqualTo(before + 1);
        assertThat(ledger.voucher(companyId, 2026, before)).get().extracting(Voucher::text).isEqualTo("Husleje");
    }

    @Test
    void aUnitThatLosesARaceRunsAgainWholeAndCommitsOnce() {
        String text = "Gentaget " + UUID.randomUUID();
        AtomicInteger runs = new AtomicInteger();

        Voucher posted = units.write(() -> {
            Voucher voucher = ((PostingOutcome.Posted) ledger.post(companyId, userId, VoucherDraft.inKroner(RENT.date(), text, RENT.lines()), "TEST")).single();
            if (runs.incrementAndGet() == 1) {
                throw new CannotAcquireLockException("deadlock detected", new SQLException("deadlock detected", "40P01"));
            }
            return voucher;
        });

        assertThat(runs).hasValue(2);
        assertThat(countWithText(text)).as("the first run's voucher was rolled back").isEqualTo(1);
        assertThat(ledger.voucher(companyId, 2026, posted.number())).get().extracting(Voucher::text).isEqualTo(text);
    }

    @Test
    void aFailureThatIsNotARaceIsNotRunAgain() {
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> units.write(() -> {
            runs.incrementAndGet();
            throw new IllegalStateException("a bug");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(runs).hasValue(1);
    }

    @Test
    void aLostConnectionIsRetriedOnlyWhileTheRequestsDeadlineAllows() {
        AtomicInteger runs = new AtomicInteger();
        java.time.Clock clock = TestApp.get().clock();
        java.time.Instant start = clock.instant();
        RequestDeadline.set(start.plusMillis(400));
        try {
            assertThatThrownBy(() -> units.write(() -> {
                runs.incrementAndGet();
                throw new DataAccessResourceFailureException("I/O error", new SQLException("An I/O error occurred", "08006"));
            })).isInstanceOf(DataAccessResourceFailureException.class);
        } finally {
            RequestDeadline.clear();
        }
        assertThat(runs.get()).as("ran again, but not past the deadline").isBetween(2, UnitOfWork.RUNS_MAX - 1);
        assertThat(java.time.Duration.between(start, clock.instant())).isLessThan(java.time.Duration.ofMillis(400));
    }

    @Test
    void aDiscardedUnitKeepsNothingAndStillAnswers() {
        String text = "Kasseret " + UUID.randomUUID();
        String answer = units.write(() -> {
            ledger.post(companyId, userId, VoucherDraft.inKroner(RENT.date(), text, RENT.lines()), "TEST");
            units.discard();
            return "answered";
        });
        assertThat(answer).isEqualTo("answered");
        assertThat(countWithText(text)).isZero();
    }

    @Test
    void aWriteInsideAReadOnlyUnitIsAProgrammerError() {
        assertThatThrownBy(() -> units.read(() -> ledger.post(companyId, userId, RENT, "TEST")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("read-only");
    }

    @Test
    void retriesBackOffWithinBounds() {
        for (int run = 1; run <= UnitOfWork.RUNS_MAX; run++) {
            assertThat(UnitOfWork.backoff(run)).isBetween(UnitOfWork.RETRY_BACKOFF_FIRST.dividedBy(2), UnitOfWork.RETRY_BACKOFF_MAX);
        }
    }

    private static int nextNumber() {
        return tenants.readInCompany(companyId, () -> jdbc.sql("select next_voucher_number from fiscal_years where company_id = ? and start_date = ?")
                .params(companyId, LocalDate.of(2026, 1, 1)).query(Integer.class).single());
    }

    private static long countWithText(String text) {
        return tenants.readInCompany(companyId, () -> jdbc.sql("select count(*) from vouchers where company_id = ? and text = ?")
                .params(companyId, text).query(Long.class).single());
    }
}
