package dk.ledgerline.shared;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs work in a transaction bound to one company. It sets {@code ledgerline.company_id} for the
 * transaction, which PostgreSQL's row-level security policies compare with every row's
 * company_id: a query that forgets its tenant filter still sees only this company's rows.
 */
@Component
public final class TenantTransactions {
    /** A statement that runs longer than this is cut off; interactive users give up long before. */
    public static final Duration STATEMENT_TIMEOUT_MAX = Duration.ofSeconds(5);

    private static final String BOUND_COMPANY = TenantTransactions.class.getName() + ".company";
    private static final String BOUND_USER = TenantTransactions.class.getName() + ".user";

    private final TransactionTemplate writes;
    private final TransactionTemplate reads;
    private final JdbcClient jdbc;
    private final Clock clock;

    public TenantTransactions(PlatformTransactionManager transactions, JdbcClient jdbc, Clock clock) {
        this.writes = new TransactionTemplate(transactions);
        this.reads = new TransactionTemplate(transactions);
        this.reads.setReadOnly(true);
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public <T> T inCompany(long companyId, Supplier<T> work) {
        return writes.execute(status -> {
            bind(BOUND_COMPANY, "ledgerline.company_id", companyId);
            return work.get();
        });
    }

    public <T> T readInCompany(long companyId, Supplier<T> work) {
        return reads.execute(status -> {
            bind(BOUND_COMPANY, "ledgerline.company_id", companyId);
            return work.get();
        });
    }

    /** For the few tables a user sees across companies (their memberships). */
    public <T> T asUser(long userId, Supplier<T> work) {
        return writes.execute(status -> {
            bind(BOUND_USER, "ledgerline.user_id", userId);
            return work.get();
        });
    }

    /** Work on tables without a tenant (users, idempotency keys), still with the deadline applied. */
    public <T> T withoutTenant(Supplier<T> work) {
        return writes.execute(status -> {
            applyDeadline();
            return work.get();
        });
    }

    /**
     * Sets the tenant for the rest of the transaction. It is set again on every call rather than
     * remembered: a rollback to a savepoint also rolls back the setting, and a transaction that
     * went on without it would find no rows at all.
     */
    private void bind(String resourceKey, String setting, long id) {
        Object bound = TransactionSynchronizationManager.getResource(resourceKey);
        if (bound != null && !bound.equals(id)) {
            throw new IllegalStateException(setting + " is already " + bound + " in this transaction; refusing to switch to " + id);
        }
        long timeoutMs = RequestDeadline.remaining(clock.instant(), STATEMENT_TIMEOUT_MAX).toMillis();
        jdbc.sql("select set_config(:setting, :id, true), set_config('statement_timeout', :timeout, true)")
                .param("setting", setting)
                .param("id", Long.toString(id))
                .param("timeout", Long.toString(Math.max(1, timeoutMs)))
                .query((rs, n) -> 1)
                .single();
        if (bound != null) return;
        TransactionSynchronizationManager.bindResource(resourceKey, id);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(resourceKey);
            }
        });
    }

    private void applyDeadline() {
        long timeoutMs = RequestDeadline.remaining(clock.instant(), STATEMENT_TIMEOUT_MAX).toMillis();
        if (timeoutMs < STATEMENT_TIMEOUT_MAX.toMillis()) {
            jdbc.sql("select set_config('statement_timeout', :timeout, true)")
                    .param("timeout", Long.toString(Math.max(1, timeoutMs)))
                    .query((rs, n) -> 1)
                    .single();
        }
    }
}
