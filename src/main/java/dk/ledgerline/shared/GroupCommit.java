package dk.ledgerline.shared;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;

/**
 * Group commit: concurrent units of work of one lane share one transaction and one commit. Each
 * member runs on its own thread, in its turn. The first member opens and leads the group and runs
 * first, as a plain transaction; every later member runs inside a savepoint. A member that fails
 * or is discarded undoes only itself (the first by rolling back the transaction, which nobody
 * else has used yet; a later one to its savepoint). Once every member that joined has had its
 * turn, the leader closes the group and commits; the members answer only after that commit.
 *
 * <p>Why: a busy company's postings all take its voucher-number row, so one at a time they wait
 * for each other's commit; gathered, one commit carries many. A company always maps to the same
 * lane, and a lane has one group open at a time, so two open groups never wait for each other's
 * rows. A posting that finds no group open in its lane leads one of its own and costs what an
 * ungrouped unit does: companies that post alone are not slowed by the ones that post together.
 */
public final class GroupCommit {
    /**
     * Members per group at most. PostgreSQL keeps 64 subtransactions per transaction in its fast
     * cache; beyond that every snapshot of every session slows down. Each member is one.
     */
    static final int MEMBERS_MAX = 32;
    /**
     * Lanes companies are spread over. Companies sharing a lane take turns, so there are many more
     * lanes than postings can be in flight; connections, not lanes, bound the groups that run at once.
     */
    static final int LANES = 1024;
    /**
     * Settings a member must not inherit from the member before it: each member binds its own
     * caller, and one that forgot would find no rows rather than its neighbour's. Reset, then the
     * member's savepoint, in one round trip.
     */
    private static final String MEMBER_START = "select set_config('ledgerline.company_id', '', true), set_config('ledgerline.user_id', '', true),"
            + " set_config('statement_timeout', '" + TenantTransactions.STATEMENT_TIMEOUT_MAX.toMillis() + "', true); savepoint member";
    private static final String MEMBER_UNDO = "rollback to savepoint member";

    private final DataSource dataSource;
    private final Clock clock;
    private final Lane[] lanes;
    private final LongAdder groupsCommitted = new LongAdder();
    private final LongAdder membersCommitted = new LongAdder();

    /** Off: every unit commits on its own, as {@link UnitOfWork#writeIdempotent} does. */
    public GroupCommit(DataSource dataSource, Clock clock, boolean on) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.lanes = new Lane[on ? LANES : 0];
        for (int i = 0; i < lanes.length; i++) this.lanes[i] = new Lane();
    }

    boolean enabled() {
        return lanes.length > 0;
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** Commits made for groups so far; with {@link #membersCommitted()}, how many units a commit carried on average. */
    public long groupsCommitted() {
        return groupsCommitted.sum();
    }

    /** Units of work whose writes stayed, committed in a group. */
    public long membersCommitted() {
        return membersCommitted.sum();
    }

    /** How many members joined the lane's open group so far (0 when none is open): for tests that line members up. */
    int joinedOpenGroup(long laneKey) {
        Lane lane = lane(laneKey);
        synchronized (lane) {
            if (lane.open == null) return 0;
            synchronized (lane.open) {
                return lane.open.joined;
            }
        }
    }

    private Lane lane(long laneKey) {
        return lanes[(int) Math.floorMod(laneKey, (long) lanes.length)];
    }

    /** What one member's turn came to: its result, whether its writes stay, or its failure. */
    record Turn<T>(T result, boolean keep, RuntimeException failure, List<Runnable> afterCommit) {}

    /** How it ended for a member. {@code rerun}: its work did nothing wrong and may run again. */
    sealed interface Outcome<T> {}

    /** {@code afterCommit}: what the member's unit registered to run once its writes have committed. */
    record Done<T>(T result, List<Runnable> afterCommit) implements Outcome<T> {}

    record Failed<T>(RuntimeException failure, boolean duringCommit, boolean rerun) implements Outcome<T> {}

    private static final class Lane {
        Group open;
    }

    private static final class Group {
        final ReentrantLock turn = new ReentrantLock(true);
        Connection connection; // opened in the first turn
        int joined;
        int finished;
        int kept; // members whose writes stay
        RuntimeException broken; // the transaction can no longer commit
        final CountDownLatch ended = new CountDownLatch(1);
        RuntimeException commitFailure;
    }

    /**
     * Runs {@code member} in its turn in its lane's open group (opening one when there is none),
     * and returns once the group has committed, or at once when the member's writes do not stay.
     */
    <T> Outcome<T> run(long laneKey, Function<Connection, Turn<T>> member) {
        Lane lane = lane(laneKey);
        Group group;
        boolean leader;
        synchronized (lane) {
            group = lane.open;
            leader = group == null;
            if (leader) {
                group = new Group();
                group.turn.lock(); // uncontended: the group is not yet published, so its leader runs first
                lane.open = group;
            }
            synchronized (group) {
                group.joined++;
                if (group.joined >= MEMBERS_MAX) lane.open = null; // full: the next arrival opens the next group
            }
        }
        Turn<T> turn = null;
        RuntimeException turnFailure = null;
        try {
            turn = takeTurn(group, member, leader);
        } catch (RuntimeException failure) {
            turnFailure = failure;
        }
        if (leader) end(lane, group);
        if (turnFailure != null) return new Failed<>(turnFailure, false, TransientFailures.isRetryable(turnFailure));
        if (turn == null) return new Failed<>(brokenBy(group), false, true);
        if (turn.failure() != null) return new Failed<>(turn.failure(), false, TransientFailures.isRetryable(turn.failure()));
        if (!turn.keep()) return new Done<>(turn.result(), List.of());
        awaitEnd(group);
        synchronized (group) {
            if (group.broken != null) return new Failed<>(brokenBy(group), false, true); // rolled back, through no fault of this member
            if (group.commitFailure != null) {
                return new Failed<>(group.commitFailure, true, TransientFailures.isRetryable(group.commitFailure));
            }
        }
        return new Done<>(turn.result(), turn.afterCommit());
    }

    /** The member's turn on the group's connection, or null when the group broke before it. */
    private <T> Turn<T> takeTurn(Group group, Function<Connection, Turn<T>> member, boolean leader) {
        boolean turnTaken = leader; // the leader took it when it opened the group
        try {
            if (!leader) turnTaken = group.turn.tryLock(waitMs(), TimeUnit.MILLISECONDS);
            if (!turnTaken) throw new QueryTimeoutException("the request's deadline passed while its group of postings was busy");
            synchronized (group) {
                if (group.broken != null) return null;
            }
            Connection connection = group.connection;
            try {
                if (leader) connection = group.connection = open();
                else execute(connection, MEMBER_START);
            } catch (RuntimeException failure) {
                breakGroup(group, failure);
                throw failure;
            }
            Turn<T> turn = member.apply(connection);
            if (turn.failure() == null && turn.keep()) {
                synchronized (group) {
                    group.kept++;
                }
            } else {
                try {
                    if (leader) connection.rollback(); // nobody else has used the transaction yet
                    else execute(connection, MEMBER_UNDO);
                } catch (SQLException | RuntimeException failure) {
                    breakGroup(group, failure instanceof RuntimeException r ? r : new DataAccessResourceFailureException(failure.getMessage(), failure));
                    // the member's own failure is what its caller should hear; the group's rollback undoes it anyway
                }
            }
            return turn;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new QueryTimeoutException("interrupted while waiting for its turn in a group of postings");
        } finally {
            if (turnTaken) group.turn.unlock();
            synchronized (group) {
                group.finished++;
                // only the leader waits on the group itself, and only for this
                if (group.finished == group.joined) group.notifyAll();
            }
        }
    }

    /**
     * The leader's part: wait until every member that joined had its turn, close the group, commit
     * it (or roll it back when it broke), and tell the members. Each member's wait for its turn is
     * bounded by its deadline, so this wait is too.
     */
    private void end(Lane lane, Group group) {
        boolean interrupted = false;
        for (;;) {
            synchronized (group) {
                while (group.finished < group.joined) {
                    try {
                        group.wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            synchronized (lane) {
                synchronized (group) {
                    if (group.finished == group.joined) {
                        if (lane.open == group) lane.open = null;
                        break;
                    }
                }
            }
        }
        RuntimeException commitFailure = null;
        Connection connection = group.connection;
        if (connection != null) {
            try {
                if (group.broken == null) {
                    connection.commit();
                    groupsCommitted.increment();
                    membersCommitted.add(group.kept);
                } else {
                    connection.rollback();
                }
            } catch (SQLException failure) {
                commitFailure = new DataAccessResourceFailureException("the group's commit failed: " + failure.getMessage(), failure);
            } finally {
                close(connection);
            }
        }
        synchronized (group) {
            group.commitFailure = commitFailure;
        }
        group.ended.countDown();
        if (interrupted) Thread.currentThread().interrupt();
    }

    private static void awaitEnd(Group group) {
        boolean interrupted = false;
        for (;;) {
            try {
                group.ended.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private static RuntimeException brokenBy(Group group) {
        synchronized (group) {
            return new DataAccessResourceFailureException("another posting in the same group broke its transaction", group.broken);
        }
    }

    private static void breakGroup(Group group, RuntimeException failure) {
        synchronized (group) {
            if (group.broken == null) group.broken = failure;
        }
    }

    private Connection open() {
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            return connection;
        } catch (SQLException failure) {
            throw new DataAccessResourceFailureException("no connection for a group of postings: " + failure.getMessage(), failure);
        }
    }

    private static void close(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the pool checks the connection before it lends it again
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // gone already
        }
    }

    private static void execute(Connection connection, String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException failure) {
            throw new DataAccessResourceFailureException(failure.getMessage(), failure);
        }
    }

    /** How long a member may wait for its turn: as long as for a row lock, and never past its request's deadline. */
    private long waitMs() {
        Instant now = clock.instant();
        Duration wait = RequestDeadline.left(now).filter(left -> left.compareTo(TenantTransactions.LOCK_WAIT_MAX) < 0)
                .orElse(TenantTransactions.LOCK_WAIT_MAX);
        return Math.max(1, wait.toMillis());
    }
}
