package dk.ledgerline.shared.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.testing.TestApp;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.junit.jupiter.api.Test;

/**
 * Every migration can run while the release before it serves traffic (expand/contract): it
 * rewrites no table that existed before it, and it takes no lock that stops writes to such a table
 * (SHARE or stronger) while it also reads or changes that table's rows, which is what makes a lock
 * long on a large ledger (a backfill, a validated constraint, an index built in place). Metadata
 * changes under a brief exclusive lock (a nullable column, a new table) pass; the lock waits no
 * longer than {@link DatabaseConfiguration#MIGRATION_LOCK_TIMEOUT}, so a migration that does not get
 * its lock fails its node's start instead of queueing posting behind it.
 *
 * <p>The migrations run on a database of their own in the tests' PostgreSQL, and each one's
 * transaction is examined before it commits: the locks it holds, the rows it touched, the tables' files.
 */
class MigrationSafetyTest {
    /**
     * Migrations that break the rule, each with why it was allowed. They are checked all the same:
     * the audit must still find what is wrong with them, which shows that it finds such things.
     */
    static final Map<String, String> RELEASED_BEFORE_THE_RULE = Map.of(
            "2", "released with the first version, before any company kept its books here: it validates constraints and backfills idempotency_keys under an exclusive lock",
            "3", "released before any company kept its books here: it backfills fiscal_years in the transaction that added the column");

    private static final List<String> STRONG_LOCKS = List.of("ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock");

    @Test
    void everyMigrationSinceTheRuleIsSafeToRunBesideTheReleaseBeforeIt() throws SQLException {
        Map<String, List<String>> findings = audit();
        assertThat(findings).as("every migration was audited").containsKeys("1", "2", "3", "4", "5");
        Map<String, List<String>> unsafe = new TreeMap<>();
        findings.forEach((version, found) -> {
            if (!found.isEmpty() && !RELEASED_BEFORE_THE_RULE.containsKey(version)) unsafe.put(version, found);
        });
        assertThat(unsafe).as("migrations that would stall or rewrite a live ledger").isEmpty();
        for (String version : RELEASED_BEFORE_THE_RULE.keySet()) {
            assertThat(findings.get(version)).as("V" + version + " is listed as breaking the rule, and the audit finds it").isNotEmpty();
        }
        assertThat(String.join("\n", findings.get("3"))).contains("fiscal_years").contains("AccessExclusiveLock");
    }

    @Test
    void theApplicationMigratesWithTheShortLockTimeout() {
        Flyway flyway = TestApp.get().bean(Flyway.class);
        assertThat(flyway.getConfiguration().getInitSql()).isEqualTo(DatabaseConfiguration.migrationInitSql());
    }

    /** Migrates a fresh database version by version; what each migration did that it should not have, by version. */
    private static Map<String, List<String>> audit() throws SQLException {
        String database = "migrations_" + UUID.randomUUID().toString().replace("-", "");
        String serverUrl = TestApp.get().pool().getJdbcUrl();
        try (Connection admin = DriverManager.getConnection(serverUrl, EmbeddedPostgresServer.SUPERUSER, ""); Statement sql = admin.createStatement()) {
            sql.execute("create database " + database);
        }
        String url = serverUrl.replace("/" + EmbeddedPostgresServer.DATABASE, "/" + database);
        LockAudit audit = new LockAudit();
        try {
            Flyway.configure()
                    .dataSource(url, EmbeddedPostgresServer.SUPERUSER, "")
                    .locations("classpath:db/migration")
                    .placeholders(Map.of("app_role", EmbeddedPostgresServer.APP_ROLE))
                    .initSql(DatabaseConfiguration.migrationInitSql())
                    .configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
                    .callbacks(audit)
                    .load()
                    .migrate();
        } finally {
            try (Connection admin = DriverManager.getConnection(serverUrl, EmbeddedPostgresServer.SUPERUSER, ""); Statement sql = admin.createStatement()) {
                sql.execute("drop database if exists " + database + " with (force)");
            }
        }
        return audit.findings;
    }

    /** Looks at each migration's transaction just before it commits (a migration run outside one has already let its locks go). */
    static final class LockAudit implements Callback {
        final Map<String, List<String>> findings = new LinkedHashMap<>();
        private Map<String, Long> filesBefore = Map.of();
        private Map<String, long[]> workBefore = Map.of();

        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE;
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return true;
        }

        @Override
        public void handle(Event event, Context context) {
            try {
                Connection connection = context.getConnection();
                if (event == Event.BEFORE_EACH_MIGRATE) {
                    filesBefore = tableFiles(connection);
                    workBefore = tableWork(connection);
                    return;
                }
                String version = context.getMigrationInfo().getVersion().getVersion();
                List<String> found = new ArrayList<>();
                String lockTimeout = single(connection, "show lock_timeout");
                if (!lockTimeout.equals(DatabaseConfiguration.MIGRATION_LOCK_TIMEOUT.toSeconds() + "s")) found.add("ran with lock_timeout " + lockTimeout);
                Map<String, Long> filesAfter = tableFiles(connection);
                filesBefore.forEach((table, file) -> {
                    Long now = filesAfter.get(table);
                    if (now != null && !now.equals(file)) found.add("rewrites " + table);
                });
                Map<String, String> strong = new HashMap<>();
                try (Statement sql = connection.createStatement(); ResultSet rows = sql.executeQuery("""
                        select c.relname, l.mode from pg_locks l join pg_class c on c.oid = l.relation
                        where l.pid = pg_backend_pid() and l.locktype = 'relation' and l.granted and c.relkind in ('r', 'p')""")) {
                    while (rows.next()) {
                        if (STRONG_LOCKS.contains(rows.getString(2))) strong.merge(rows.getString(1), rows.getString(2), MigrationSafetyTest::stronger);
                    }
                }
                Map<String, long[]> workAfter = tableWork(connection);
                workAfter.forEach((table, after) -> {
                    long[] before = workBefore.getOrDefault(table, new long[3]);
                    long scans = after[0] - before[0], indexScans = after[1] - before[1], changed = after[2] - before[2];
                    if (scans + indexScans + changed > 0 && strong.containsKey(table) && filesBefore.containsKey(table)) {
                        found.add("holds " + strong.get(table) + " on " + table + " while it reads or changes its rows ("
                                + scans + " scans, " + indexScans + " index scans, " + changed + " rows changed)");
                    }
                });
                findings.put(version, found);
            } catch (SQLException e) {
                throw new IllegalStateException("could not audit a migration", e);
            }
        }

        @Override
        public String getCallbackName() {
            return "migration lock audit";
        }

        /** The file of each table that existed before the migration (the history table is Flyway's). */
        private static Map<String, Long> tableFiles(Connection connection) throws SQLException {
            Map<String, Long> files = new HashMap<>();
            try (Statement sql = connection.createStatement(); ResultSet rows = sql.executeQuery("""
                    select c.relname, c.relfilenode from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname <> 'flyway_schema_history'""")) {
                while (rows.next()) files.put(rows.getString(1), rows.getLong(2));
            }
            return files;
        }

        /**
         * Scans, index scans and changed rows per table that this connection has not yet reported to
         * the statistics: within one transaction nothing is reported, so two readings in it differ
         * by what happened in between. (A migration run outside a transaction reports as it goes;
         * it cannot hold a lock across its statements either.)
         */
        private static Map<String, long[]> tableWork(Connection connection) throws SQLException {
            Map<String, long[]> work = new HashMap<>();
            try (Statement sql = connection.createStatement(); ResultSet rows = sql.executeQuery("""
                    select relname, seq_scan, coalesce(idx_scan, 0), n_tup_ins + n_tup_upd + n_tup_del from pg_stat_xact_user_tables
                    where schemaname = 'public'""")) {
                while (rows.next()) work.put(rows.getString(1), new long[] {rows.getLong(2), rows.getLong(3), rows.getLong(4)});
            }
            return work;
        }

        private static String single(Connection connection, String query) throws SQLException {
            try (Statement sql = connection.createStatement(); ResultSet rows = sql.executeQuery(query)) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private static String stronger(String a, String b) {
        return STRONG_LOCKS.indexOf(a) >= STRONG_LOCKS.indexOf(b) ? a : b;
    }
}
