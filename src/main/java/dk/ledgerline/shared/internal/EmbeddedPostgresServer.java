package dk.ledgerline.shared.internal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL from real binaries, with its data in a folder, so that one command runs Ledgerline.
 * It creates the application's login role without superuser rights, so row-level security
 * applies to the application exactly as it would on a production cluster.
 */
final class EmbeddedPostgresServer implements AutoCloseable {
    static final String DATABASE = "ledgerline";
    static final String SUPERUSER = "postgres";
    static final String APP_ROLE = "ledgerline_app";

    /** Ports at and above 32768 are the kernel's ephemeral range, where outgoing connections collide with a listener. */
    private static final int PORT_MIN = 20_000;
    private static final int PORT_MAX_EXCLUSIVE = 32_768;
    private static final int PORT_ATTEMPTS_MAX = 50;
    /** An orphan without clients stops in well under a second; past this we stop waiting politely. */
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedPostgresServer start(Path dataDirectory) {
        return start(dataDirectory, true);
    }

    /**
     * {@code durable}: every commit is on disk before it is acknowledged. The embedded library's
     * defaults (fsync and synchronous_commit off) suit throwaway test databases, not a ledger.
     */
    static EmbeddedPostgresServer start(Path dataDirectory, boolean durable) {
        try {
            Files.createDirectories(dataDirectory);
            stopOrphan(dataDirectory);
            int port = freePort();
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory.toFile())
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("max_connections", "200")
                    // per-query timings for finding a slow statement; a production server enables it too
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("fsync", durable ? "on" : "off")
                    .setServerConfig("synchronous_commit", durable ? "on" : "off")
                    .setServerConfig("full_page_writes", durable ? "on" : "off")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres);
            server.createRoleAndDatabase();
            log.info("Embedded PostgreSQL on port {} with data in {}{}", port, dataDirectory.toAbsolutePath(),
                    durable ? "" : " (not durable: fsync and synchronous_commit off)");
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDirectory.toAbsolutePath(), e);
        }
    }

    int port() { return postgres.getPort(); }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    private void createRoleAndDatabase() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            var roles = statement.executeQuery("select 1 from pg_roles where rolname = '" + APP_ROLE + "'");
            if (!roles.next()) {
                statement.execute("create role " + APP_ROLE + " login nosuperuser nobypassrls nocreatedb nocreaterole");
            }
            var databases = statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'");
            if (!databases.next()) {
                statement.execute("create database " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the role and database in the embedded PostgreSQL", e);
        }
        try (Connection connection = postgres.getDatabase(SUPERUSER, DATABASE).getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create extension if not exists pg_stat_statements");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the role and database in the embedded PostgreSQL", e);
        }
    }

    /**
     * A JVM killed with -9 leaves its PostgreSQL running on the data folder; a new server would fail
     * to start and we would quietly talk to the orphan. Stop it first.
     */
    private static void stopOrphan(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) return;
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) return;
        long pid;
        try {
            pid = Long.parseLong(lines.getFirst().trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> orphan = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (orphan.isEmpty()) return;
        log.warn("Stopping an orphaned PostgreSQL (pid {}) left running on {}", pid, dataDirectory.toAbsolutePath());
        ProcessHandle process = orphan.get();
        process.destroy();
        try {
            process.onExit().get(ORPHAN_STOP_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception timeoutOrInterrupt) {
            log.warn("Orphaned PostgreSQL (pid {}) did not stop within {}; killing it", pid, ORPHAN_STOP_WAIT);
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        for (int attempt = 0; attempt < PORT_ATTEMPTS_MAX; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(PORT_MIN, PORT_MAX_EXCLUSIVE);
            try (ServerSocket socket = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                return candidate;
            } catch (IOException inUse) {
                // try another
            }
        }
        throw new IllegalStateException("no free port for PostgreSQL between " + PORT_MIN + " and " + PORT_MAX_EXCLUSIVE + " after " + PORT_ATTEMPTS_MAX + " attempts");
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
