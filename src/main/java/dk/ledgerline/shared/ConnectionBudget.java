package dk.ledgerline.shared;

import java.util.function.Supplier;

/**
 * Which connections the current work may use. Reports and exports have a pool of their own, so a
 * storm of heavy reports waits for its few connections and never takes the ones posting needs.
 */
public enum ConnectionBudget {
    INTERACTIVE,
    REPORTS;

    private static final ThreadLocal<ConnectionBudget> CURRENT = ThreadLocal.withInitial(() -> INTERACTIVE);

    public static ConnectionBudget current() {
        return CURRENT.get();
    }

    /** Runs {@code work} on this budget's connections; units of work opened inside take theirs from it. */
    public <T> T run(Supplier<T> work) {
        ConnectionBudget before = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            CURRENT.set(before);
        }
    }
}
