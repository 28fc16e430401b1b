package dk.ledgerline.shared.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dk.ledgerline.shared.ConnectionBudget;
import dk.ledgerline.shared.GroupCommit;
import dk.ledgerline.shared.ReadOnly;
import dk.ledgerline.shared.TenantTransactions;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {
    /** A transaction left open this long by a crashed request is cut, so it holds no locks for ever. */
    static final Duration IDLE_IN_TRANSACTION_MAX = Duration.ofSeconds(30);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Longer than the longest statement any request's deadline allows (a report's 30 s). */
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(45);
    /** Hikari's shortest keepalive. */
    static final Duration KEEPALIVE = Duration.ofSeconds(30);
    static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(1);
    static final Duration HOST_RECHECK = Duration.ofSeconds(2);
    /**
     * The longest a migration waits for a lock. A migration waiting for a table's lock queues every
     * later request for that table behind it, so it gives up soon and the node's start fails (to be
     * run again) rather than stall posting; a migration that needs longer says so itself.
     */
    static final Duration MIGRATION_LOCK_TIMEOUT = Duration.ofSeconds(2);

    /** Where the application connects, and as whom; the migration user may differ (it owns the schema). */
    record Endpoint(String url, String username, String password, String migrationUsername, String migrationPassword) {}

    @Bean
    DatabaseSettings databaseSettings(Environment env) {
        return DatabaseSettings.from(env);
    }

    @Bean(destroyMethod = "close")
    EmbeddedPostgresHolder embeddedPostgres(DatabaseSettings settings) {
        return new EmbeddedPostgresHolder(settings.embedded() ? EmbeddedPostgresServer.start(settings.dataDirectory().resolve("postgres"), settings.embeddedDurable()) : null);
    }

    @Bean
    Endpoint databaseEndpoint(DatabaseSettings settings, EmbeddedPostgresHolder embedded) {
        if (embedded.server() != null) {
            EmbeddedPostgresServer server = embedded.server();
            return new Endpoint(server.jdbcUrl(), EmbeddedPostgresServer.APP_ROLE, "", EmbeddedPostgresServer.SUPERUSER, "");
        }
        return new Endpoint(settings.url(), settings.username(), settings.password(), settings.migrationUsername(), settings.migrationPassword());
    }

    /** The connections interactive work uses: posting, pages, the API. */
    @Bean(destroyMethod = "close")
    HikariDataSource interactivePool(Endpoint endpoint, DatabaseSettings settings) {
        return pool("ledgerline", endpoint, settings, settings.poolSizeMax());
    }

    /** Reports' and exports' own few connections: a storm of reports waits for these, not for posting's. */
    @Bean(destroyMethod = "close")
    HikariDataSource reportPool(Endpoint endpoint, DatabaseSettings settings) {
        return pool("ledgerline-reports", endpoint, settings, Math.max(1, settings.reportPoolSize()));
    }

    /** A few connections to a standby, for reading while no primary answers (see {@link ReadOnly}); none without a standby. */
    @Bean(destroyMethod = "close")
    StandbyPool standbyPool(Endpoint endpoint, DatabaseSettings settings) {
        if (settings.standbyUrl() == null) return new StandbyPool(null);
        Endpoint standby = new Endpoint(settings.standbyUrl(), endpoint.username(), endpoint.password(), endpoint.migrationUsername(), endpoint.migrationPassword());
        HikariDataSource pool = pool("ledgerline-standby", standby, settings, Math.max(2, settings.poolSizeMax() / 4));
        return new StandbyPool(pool);
    }

    record StandbyPool(HikariDataSource pool) implements AutoCloseable {
        @Override
        public void close() {
            if (pool != null) pool.close();
        }
    }

    /**
     * Whether writes are taken, and where reads go while the primary is away. The probe that looks
     * for a primary again makes a connection of its own, as the pools' may all be to the old one.
     */
    @Bean
    ReadOnly readOnly(Endpoint endpoint, StandbyPool standby, Clock clock) {
        org.postgresql.Driver driver = new org.postgresql.Driver();
        java.util.Properties properties = listenerProperties(endpoint, "ledgerline-primary-probe");
        // every host asked each time: pgjdbc's memory of which host is a standby would hide a promoted one for its recheck interval
        properties.setProperty("hostRecheckSeconds", "0");
        return new ReadOnly(standby.pool() != null, () -> {
            try (java.sql.Connection connection = driver.connect(endpoint.url(), properties)) {
                return connection != null && connection.isValid((int) VALIDATION_TIMEOUT.toSeconds());
            } catch (java.sql.SQLException notYet) {
                return false;
            }
        }, clock);
    }

    /** The key of the standby's connections in the routing. */
    private static final String STANDBY = "standby";

    /** Hands each unit of work a connection from the pool of its budget (see {@link ConnectionBudget}), or the standby's. */
    @Bean
    @Primary
    DataSource dataSource(HikariDataSource interactivePool, HikariDataSource reportPool, StandbyPool standby, DatabaseSettings settings) {
        AbstractRoutingDataSource routing = new AbstractRoutingDataSource() {
            @Override
            protected Object determineCurrentLookupKey() {
                return standby.pool() != null && ReadOnly.openingOnStandby() ? STANDBY : ConnectionBudget.current();
            }
        };
        Map<Object, Object> targets = new java.util.HashMap<>(Map.of(ConnectionBudget.INTERACTIVE, interactivePool,
                ConnectionBudget.REPORTS, settings.reportsHaveOwnPool() ? reportPool : interactivePool));
        if (standby.pool() != null) targets.put(STANDBY, standby.pool());
        routing.setTargetDataSources(targets);
        routing.setDefaultTargetDataSource(interactivePool);
        routing.setLenientFallback(false);
        routing.afterPropertiesSet();
        return routing;
    }

    private static HikariDataSource pool(String name, Endpoint endpoint, DatabaseSettings settings, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(endpoint.url());
        config.setUsername(endpoint.username());
        config.setPassword(endpoint.password());
        config.setMaximumPoolSize(size);
        // No idle connections kept for their own sake: while the database is away, Hikari keeps trying to
        // make them with a backoff that doubles up to 5 s, so after an outage of a few seconds the pool
        // came back seconds after the database did. With none to keep, it tries only while a request
        // waits, and a new primary is connected to at the first request after it is found.
        config.setMinimumIdle(0);
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        // A statement timeout on every connection, so no statement anywhere runs unbounded;
        // request work narrows it to what remains of the request's deadline.
        config.setConnectionInitSql("set statement_timeout = " + TenantTransactions.STATEMENT_TIMEOUT_MAX.toMillis()
                + "; set lock_timeout = " + TenantTransactions.LOCK_WAIT_MAX.toMillis()
                + "; set idle_in_transaction_session_timeout = " + IDLE_IN_TRANSACTION_MAX.toMillis());
        // Found dead fast: a host that does not answer is given up after CONNECT_TIMEOUT (then the
        // next host of a multi-host URL is tried), a connection that went silent mid-statement after
        // SOCKET_TIMEOUT (past any statement a deadline allows), an idle one by the pool's keepalive,
        // and one borrowed after a failover is checked within VALIDATION_TIMEOUT.
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT.toSeconds()));
        config.addDataSourceProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT.toSeconds()));
        // pgjdbc remembers a host of a multi-host URL as standby for this long; a promoted one is seen within it
        config.addDataSourceProperty("hostRecheckSeconds", String.valueOf(HOST_RECHECK.toSeconds()));
        config.setKeepaliveTime(KEEPALIVE.toMillis());
        config.setValidationTimeout(VALIDATION_TIMEOUT.toMillis());
        config.addDataSourceProperty("ApplicationName", name);
        return new HikariDataSource(config);
    }

    /**
     * Not Boot's JdbcTransactionManager: when the server dies during a commit, that one rolls back
     * on the connection the pool has just closed and throws the rollback's failure ("Connection is
     * closed", no SQLSTATE) instead of the commit's, so a failover looked like a bug and answered
     * 500. This one throws the commit's failure, with its SQLSTATE, and the unit of work runs again.
     */
    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new DataSourceTransactionManager(dataSource);
    }

    /**
     * Messages between the nodes (NOTIFY), heard on a connection of their own: the pools' connections
     * serve requests. Its socket timeout outlasts one wait for messages by far.
     */
    @Bean
    PostgresNotifications notifications(JdbcClient jdbc, Endpoint endpoint) {
        java.util.Properties properties = listenerProperties(endpoint, "ledgerline-notifications");
        org.postgresql.Driver driver = new org.postgresql.Driver();
        return new PostgresNotifications(jdbc, () -> driver.connect(endpoint.url(), properties));
    }

    /** A connection of its own, outside the pools, found dead as fast as theirs. */
    private static java.util.Properties listenerProperties(Endpoint endpoint, String name) {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", endpoint.username());
        properties.setProperty("password", endpoint.password());
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT.toSeconds()));
        properties.setProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT.toSeconds()));
        properties.setProperty("hostRecheckSeconds", String.valueOf(HOST_RECHECK.toSeconds()));
        properties.setProperty("ApplicationName", name);
        return properties;
    }

    /** Postings of one company share a transaction and a commit when they arrive together. */
    @Bean
    GroupCommit groupCommit(DataSource dataSource, DatabaseSettings settings, Clock clock) {
        return new GroupCommit(dataSource, clock, settings.groupCommit());
    }

    /** Commits and the units they carried: their ratio is the average group, the gain over one commit each. */
    @Bean
    MeterBinder groupCommitMetrics(GroupCommit groups) {
        return registry -> {
            FunctionCounter.builder("ledgerline.group_commit.commits", groups, GroupCommit::groupsCommitted)
                    .description("commits made for groups of postings").register(registry);
            FunctionCounter.builder("ledgerline.group_commit.members", groups, GroupCommit::membersCommitted)
                    .description("postings whose writes a group commit carried").register(registry);
        };
    }

    @Bean(defaultCandidate = false)
    @FlywayDataSource
    DataSource flywayDataSource(Endpoint endpoint) {
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource();
        dataSource.setDriverClass(org.postgresql.Driver.class);
        dataSource.setUrl(endpoint.url());
        dataSource.setUsername(endpoint.migrationUsername());
        dataSource.setPassword(endpoint.migrationPassword());
        return dataSource;
    }

    @Bean
    FlywayConfigurationCustomizer migrationSettings(Endpoint endpoint) {
        return configuration -> configuration.placeholders(Map.of("app_role", endpoint.username()))
                .initSql(migrationInitSql());
    }

    /** Run on each connection that migrates: see {@link #MIGRATION_LOCK_TIMEOUT}. */
    static String migrationInitSql() {
        return "set lock_timeout = " + MIGRATION_LOCK_TIMEOUT.toMillis();
    }

    /** The tests give the application a clock of their own, so that "today" is the same in test and server. */
    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock clock() {
        // Danish bookkeeping: "today" and VAT deadlines are Copenhagen dates whatever the server's zone.
        return Clock.system(java.time.ZoneId.of("Europe/Copenhagen"));
    }

    /** Holds the embedded server, if any, so that it stops after the pool has closed. */
    record EmbeddedPostgresHolder(EmbeddedPostgresServer server) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            if (server != null) server.close();
        }
    }
}
