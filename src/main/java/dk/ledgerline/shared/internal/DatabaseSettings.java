package dk.ledgerline.shared.internal;

import dk.ledgerline.shared.ConnectionBudget;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.core.env.Environment;

/**
 * How Ledgerline reaches PostgreSQL. Without {@code spring.datasource.url} it starts the embedded
 * server on {@code ledgerline.data-dir}; with it, it uses that (external, possibly multi-host) URL.
 */
record DatabaseSettings(
        Path dataDirectory,
        String url,
        String username,
        String password,
        String migrationUsername,
        String migrationPassword,
        int poolSizeMax,
        int reportPoolSize,
        Duration connectionTimeout,
        boolean embeddedDurable,
        boolean groupCommit,
        String standbyUrl) {

    /** Below this a busy moment turns into errors at once; Hikari itself refuses less than 250 ms. */
    static final Duration CONNECTION_TIMEOUT_MIN = Duration.ofMillis(250);
    /** A request should not queue for a connection longer than users wait for a page. */
    static final Duration CONNECTION_TIMEOUT_MAX = Duration.ofSeconds(10);
    /** Two cores of PostgreSQL saturate far below this; more connections only add contention. */
    static final int POOL_SIZE_LIMIT = 100;
    /** Reports get a fifth of the connections by default: enough to answer a few at once, too few to starve posting. */
    static final int REPORT_POOL_SHARE = 5;

    DatabaseSettings {
        if (poolSizeMax < 2 || poolSizeMax > POOL_SIZE_LIMIT) {
            throw new IllegalArgumentException("ledgerline.database.pool-size must be between 2 and " + POOL_SIZE_LIMIT + "; was " + poolSizeMax);
        }
        if (reportPoolSize < 0 || reportPoolSize > poolSizeMax) {
            throw new IllegalArgumentException("ledgerline.database.report-pool-size must be between 1 and the pool size " + poolSizeMax
                    + " (reports get fewer connections than interactive work), or 0 for none of their own; was " + reportPoolSize);
        }
        if (connectionTimeout.compareTo(CONNECTION_TIMEOUT_MIN) < 0 || connectionTimeout.compareTo(CONNECTION_TIMEOUT_MAX) > 0) {
            throw new IllegalArgumentException("ledgerline.database.connection-timeout must be between "
                    + CONNECTION_TIMEOUT_MIN.toMillis() + "ms and " + CONNECTION_TIMEOUT_MAX.toMillis() + "ms; was " + connectionTimeout.toMillis() + "ms");
        }
        if (url != null && (username == null || username.isBlank())) {
            throw new IllegalArgumentException("spring.datasource.url is set (" + url + ") but spring.datasource.username is not");
        }
    }

    boolean embedded() { return url == null; }

    /**
     * Where reads go while no primary answers: {@code ledgerline.database.standby-url}, or else the
     * hosts of a multi-host URL with {@code targetServerType=preferSecondary}; none for one host.
     */
    static String standbyUrlFor(String url, String configured) {
        if (configured != null) return configured;
        if (url == null) return null;
        String hosts = url.replaceFirst("^jdbc:postgresql://", "").replaceFirst("[/?].*$", "");
        if (!hosts.contains(",")) return null;
        if (url.matches("(?i).*[?&]targetServerType=[^&]*.*")) return url.replaceAll("(?i)([?&]targetServerType=)[^&]*", "$1preferSecondary");
        return url + (url.contains("?") ? "&" : "?") + "targetServerType=preferSecondary";
    }

    /** 0: reports take interactive connections, as before they had a budget; only for measuring what the budget is worth. */
    boolean reportsHaveOwnPool() { return reportPoolSize > 0; }

    static DatabaseSettings from(Environment env) {
        String url = blankToNull(env.getProperty("spring.datasource.url"));
        String username = blankToNull(env.getProperty("spring.datasource.username"));
        String password = env.getProperty("spring.datasource.password", "");
        int poolSize = ConnectionBudget.interactivePoolSize(env);
        return new DatabaseSettings(
                Path.of(env.getProperty("ledgerline.data-dir", "./data")),
                url,
                username,
                password,
                env.getProperty("spring.flyway.user", username == null ? "" : username),
                env.getProperty("spring.flyway.password", password),
                poolSize,
                env.getProperty("ledgerline.database.report-pool-size", Integer.class, Math.max(2, poolSize / REPORT_POOL_SHARE)),
                env.getProperty("ledgerline.database.connection-timeout", Duration.class, Duration.ofSeconds(2)),
                env.getProperty("ledgerline.database.embedded-durable", Boolean.class, true),
                env.getProperty("ledgerline.database.group-commit", Boolean.class, false),
                standbyUrlFor(url, blankToNull(env.getProperty("ledgerline.database.standby-url"))));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
