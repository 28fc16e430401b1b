package dk.ledgerline.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * A primary and a synchronous streaming standby from the same PostgreSQL binaries the embedded mode
 * uses, so that an acknowledged commit is on both. {@link #killPrimary} is a crash (SIGKILL of the
 * postmaster and its backends) and {@link #promoteStandby} is what an HA manager does next. The
 * application reaches them by one multi-host URL that targets whichever is primary.
 */
public final class PrimaryStandbyPair implements DatabaseCluster {
    public static final String DATABASE = "books";
    public static final String USER = "books";
    public static final String PASSWORD = "books-secret";
    /** The standby's name in the primary's {@code synchronous_standby_names}. */
    static final String STANDBY_NAME = "standby";
    static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    static final Duration SYNC_WAIT = Duration.ofSeconds(30);
    static final Duration KILL_WAIT = Duration.ofSeconds(5);
    /**
     * How soon a standby without a primary looks for WAL again, and so acts on a promotion that
     * arrived while it waited: 200 ms is a fraction of a second's write pause, and a retry costs a
     * failed connection attempt to a primary that is gone, nothing more. deploy/patroni sets the same.
     */
    public static final String HA_WAL_RETRY_INTERVAL = "200ms";

    private final Path folder;
    private final EmbeddedPostgres primary;
    private EmbeddedPostgres standby;
    private final int primaryPort;
    private final int standbyPort;
    private final boolean durable;

    private PrimaryStandbyPair(Path folder, EmbeddedPostgres primary, int primaryPort, int standbyPort, boolean durable) {
        this.folder = folder;
        this.durable = durable;
        this.primary = primary;
        this.primaryPort = primaryPort;
        this.standbyPort = standbyPort;
    }

    /** Ports below the kernel's ephemeral range (32768), where outgoing connections never collide with them. */
    public static PrimaryStandbyPair start(Path folder, int primaryPort, int standbyPort) {
        return start(folder, primaryPort, standbyPort, false);
    }

    /** {@code durable}: fsync on both, as in production; a test's throwaway pair does without. */
    public static PrimaryStandbyPair start(Path folder, int primaryPort, int standbyPort, boolean durable) {
        try {
            Files.createDirectories(folder);
            // synchronous only once the standby streams: before, every commit would wait for it
            EmbeddedPostgres primary = server(folder.resolve("primary"), primaryPort, true, durable).start();
            PrimaryStandbyPair pair = new PrimaryStandbyPair(folder, primary, primaryPort, standbyPort, durable);
            try (Connection c = pair.superuser(primaryPort); Statement s = c.createStatement()) {
                s.execute("create role " + USER + " login password '" + PASSWORD + "' nosuperuser nobypassrls");
                s.execute("create database " + DATABASE + " owner " + USER);
            }
            pair.startStandby();
            return pair;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("could not set up the primary", e);
        }
    }

    private static EmbeddedPostgres.Builder server(Path data, int port, boolean clean, boolean durable) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(data.toFile())
                .setCleanDataDirectory(clean)
                .setPort(port)
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "100")
                .setServerConfig("wal_level", "replica")
                .setServerConfig("max_wal_senders", "5")
                .setServerConfig("wal_keep_size", "128MB")
                .setServerConfig("hot_standby", "on")
                // A standby whose primary just died waits this long before it looks for WAL again, and
                // a promotion that arrives in that wait is acted on only after it (PostgreSQL's default
                // of 5 s was one run's whole write pause). HA_WAL_RETRY_INTERVAL says why this value.
                .setServerConfig("wal_retrieve_retry_interval", HA_WAL_RETRY_INTERVAL)
                .setServerConfig("fsync", durable ? "on" : "off")
                .setServerConfig("synchronous_commit", "on")
                // a base backup copied while the primary writes relies on them
                .setServerConfig("full_page_writes", "on")
                .setPGStartupWait(STARTUP_WAIT);
    }

    /**
     * A base backup by the low-level API (the bundle has no pg_basebackup): start the backup, copy
     * the data folder without its WAL, write the label the backup's end returns, and start the copy
     * as a standby streaming from the primary; then the primary waits for it on every commit.
     * The setting is the primary's own, so the standby, once promoted and alone, waits for nobody.
     */
    private void startStandby() throws IOException, SQLException {
        Path source = folder.resolve("primary");
        Path target = folder.resolve("standby");
        try (Connection c = superuser(primaryPort); Statement s = c.createStatement()) {
            s.execute("select pg_backup_start('standby', true)");
            copy(source, target);
            try (ResultSet r = s.executeQuery("select labelfile from pg_backup_stop(true)")) {
                r.next();
                Files.writeString(target.resolve("backup_label"), r.getString(1));
            }
        }
        // PostgreSQL refuses a data folder others may read
        Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Files.writeString(target.resolve("standby.signal"), "");
        Files.writeString(target.resolve("postgresql.auto.conf"), "primary_conninfo = 'host=127.0.0.1 port=" + primaryPort
                + " user=postgres application_name=" + STANDBY_NAME + "'\n", java.nio.file.StandardOpenOption.APPEND);
        standby = server(target, standbyPort, false, durable).start();
        try (Connection c = superuser(primaryPort); Statement s = c.createStatement()) {
            s.execute("alter system set synchronous_standby_names = '" + STANDBY_NAME + "'");
            s.execute("select pg_reload_conf()");
        }
        awaitSynchronousStandby();
    }

    /** The data folder without the server's own files and without its WAL, which the standby streams instead. */
    private static void copy(Path source, Path target) throws IOException {
        List<String> skipped = List.of("postmaster.pid", "postmaster.opts", "epg-lock");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = source.relativize(file);
                if (skipped.contains(relative.toString())) continue;
                Path to = target.resolve(relative.toString());
                if (Files.isDirectory(file)) Files.createDirectories(to);
                else if (!relative.startsWith("pg_wal")) Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private void awaitSynchronousStandby() throws SQLException {
        long end = System.nanoTime() + SYNC_WAIT.toNanos();
        try (Connection c = superuser(primaryPort); Statement s = c.createStatement()) {
            while (System.nanoTime() < end) {
                try (ResultSet r = s.executeQuery("select count(*) from pg_stat_replication where application_name = '" + STANDBY_NAME
                        + "' and sync_state = 'sync' and state = 'streaming'")) {
                    r.next();
                    if (r.getInt(1) == 1) return;
                }
                sleep(50);
            }
        }
        throw new IllegalStateException("the standby did not become the primary's synchronous standby within " + SYNC_WAIT);
    }

    /** One URL for both: pgjdbc tries the hosts in order and keeps the one that is primary. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + primaryPort + ",127.0.0.1:" + standbyPort + "/" + DATABASE + "?targetServerType=primary";
    }

    /** The application's arguments that point it at the pair, as the ledger's owner. */
    @Override
    public List<String> applicationArguments() {
        return List.of("--spring.datasource.url=" + jdbcUrl(), "--spring.datasource.username=" + USER, "--spring.datasource.password=" + PASSWORD);
    }

    /** A crash, not a shutdown: SIGKILL to the postmaster, then to each backend it leaves. */
    @Override
    public void killPrimary() {
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(folder.resolve("primary").resolve("postmaster.pid")).getFirst().trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("the primary is not running"));
        List<ProcessHandle> backends = postmaster.descendants().toList();
        postmaster.destroyForcibly();
        backends.forEach(ProcessHandle::destroyForcibly);
        // SIGKILL cannot be caught: nothing of the primary runs past it. Dead for clients is its port
        // refusing connections; the process table may keep the killed processes a while longer as zombies.
        long end = System.nanoTime() + KILL_WAIT.toNanos();
        while (accepts(primaryPort)) {
            if (System.nanoTime() > end) throw new IllegalStateException("the killed primary still accepts connections after " + KILL_WAIT);
            sleep(5);
        }
    }

    /** Whether something takes connections on the port (a killed server's port refuses them). */
    public static boolean accepts(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 100);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** What an HA manager does once it has declared the primary dead. Returns when the standby takes writes. */
    @Override
    public void promoteStandby() {
        try (Connection c = superuser(standbyPort); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select pg_promote(true, 60)")) {
            r.next();
            if (!r.getBoolean(1)) throw new IllegalStateException("the standby did not finish its promotion within 60 s");
        } catch (SQLException e) {
            throw new IllegalStateException("could not promote the standby", e);
        }
    }

    /** Runs {@code sql} as the owner of the ledger's database on whichever server is primary now. */
    public Connection owner() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
    }

    private Connection superuser(int port) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String describe() {
        return "PostgreSQL 17 from the embedded binaries: a primary and a synchronous streaming standby (fsync and synchronous_commit on), "
                + "the app on one multi-host URL with `targetServerType=primary`. The failover is `testing/PrimaryStandbyPair`: SIGKILL of the "
                + "primary's postmaster and backends, then `pg_promote()` on the standby, as an HA manager does once it has declared the primary dead; "
                + "an HA manager's own detection time (Patroni's TTL, pg_auto_failover's health checks) comes on top and is not measured here.";
    }

    @Override
    public void close() {
        for (EmbeddedPostgres server : new EmbeddedPostgres[] {standby, primary}) {
            if (server == null) continue;
            try {
                server.close();
            } catch (IOException | RuntimeException stoppedAlready) {
                // a killed primary has nothing left to stop
            }
        }
    }
}
