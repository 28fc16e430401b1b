package dk.ledgerline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The machine, the JVM and the PostgreSQL server a run measured: a number means little without them. */
record Machine(String cpuModel, int cpus, boolean virtualMachine, long memoryMiB, String os, String kernel, String java,
               String loadAverage, String appCommandLine, long postgresPid, int postgresPort, Map<String, String> postgres) {

    /** Settings that move posting throughput; a reader comparing runs needs to see them. */
    private static final List<String> POSTGRES_SETTINGS = List.of("synchronous_commit", "fsync", "wal_level", "shared_buffers",
            "max_connections", "checkpoint_timeout", "max_wal_size");

    static Machine probe(long appPid, Path dataDirectory) {
        List<String> cpuinfo = lines(Path.of("/proc/cpuinfo"));
        String model = cpuinfo.stream().filter(l -> l.startsWith("model name")).map(Machine::value).findFirst().orElse("unknown");
        boolean hypervisor = cpuinfo.stream().anyMatch(l -> l.startsWith("flags") && l.contains(" hypervisor"));
        long memoryKiB = lines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .map(l -> Long.parseLong(value(l).replaceAll("[^0-9]", ""))).findFirst().orElse(0L);
        String os = lines(Path.of("/etc/os-release")).stream().filter(l -> l.startsWith("PRETTY_NAME="))
                .map(l -> l.substring("PRETTY_NAME=".length()).replace("\"", "")).findFirst().orElse(System.getProperty("os.name"));
        String java = System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        String load = first(Path.of("/proc/loadavg"));
        String command = appPid > 0 ? commandLine(appPid) : "";

        Path postgresData = dataDirectory.resolve("postgres");
        List<String> pidFile = lines(postgresData.resolve("postmaster.pid"));
        long postgresPid = pidFile.isEmpty() ? 0 : parseLong(pidFile.get(0));
        int port = pidFile.size() > 3 ? (int) parseLong(pidFile.get(3)) : 0;
        Map<String, String> postgres = new LinkedHashMap<>();
        postgres.put("PG_VERSION", first(postgresData.resolve("PG_VERSION")));
        postgres.putAll(postgresSettings(port));
        return new Machine(model, Runtime.getRuntime().availableProcessors(), hypervisor, memoryKiB / 1024, os,
                first(Path.of("/proc/sys/kernel/osrelease")), java, load, command, postgresPid, port, postgres);
    }

    /** The same machine with its load average read again, after waiting for other work to pass. */
    Machine withLoadAverageNow() {
        return new Machine(cpuModel, cpus, virtualMachine, memoryMiB, os, kernel, java, first(Path.of("/proc/loadavg")), appCommandLine,
                postgresPid, postgresPort, postgres);
    }

    /**
     * Version and settings, read from the server itself over JDBC as the embedded superuser (local,
     * trust authentication). The API does not show them; the ledger is not touched.
     */
    private static Map<String, String> postgresSettings(int port) {
        Map<String, String> out = new LinkedHashMap<>();
        if (port <= 0) return out;
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres?connectTimeout=5", "postgres", "");
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select version()")) {
                if (rs.next()) out.put("version", rs.getString(1));
            }
            for (String setting : POSTGRES_SETTINGS) {
                try (ResultSet rs = s.executeQuery("select current_setting('" + setting + "')")) {
                    if (rs.next()) out.put(setting, rs.getString(1));
                }
            }
        } catch (SQLException e) {
            out.put("(not read)", e.getMessage());
        }
        return out;
    }

    /** Size of the ledger database after the run, for scale. */
    static String databaseSize(int port) {
        if (port <= 0) return "unknown";
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres?connectTimeout=5", "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select pg_size_pretty(pg_database_size('ledgerline'))")) {
            return rs.next() ? rs.getString(1) : "unknown";
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"))).replace('\0', ' ').trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static String value(String line) {
        return line.substring(line.indexOf(':') + 1).trim();
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static List<String> lines(Path path) {
        try {
            return Files.readAllLines(path);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String first(Path path) {
        List<String> lines = lines(path);
        return lines.isEmpty() ? "unknown" : lines.getFirst().trim();
    }
}
