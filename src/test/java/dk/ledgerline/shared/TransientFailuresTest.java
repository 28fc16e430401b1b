package dk.ledgerline.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionSystemException;

class TransientFailuresTest {
    @Test
    void aLostConnectionAndAFailoverStateAreRetryable() {
        assertThat(TransientFailures.isRetryable(new DataAccessResourceFailureException("commit", new SQLException("I/O error", "08006")))).isTrue();
        assertThat(TransientFailures.isRetryable(new SQLException("cannot execute INSERT in a read-only transaction", "25006"))).isTrue();
        assertThat(TransientFailures.isRetryable(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(TransientFailures.isRetryable(new IllegalStateException("a bug"))).isFalse();
    }

    @Test
    void aFailedRollbackAfterACommitLostToADyingServerIsRetryableByTheCommitsFailure() {
        // what Spring throws when the server dies during commit: the pool has closed the connection, the rollback fails without a SQLSTATE
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        assertThat(TransientFailures.isRetryable(rollback)).isFalse();
        rollback.initApplicationException(new DataAccessResourceFailureException("JDBC commit",
                new SQLException("FATAL: terminating connection due to unexpected postmaster exit", "57P01")));
        assertThat(TransientFailures.isRetryable(rollback)).isTrue();
        assertThat(TransientFailures.isUnavailable(rollback)).isTrue();
    }

    @Test
    void aRequestOutOfTimeIsNeverRetriedButIsUnavailable() {
        RuntimeException late = new RuntimeException(new RequestDeadline.DeadlineExceeded());
        assertThat(TransientFailures.isRetryable(late)).isFalse();
        assertThat(TransientFailures.isUnavailable(late)).isTrue();
    }
}
