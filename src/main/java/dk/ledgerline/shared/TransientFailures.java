package dk.ledgerline.shared;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * The one classification of failures that are not the request's fault nor a bug: the database lost a
 * race, its connection, or its primary. Every answer and every retry asks here.
 */
public final class TransientFailures {
    /**
     * SQLSTATEs after which running the whole unit of work again can succeed: serialization failure,
     * deadlock, read-only transaction (a standby, or a primary being demoted), and the server shutting
     * down or starting up (a failover). Connection exceptions (class 08) count too.
     */
    private static final Set<String> RETRYABLE_STATES = Set.of("40001", "40P01", "25006", "57P01", "57P02", "57P03");
    private static final String CONNECTION_EXCEPTION_CLASS = "08";
    /**
     * A wait for a row lock that ran out (lock_not_available, after the connections' lock_timeout),
     * and a statement cut off by its timeout (query_canceled): the work is stuck behind other work,
     * not wrong. Spring leaves both untranslated for PostgreSQL (an UncategorizedSQLException), so
     * they are recognised by their SQLSTATE.
     */
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String QUERY_CANCELED = "57014";

    private TransientFailures() {}

    /** Running the unit of work again may succeed: its transaction lost a race or the database moved. */
    public static boolean isRetryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RequestDeadline.DeadlineExceeded) return false;
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (RETRYABLE_STATES.contains(state) || state.startsWith(CONNECTION_EXCEPTION_CLASS)) return true;
            }
            if (t.getCause() == t) break;
        }
        return false;
    }

    /**
     * The failure says the primary is gone or is no primary any more: a connection refused or lost
     * (class 08), the server shutting down (57P0x), or a write refused as on a standby (25006).
     */
    public static boolean losesPrimary(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith(CONNECTION_EXCEPTION_CLASS) || state.startsWith("57P0") || state.equals("25006")) return true;
            }
            if (t.getCause() == t) break;
        }
        return false;
    }

    /**
     * The service cannot do the work just now, through nobody's fault: answered 503 with Retry-After,
     * never 500. Includes what {@link #isRetryable} does, and waits that ran out (pool, lock, deadline).
     */
    public static boolean isUnavailable(Throwable failure) {
        if (isRetryable(failure) || hasState(failure, LOCK_NOT_AVAILABLE) || hasState(failure, QUERY_CANCELED)) return true;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof TransientDataAccessException
                    || t instanceof QueryTimeoutException || t instanceof RequestDeadline.DeadlineExceeded
                    || t instanceof SQLTransientException) {
                return true;
            }
            if (t.getCause() == t) break;
        }
        return false;
    }

    /** A row lock could not be had within the connections' lock_timeout. */
    public static boolean isLockTimeout(Throwable failure) {
        return hasState(failure, LOCK_NOT_AVAILABLE);
    }

    private static boolean hasState(Throwable failure, String state) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && state.equals(sql.getSQLState())) return true;
            if (t.getCause() == t) break;
        }
        return false;
    }
}
