package dk.ledgerline.shared;

import java.util.function.Supplier;
import org.springframework.core.env.Environment;

/**
 * Which connections the current work may use. Reports and exports have a pool of their own, so a
 * storm of heavy reports waits for its few connections and never takes the ones posting needs.
 */
public enum ConnectionBudget {
    INTERACTIVE,
    REPORTS;

    /** Connections per core of this machine when the embedded server shares its cores with the app. */
    static final int EMBEDDED_CONNECTIONS_PER_CORE = 4;
    /** The default for an external server, whose cores this node cannot see. */
    static final int EXTERNAL_POOL_SIZE = 20;

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

    /**
     * The size of the interactive pool: {@code ledgerline.database.pool-size}, or by default 4 per
     * core for the embedded server (from 4 to 20) and 20 for an external one. On 2 cores shared by
     * app and database, 8 connections served the VAT-day ramp's overload with a third of the
     * latency 20 gave: every further backend only competes for the same two cores.
     */
    public static int interactivePoolSize(Environment env) {
        Integer configured = env.getProperty("ledgerline.database.pool-size", Integer.class);
        if (configured != null) return configured;
        String url = env.getProperty("spring.datasource.url");
        if (url != null && !url.isBlank()) return EXTERNAL_POOL_SIZE;
        return Math.clamp((long) EMBEDDED_CONNECTIONS_PER_CORE * Runtime.getRuntime().availableProcessors(), 4, EXTERNAL_POOL_SIZE);
    }
}
