package dk.ledgerline.bench;

import dk.ledgerline.testing.DatabaseCluster;
import dk.ledgerline.testing.PrimaryStandbyPair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real HA manager doing the failover by itself: Patroni (Debian's) with one etcd, two PostgreSQL
 * servers (Debian's binaries), synchronous replication, and its timeouts set for a fast decision
 * ({@link #TTL} s for the leader's key, a loop every {@link #LOOP_WAIT} s). Killing the primary
 * kills its whole node, Patroni included, as a machine that dies would; the standby's Patroni
 * promotes it once the leader's key has expired.
 */
final class PatroniCluster implements DatabaseCluster {
    /** The leader key's life: the longest the cluster runs without a primary before the standby takes over. */
    static final int TTL = 6;
    static final int LOOP_WAIT = 1;
    /** Patroni wants TTL above LOOP_WAIT + 2 × this, or a slow etcd answer could cost the leader its key. */
    static final int RETRY_TIMEOUT = 2;
    static final Duration START_WAIT = Duration.ofSeconds(90);
    static final Duration PROMOTION_WAIT = Duration.ofSeconds(120);
    private static final String SUPERUSER_PASSWORD = "patroni-super";
    private static final String REPLICATION_PASSWORD = "patroni-replication";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Path folder;
    private final int[] pgPorts;
    private final int[] restPorts;
    private final int etcdPort;
    private final List<Process> processes = new ArrayList<>();
    private final Process[] patroni = new Process[2];
    private int leader = -1;

    private PatroniCluster(Path folder, int firstPort) {
        this.folder = folder;
        this.pgPorts = new int[] {firstPort, firstPort + 1};
        this.etcdPort = firstPort + 5;
        this.restPorts = new int[] {firstPort + 7, firstPort + 8};
    }

    /** Ports: PostgreSQL {@code firstPort} and the next; etcd +5 and +6; Patroni's REST API +7 and +8. */
    static PatroniCluster start(Path folder, int firstPort) throws IOException, InterruptedException {
        PatroniCluster cluster = new PatroniCluster(folder, firstPort);
        try {
            cluster.startAll();
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void startAll() throws IOException, InterruptedException {
        Files.createDirectories(folder);
        ownedByServerUser(folder);
        processes.add(run(List.of("etcd", "--name", "etcd1", "--data-dir", folder.resolve("etcd").toString(),
                "--listen-client-urls", "http://127.0.0.1:" + etcdPort, "--advertise-client-urls", "http://127.0.0.1:" + etcdPort,
                "--listen-peer-urls", "http://127.0.0.1:" + (etcdPort + 1), "--initial-advertise-peer-urls", "http://127.0.0.1:" + (etcdPort + 1),
                "--initial-cluster", "etcd1=http://127.0.0.1:" + (etcdPort + 1)), "etcd.log"));
        await("etcd answers", () -> status("http://127.0.0.1:" + etcdPort + "/version") == 200);
        for (int i = 0; i < 2; i++) {
            Path config = folder.resolve("pg" + (i + 1) + ".yml");
            Files.writeString(config, config(i));
            ownedByServerUser(config);
        }
        patroni[0] = run(List.of("patroni", folder.resolve("pg1.yml").toString()), "pg1.log");
        processes.add(patroni[0]);
        await("the first server leads", () -> rest(0, "/primary") == 200);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPorts[0] + "/postgres", "postgres", SUPERUSER_PASSWORD);
             Statement sql = c.createStatement()) {
            sql.execute("create role " + PrimaryStandbyPair.USER + " login password '" + PrimaryStandbyPair.PASSWORD + "'");
            sql.execute("create database " + PrimaryStandbyPair.DATABASE + " owner " + PrimaryStandbyPair.USER);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the ledger's database", e);
        }
        patroni[1] = run(List.of("patroni", folder.resolve("pg2.yml").toString()), "pg2.log");
        processes.add(patroni[1]);
        await("the second server streams as the synchronous standby", () -> body(1, "/").contains("\"sync_standby\": true"));
        leader = 0;
    }

    private String config(int i) {
        return """
                scope: ledgerline
                name: pg%1$d
                restapi:
                  listen: 127.0.0.1:%2$d
                  connect_address: 127.0.0.1:%2$d
                etcd3:
                  hosts: ["127.0.0.1:%3$d"]
                bootstrap:
                  dcs:
                    ttl: %4$d
                    loop_wait: %5$d
                    retry_timeout: %6$d
                    maximum_lag_on_failover: 1048576
                    synchronous_mode: true
                    postgresql:
                      use_pg_rewind: true
                      parameters:
                        wal_level: replica
                        hot_standby: "on"
                        max_wal_senders: 10
                        max_replication_slots: 10
                        wal_log_hints: "on"
                        max_connections: 200
                        wal_retrieve_retry_interval: %14$s
                  initdb:
                    - encoding: UTF8
                    - auth: scram-sha-256
                  pg_hba:
                    - host replication replicator 127.0.0.1/32 scram-sha-256
                    - host all all 127.0.0.1/32 scram-sha-256
                postgresql:
                  listen: 127.0.0.1:%7$d
                  connect_address: 127.0.0.1:%7$d
                  data_dir: %8$s
                  bin_dir: %9$s
                  pgpass: %10$s
                  basebackup:
                    - checkpoint: fast
                  authentication:
                    superuser: {username: postgres, password: %11$s}
                    replication: {username: replicator, password: %12$s}
                    rewind: {username: postgres, password: %11$s}
                  parameters:
                    unix_socket_directories: %13$s
                """.formatted(i + 1, restPorts[i], etcdPort, TTL, LOOP_WAIT, RETRY_TIMEOUT, pgPorts[i], folder.resolve("pg" + (i + 1)),
                binaries(), folder.resolve("pgpass" + (i + 1)), SUPERUSER_PASSWORD, REPLICATION_PASSWORD, folder,
                PrimaryStandbyPair.HA_WAL_RETRY_INTERVAL);
    }

    /** Debian's PostgreSQL server binaries, the newest installed. */
    static String binaries() {
        return Stream.of("17", "16", "15").map(v -> Path.of("/usr/lib/postgresql", v, "bin")).filter(p -> Files.isExecutable(p.resolve("postgres")))
                .findFirst().map(Path::toString).orElseThrow(() -> new IllegalStateException("no PostgreSQL server in /usr/lib/postgresql (postgresql-15)"));
    }

    @Override
    public List<String> applicationArguments() {
        String url = "jdbc:postgresql://127.0.0.1:" + pgPorts[0] + ",127.0.0.1:" + pgPorts[1] + "/" + PrimaryStandbyPair.DATABASE + "?targetServerType=primary";
        return List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + PrimaryStandbyPair.USER,
                "--spring.datasource.password=" + PrimaryStandbyPair.PASSWORD);
    }

    /** The leader's whole node: its Patroni and every PostgreSQL process, SIGKILL. */
    @Override
    public void killPrimary() {
        int node = leader;
        long postmaster;
        try {
            postmaster = Long.parseLong(Files.readAllLines(folder.resolve("pg" + (node + 1)).resolve("postmaster.pid")).getFirst().trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ProcessHandle> doomed = new ArrayList<>(patroni[node].toHandle().descendants().toList());
        doomed.add(patroni[node].toHandle());
        ProcessHandle.of(postmaster).ifPresent(p -> {
            doomed.add(p);
            doomed.addAll(p.descendants().toList());
        });
        doomed.forEach(ProcessHandle::destroyForcibly);
        try {
            await("the killed primary refuses connections", () -> !PrimaryStandbyPair.accepts(pgPorts[node]));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Patroni does it: waits until the other server is the leader and runs as primary. */
    @Override
    public void promoteStandby() {
        int next = 1 - leader;
        try {
            long giveUp = System.nanoTime() + PROMOTION_WAIT.toNanos();
            while (rest(next, "/primary") != 200) {
                if (System.nanoTime() > giveUp) throw new IllegalStateException("Patroni did not promote the standby within " + PROMOTION_WAIT.toSeconds() + " s");
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        leader = next;
    }

    @Override
    public String describe() {
        return "PostgreSQL " + Path.of(binaries()).getParent().getFileName() + " (Debian's) managed by Patroni " + version() + " with one etcd: "
                + "synchronous_mode on, ttl " + TTL + " s, loop_wait " + LOOP_WAIT + " s, retry_timeout " + RETRY_TIMEOUT + " s; the app on one multi-host URL "
                + "with `targetServerType=primary`. The failover: SIGKILL of the primary's whole node (its Patroni, postmaster and backends), "
                + "then Patroni on the standby decides by itself, once the leader's key has expired, and promotes it; "
                + "\"promoted\" below is when its REST API first answers `/primary` with 200.";
    }

    private static String version() {
        try {
            Process p = new ProcessBuilder("patroni", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return out.replace("patroni ", "");
        } catch (IOException | InterruptedException e) {
            return "(version unknown)";
        }
    }

    @Override
    public void close() {
        for (Process process : processes.reversed()) {
            process.toHandle().descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
        for (Process process : processes.reversed()) {
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // a standby's postmaster that outlived its Patroni
        for (int i = 0; i < 2; i++) {
            Path pid = folder.resolve("pg" + (i + 1)).resolve("postmaster.pid");
            try {
                if (Files.exists(pid)) ProcessHandle.of(Long.parseLong(Files.readAllLines(pid).getFirst().trim())).ifPresent(ProcessHandle::destroy);
            } catch (IOException | RuntimeException gone) {
                // nothing left to stop
            }
        }
    }

    private Process run(List<String> command, String log) throws IOException {
        List<String> full = new ArrayList<>();
        // PostgreSQL refuses to run as root; Debian's packages made the postgres user
        if (isRoot()) full.addAll(List.of("runuser", "-u", "postgres", "--"));
        full.addAll(command);
        return new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve(log).toFile())).start();
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void ownedByServerUser(Path path) throws IOException {
        if (!isRoot()) return;
        try {
            Process chown = new ProcessBuilder("chown", "-R", "postgres:postgres", path.toString()).inheritIO().start();
            if (chown.waitFor() != 0) throw new IOException("chown of " + path + " failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private int rest(int node, String path) {
        return status("http://127.0.0.1:" + restPorts[node] + path);
    }

    private String body(int node, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPorts[node] + path)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static void await(String what, java.util.function.BooleanSupplier done) throws InterruptedException {
        long giveUp = System.nanoTime() + START_WAIT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > giveUp) throw new IllegalStateException("waited " + START_WAIT.toSeconds() + " s in vain: " + what);
            Thread.sleep(50);
        }
    }
}
