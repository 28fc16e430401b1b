package dk.ledgerline.shared;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

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
    /** Causes looked at, at most: a chain longer than this is a loop or a bug, not a database. */
    private static final int CHAIN_MAX = 32;

    private TransientFailures() {}

    /** Running the unit of work again may succeed: its transaction lost a race or the database moved. */
    public static boolean isRetryable(Throwable failure) {
        List<Throwable> chain = chain(failure);
        if (chain.stream().anyMatch(t -> t instanceof RequestDeadline.DeadlineExceeded)) return false;
        for (Throwable t : chain) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (RETRYABLE_STATES.contains(state) || state.startsWith(CONNECTION_EXCEPTION_CLASS)) return true;
            }
        }
        return false;
    }

    /**
     * The failure, its causes, and the failures they replaced: when a commit fails because the
     * server died, the rollback after it fails too, on a connection the pool has already closed
     * ("Connection is closed", no SQLSTATE), and Spring throws that one with the commit's failure
     * kept as its application exception. The commit's failure is what says why.
     */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> out = new ArrayList<>();
        Deque<Throwable> next = new ArrayDeque<>();
        next.add(failure);
        while (!next.isEmpty() && out.size() < CHAIN_MAX) {
            Throwable t = next.poll();
            if (out.stream().anyMatch(seen -> seen == t)) continue;
            out.add(t);
            if (t.getCause() != null) next.add(t.getCause());
            if (t instanceof TransactionSystemException replaced && replaced.getApplicationException() != null) next.add(replaced.getApplicationException());
        }
        return out;
    }

    /**
     * The service cannot do the work just now, through nobody's fault: answered 503 with Retry-After,
     * never 500. Includes what {@link #isRetryable} does, and waits that ran out (pool, lock, deadline).
     */
    public static boolean isUnavailable(Throwable failure) {
        if (isRetryable(failure)) return true;
        for (Throwable t : chain(failure)) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof TransientDataAccessException
                    || t instanceof QueryTimeoutException || t instanceof RequestDeadline.DeadlineExceeded
                    || t instanceof SQLTransientException) {
                return true;
            }
        }
        return false;
    }
}
