package dk.ledgerline.shared;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs work in a unit of work bound to one company. It sets {@code ledgerline.company_id} for the
 * transaction, which PostgreSQL's row-level security policies compare with every row's
 * company_id: a query that forgets its tenant filter still sees only this company's rows.
 * The unit itself (open, retry, commit) belongs to {@link UnitOfWork}; this class only binds.
 */
@Component
public final class TenantTransactions {
    /** A statement that runs longer than this is cut off; interactive users give up long before. */
    public static final Duration STATEMENT_TIMEOUT_MAX = Duration.ofSeconds(5);
    /**
     * No statement waits longer than this for a row lock (the connections' lock_timeout), nor a
     * posting for its turn in a group commit: a posting holds its year's row for milliseconds, a
     * VAT settlement for well under a second; a longer wait is a stuck transaction or an overload,
     * and answering 503 beats joining its queue.
     */
    public static final Duration LOCK_WAIT_MAX = Duration.ofSeconds(2);

    private static final String BOUND_COMPANY = TenantTransactions.class.getName() + ".company";
    private static final String BOUND_USER = TenantTransactions.class.getName() + ".user";
    private static final String COMPANY_SETTING = "ledgerline.company_id";
    private static final String USER_SETTING = "ledgerline.user_id";

    private final UnitOfWork units;
    private final JdbcClient jdbc;
    private final Clock clock;

    public TenantTransactions(UnitOfWork units, JdbcClient jdbc, Clock clock) {
        this.units = units;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public <T> T inCompany(long companyId, Supplier<T> work) {
        return units.write(() -> {
            bind(BOUND_COMPANY, COMPANY_SETTING, companyId);
            return work.get();
        });
    }

    public <T> T readInCompany(long companyId, Supplier<T> work) {
        return units.read(() -> {
            bind(BOUND_COMPANY, COMPANY_SETTING, companyId);
            return work.get();
        });
    }

    /** For the few tables a user sees across companies (their memberships). */
    public <T> T asUser(long userId, Supplier<T> work) {
        return units.write(() -> {
            bind(BOUND_USER, USER_SETTING, userId);
            return work.get();
        });
    }

    /** Work on tables without a tenant (users), still with the deadline applied. */
    public <T> T withoutTenant(Supplier<T> work) {
        return units.write(() -> {
            applyDeadline();
            return work.get();
        });
    }

    /**
     * Binds the open unit to its caller, for work that belongs to the caller before any company
     * module runs (the request's idempotency record): the user when known, the company when the
     * request addresses one. Later binds of the same ids are no-ops; other ids are refused.
     */
    public void bindCaller(Long userId, Long companyId) {
        if (!units.isOpen()) throw new IllegalStateException("bindCaller needs an open unit of work");
        if (userId != null && companyId != null && TransactionSynchronizationManager.getResource(BOUND_USER) == null
                && TransactionSynchronizationManager.getResource(BOUND_COMPANY) == null) {
            // the common case, a user working in a company, in one round trip
            jdbc.sql("select set_config(:user, :userId, true), set_config(:company, :companyId, true), set_config('statement_timeout', :timeout, true)")
                    .param("user", USER_SETTING).param("userId", Long.toString(userId))
                    .param("company", COMPANY_SETTING).param("companyId", Long.toString(companyId))
                    .param("timeout", Long.toString(statementTimeoutMs()))
                    .query((rs, n) -> 1)
                    .single();
            remember(BOUND_USER, userId);
            remember(BOUND_COMPANY, companyId);
            return;
        }
        if (userId != null) bind(BOUND_USER, USER_SETTING, userId);
        if (companyId != null) bind(BOUND_COMPANY, COMPANY_SETTING, companyId);
        if (userId == null && companyId == null) applyDeadline();
    }

    /**
     * Sets the tenant for the rest of the transaction. A rollback to a savepoint also rolls back the
     * setting, and a transaction that went on without it would find no rows at all; so it is set
     * again whenever the unit rolled back to a savepoint since.
     */
    private void bind(String resourceKey, String setting, long id) {
        Object bound = TransactionSynchronizationManager.getResource(resourceKey);
        if (bound instanceof Bound earlier && earlier.id() != id) {
            throw new IllegalStateException(setting + " is already " + earlier.id() + " in this transaction; refusing to switch to " + id);
        }
        int rollbacks = units.savepointRollbacks();
        // Set once per unit, and again only after a rollback to a savepoint, which undoes it.
        if (bound instanceof Bound earlier && earlier.savepointRollbacks() == rollbacks) return;
        jdbc.sql("select set_config(:setting, :id, true), set_config('statement_timeout', :timeout, true)")
                .param("setting", setting)
                .param("id", Long.toString(id))
                .param("timeout", Long.toString(statementTimeoutMs()))
                .query((rs, n) -> 1)
                .single();
        remember(resourceKey, id);
    }

    /** Notes that {@code id} is set in this unit now, until the unit ends. */
    private void remember(String resourceKey, long id) {
        Bound bound = new Bound(id, units.savepointRollbacks());
        if (TransactionSynchronizationManager.getResource(resourceKey) != null) {
            TransactionSynchronizationManager.unbindResource(resourceKey);
            TransactionSynchronizationManager.bindResource(resourceKey, bound);
            return;
        }
        TransactionSynchronizationManager.bindResource(resourceKey, bound);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(resourceKey);
            }
        });
    }

    /** A tenant setting of the open unit, and how many savepoint rollbacks the unit had when it was made. */
    private record Bound(long id, int savepointRollbacks) {}

    private void applyDeadline() {
        long timeoutMs = statementTimeoutMs();
        if (timeoutMs < STATEMENT_TIMEOUT_MAX.toMillis()) {
            jdbc.sql("select set_config('statement_timeout', :timeout, true)")
                    .param("timeout", Long.toString(timeoutMs))
                    .query((rs, n) -> 1)
                    .single();
        }
    }

    private long statementTimeoutMs() {
        return Math.max(1, RequestDeadline.remaining(clock.instant(), STATEMENT_TIMEOUT_MAX).toMillis());
    }
}
