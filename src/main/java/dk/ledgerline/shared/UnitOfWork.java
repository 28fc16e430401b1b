package dk.ledgerline.shared;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.SavepointManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one owner of database transactions. The outermost call opens a unit of work, runs it,
 * commits it, and, when the database lost a race or its primary, runs the whole unit again while
 * the request's deadline allows. Calls made inside an open unit join it; only the owner decides.
 *
 * <p>A step whose failure is expected runs in {@link #attempt}: a {@link Rejection} it throws
 * undoes that step's writes (to a savepoint when the unit was already open) and leaves the unit
 * usable, so the caller can answer with the rejection as a value and go on reading or writing.
 *
 * <p>A unit is retried only when doing so cannot apply its writes twice: a failure before commit
 * rolled everything back; a failure during commit leaves the outcome unknown, so only units that
 * record an idempotency key, and so find the record a lost commit left ({@link #writeIdempotent}), and read-only units run again.
 */
@Component
public final class UnitOfWork {
    private static final Logger log = LoggerFactory.getLogger(UnitOfWork.class);
    /** A failover's first write succeeds ~0.6 s after the primary dies (TOOLCHAIN notes); start small, double, cap. */
    static final Duration RETRY_BACKOFF_FIRST = Duration.ofMillis(50);
    static final Duration RETRY_BACKOFF_MAX = Duration.ofSeconds(1);
    /** Bounds the work one request can repeat even when no deadline is set (background work). */
    static final int RUNS_MAX = 8;

    private static final ThreadLocal<Unit> CURRENT = new ThreadLocal<>();

    private final PlatformTransactionManager transactions;
    private final GroupCommit groups;
    private final ReadOnly readOnly;
    private final Clock clock;

    public UnitOfWork(PlatformTransactionManager transactions, GroupCommit groups, ReadOnly readOnly, Clock clock) {
        this.transactions = transactions;
        this.groups = groups;
        this.readOnly = readOnly;
        this.clock = clock;
    }

    /**
     * An open unit: its transaction (none for a member of a group, whose leader commits), its
     * savepoints, and the first retryable failure that passed through a step of it.
     */
    private static final class Unit {
        final TransactionStatus status;
        final SavepointManager savepoints;
        final boolean readOnly;
        final boolean onStandby;
        RuntimeException retryableFailure;
        boolean discarded;
        int savepointRollbacks;
        final List<Runnable> afterCommit = new ArrayList<>();

        Unit(TransactionStatus status, SavepointManager savepoints, boolean readOnly, boolean onStandby) {
            this.status = status;
            this.savepoints = savepoints;
            this.readOnly = readOnly;
            this.onStandby = onStandby;
        }
    }

    public <T> T write(Supplier<T> work) {
        return run(work, false, false);
    }

    /**
     * A write whose work records its idempotency key, so that running it again after a commit whose
     * answer was lost finds that record and replays the first result instead of writing twice.
     */
    public <T> T writeIdempotent(Supplier<T> work) {
        return run(work, false, true);
    }

    /**
     * A {@link #writeIdempotent} that may share its transaction and commit with concurrent ones of
     * the same lane ({@link GroupCommit}): for short, frequent writes such as posting a voucher,
     * whose lane is their company. Its writes stay or go alone; it answers after the shared commit.
     */
    public <T> T writeIdempotentGrouped(long lane, Supplier<T> work) {
        if (CURRENT.get() != null || !groups.enabled()) return writeIdempotent(work);
        for (int run = 1; ; run++) {
            GroupCommit.Outcome<T> outcome = groups.run(lane, connection -> asMember(connection, work));
            switch (outcome) {
                case GroupCommit.Done<T> done -> {
                    for (Runnable action : done.afterCommit()) action.run();
                    return done.result();
                }
                case GroupCommit.Failed<T> failed -> {
                    if (!mayRunAgain(failed.rerun(), failed.duringCommit(), true, run)) throw failed.failure();
                }
            }
            log.info("Running a grouped unit of work again (run {}): the database lost a race or its primary", run + 1);
        }
    }

    /**
     * Runs a member's work on this thread with the group's connection bound as its transaction, as
     * an open unit whose savepoints are the connection's; what the unit registered for after commit
     * runs when the group has committed.
     */
    private <T> GroupCommit.Turn<T> asMember(Connection connection, Supplier<T> work) {
        Unit unit = new Unit(null, new ConnectionSavepoints(connection), false, false);
        ConnectionHolder holder = new ConnectionHolder(connection);
        holder.setSynchronizedWithTransaction(true);
        TransactionSynchronizationManager.bindResource(groups.dataSource(), holder);
        TransactionSynchronizationManager.initSynchronization();
        TransactionSynchronizationManager.setActualTransactionActive(true);
        CURRENT.set(unit);
        try {
            T result = work.get();
            if (unit.retryableFailure != null) return new GroupCommit.Turn<>(result, false, unit.retryableFailure, List.of());
            if (unit.discarded) return new GroupCommit.Turn<>(result, false, null, List.of());
            return new GroupCommit.Turn<>(result, true, null, List.copyOf(unit.afterCommit));
        } catch (RuntimeException failure) {
            return new GroupCommit.Turn<>(null, false, failure, List.of());
        } finally {
            CURRENT.remove();
            List<TransactionSynchronization> registered = TransactionSynchronizationManager.getSynchronizations();
            TransactionSynchronizationManager.clearSynchronization();
            for (TransactionSynchronization synchronization : registered) synchronization.afterCompletion(TransactionSynchronization.STATUS_UNKNOWN);
            TransactionSynchronizationManager.setActualTransactionActive(false);
            TransactionSynchronizationManager.unbindResource(groups.dataSource());
        }
    }

    public <T> T read(Supplier<T> work) {
        return run(work, true, false);
    }

    /**
     * Runs a step that may be rejected. Inside an open unit the step runs in a savepoint: a
     * {@link Rejection} rolls back to it and is rethrown, and the unit goes on. Without an open unit
     * the step is a unit of its own, which a rejection rolls back entirely.
     */
    public <T> T attempt(Supplier<T> step) {
        Unit unit = CURRENT.get();
        if (unit == null) return write(step);
        requireWritable(unit);
        Object savepoint = unit.savepoints.createSavepoint();
        try {
            T result = step.get();
            unit.savepoints.releaseSavepoint(savepoint);
            return result;
        } catch (Rejection rejection) {
            unit.savepoints.rollbackToSavepoint(savepoint);
            unit.savepoints.releaseSavepoint(savepoint);
            unit.savepointRollbacks++;
            throw rejection;
        } catch (RuntimeException failure) {
            noteFailure(unit, failure);
            throw failure;
        }
    }

    /**
     * Gives up the open unit's writes: its owner rolls back instead of committing, and still returns
     * what the work returns. For work that learns only at its end that nothing of it may stay.
     */
    public void discard() {
        Unit unit = CURRENT.get();
        if (unit == null) throw new IllegalStateException("no unit of work is open to discard");
        unit.discarded = true;
    }

    /**
     * How often the open unit rolled back to a savepoint so far. Settings made with
     * {@code set_config(…, true)} inside a rolled-back step are undone with it; whoever set one can
     * tell from this whether it still holds.
     */
    public int savepointRollbacks() {
        Unit unit = CURRENT.get();
        if (unit == null) throw new IllegalStateException("no unit of work is open");
        return unit.savepointRollbacks;
    }

    /** Runs {@code action} once the open unit has committed, and never if it does not; for telling caches what changed. */
    public void afterCommit(Runnable action) {
        Unit unit = CURRENT.get();
        if (unit == null) throw new IllegalStateException("no unit of work is open");
        unit.afterCommit.add(action);
    }

    /** Whether a unit is open on this thread: for checks that a step runs inside its caller's unit. */
    public boolean isOpen() {
        return CURRENT.get() != null;
    }

    private <T> T run(Supplier<T> work, boolean readOnly, boolean idempotent) {
        Unit joined = CURRENT.get();
        if (joined != null) {
            if (!readOnly) requireWritable(joined);
            try {
                return work.get();
            } catch (RuntimeException failure) {
                noteFailure(joined, failure);
                throw failure;
            }
        }
        for (int run = 1; ; run++) {
            Unit unit;
            try {
                unit = open(readOnly);
            } catch (RuntimeException noConnection) {
                // Nothing ran yet: a primary that is just going away refuses connections for a moment.
                noteLostPrimary(noConnection);
                if (!mayRunAgain(TransientFailures.isRetryable(noConnection), false, true, run)) throw noConnection;
                log.info("Opening a unit of work again (run {}): the database refused a connection", run + 1);
                continue;
            }
            boolean committing = false;
            try {
                T result = work.get();
                if (unit.retryableFailure != null) {
                    // A step failed retryably and its caller answered for it (a 503 page, say): the
                    // transaction is not to be trusted. Undo it, and run again if there is time.
                    rollback(unit);
                    if (!mayRunAgain(true, false, readOnly || idempotent, run)) return result;
                } else if (unit.discarded) {
                    rollback(unit);
                    return result;
                } else {
                    committing = true;
                    transactions.commit(unit.status);
                    CURRENT.remove();
                    for (Runnable action : unit.afterCommit) action.run();
                    return result;
                }
            } catch (RuntimeException failure) {
                rollback(unit);
                if (!unit.onStandby) noteLostPrimary(failure);
                if (!mayRunAgain(TransientFailures.isRetryable(failure), committing, readOnly || idempotent, run)) throw failure;
            } finally {
                CURRENT.remove();
            }
            log.info("Running a unit of work again (run {}): the database lost a race or its primary", run + 1);
        }
    }

    /**
     * Opens a transaction, on the standby while the primary is away (see {@link ReadOnly}): reads
     * work there, and a write fails as on any read-only server, retryably, until a primary is back.
     */
    private Unit open(boolean readOnly) {
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        definition.setReadOnly(readOnly);
        boolean onStandby = this.readOnly.readsFromStandby();
        TransactionStatus status = onStandby ? this.readOnly.onStandby(() -> transactions.getTransaction(definition)) : transactions.getTransaction(definition);
        Unit unit = new Unit(status, status, readOnly, onStandby);
        CURRENT.set(unit);
        return unit;
    }

    /** A primary that refuses connections, dropped one, or turned read-only is away: tell {@link ReadOnly}. */
    private void noteLostPrimary(RuntimeException failure) {
        if (TransientFailures.losesPrimary(failure)) readOnly.primaryUnreachable();
    }

    private void rollback(Unit unit) {
        if (unit.status.isCompleted()) return;
        try {
            transactions.rollback(unit.status);
        } catch (RuntimeException lost) {
            // The connection is gone; the server rolls back on its own. The original failure matters more.
            log.debug("Rollback failed: {}", lost.toString());
        }
    }

    /** Sleeps the backoff and says yes, or says no: not retryable, ambiguous, out of runs or out of time. */
    private boolean mayRunAgain(boolean retryable, boolean duringCommit, boolean commitMayRepeat, int run) {
        if (!retryable || run >= RUNS_MAX) return false;
        if (duringCommit && !commitMayRepeat) return false;
        Duration backoff = backoff(run);
        Optional<Duration> left = RequestDeadline.left(clock.instant());
        if (left.isPresent() && left.get().compareTo(backoff.multipliedBy(2)) < 0) return false;
        try {
            Thread.sleep(backoff);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    /** Doubling from the first backoff up to the cap, with full jitter so that retrying nodes do not march in step. */
    static Duration backoff(int run) {
        long capMs = Math.min(RETRY_BACKOFF_MAX.toMillis(), RETRY_BACKOFF_FIRST.toMillis() << Math.min(run - 1, 10));
        return Duration.ofMillis(capMs / 2 + ThreadLocalRandom.current().nextLong(capMs / 2 + 1));
    }

    /** Savepoints straight on a group's connection, for the steps of one member. */
    private record ConnectionSavepoints(Connection connection) implements SavepointManager {
        @Override
        public Object createSavepoint() {
            try {
                return connection.setSavepoint();
            } catch (SQLException failure) {
                throw new DataAccessResourceFailureException("could not create a savepoint: " + failure.getMessage(), failure);
            }
        }

        @Override
        public void rollbackToSavepoint(Object savepoint) {
            try {
                connection.rollback((Savepoint) savepoint);
            } catch (SQLException failure) {
                throw new DataAccessResourceFailureException("could not roll back to a savepoint: " + failure.getMessage(), failure);
            }
        }

        @Override
        public void releaseSavepoint(Object savepoint) {
            try {
                connection.releaseSavepoint((Savepoint) savepoint);
            } catch (SQLException failure) {
                throw new DataAccessResourceFailureException("could not release a savepoint: " + failure.getMessage(), failure);
            }
        }
    }

    private static void noteFailure(Unit unit, RuntimeException failure) {
        if (unit.retryableFailure == null && TransientFailures.isRetryable(failure)) unit.retryableFailure = failure;
    }

    private static void requireWritable(Unit unit) {
        if (unit.readOnly) throw new IllegalStateException("a write was started inside a read-only unit of work");
    }
}
