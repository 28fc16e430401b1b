package dk.ledgerline.web;

import dk.ledgerline.ledger.PostingOutcome;
import dk.ledgerline.ledger.Voucher;
import dk.ledgerline.shared.ProblemException;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the write behind a form inside a savepoint. A form post runs inside the idempotency
 * filter's transaction, and a failed form is answered by rendering its page again: without the
 * savepoint that page would read the failed attempt's partial work (half a chart import), or a
 * transaction PostgreSQL has already aborted. On failure the savepoint is rolled back first.
 */
@Component
class Attempts {
    private final TransactionTemplate savepoint;

    Attempts(PlatformTransactionManager transactions) {
        this.savepoint = new TransactionTemplate(transactions);
        // NESTED is a savepoint inside the filter's transaction, and a transaction of its own without one.
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Runs {@code write}; a {@link ProblemException} leaves nothing of it behind and reaches the
     * caller. (Rolling back to the savepoint also undoes the tenant setting; the next read sets it
     * again, see {@link dk.ledgerline.shared.TenantTransactions}.)
     */
    <T> T attempt(Supplier<T> write) {
        return savepoint.execute(status -> write.get());
    }

    /**
     * The vouchers of a posting, or its rejection as a problem. Throwing (not returning) the rejection
     * is what rolls the savepoint back; the ledger has already marked the transaction for rollback.
     */
    static List<Voucher> posted(PostingOutcome outcome, String message) {
        return outcome.postedOrThrow(message);
    }
}
