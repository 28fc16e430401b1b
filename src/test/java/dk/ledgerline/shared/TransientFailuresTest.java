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
    void aCommitLostToADyingServerIsRetryable() {
        // what the transaction manager throws when the server dies during commit (it does not roll back after it)
        assertThat(TransientFailures.isRetryable(new TransactionSystemException("Could not commit JDBC transaction",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")))).isTrue();
        // the rollback a JdbcTransactionManager would try after it fails on the closed connection and says nothing of why
        assertThat(TransientFailures.isRetryable(new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed")))).isFalse();
    }

    @Test
    void aRequestOutOfTimeIsNeverRetriedButIsUnavailable() {
        RuntimeException late = new RuntimeException(new RequestDeadline.DeadlineExceeded());
        assertThat(TransientFailures.isRetryable(late)).isFalse();
        assertThat(TransientFailures.isUnavailable(late)).isTrue();
    }

    @Test
    void aLockWaitOrStatementThatRanOutIsUnavailableButNotRetried() {
        // as Spring hands them over for PostgreSQL: untranslated
        RuntimeException lockTimeout = new org.springframework.jdbc.UncategorizedSQLException("posting", "update fiscal_years …",
                new SQLException("canceling statement due to lock timeout", "55P03"));
        RuntimeException statementTimeout = new org.springframework.jdbc.UncategorizedSQLException("report", "select …",
                new SQLException("canceling statement due to statement timeout", "57014"));
        assertThat(TransientFailures.isUnavailable(lockTimeout)).isTrue();
        assertThat(TransientFailures.isRetryable(lockTimeout)).isFalse();
        assertThat(TransientFailures.isLockTimeout(lockTimeout)).isTrue();
        assertThat(TransientFailures.isUnavailable(statementTimeout)).isTrue();
        assertThat(TransientFailures.isLockTimeout(statementTimeout)).isFalse();
        assertThat(TransientFailures.isUnavailable(new org.springframework.jdbc.UncategorizedSQLException("x", "select", new SQLException("syntax", "42601")))).isFalse();
    }
}
