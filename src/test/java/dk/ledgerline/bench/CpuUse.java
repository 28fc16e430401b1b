package dk.ledgerline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the machine's CPU time went during a window, read from Linux's /proc: the app's JVM, the
 * PostgreSQL server (postmaster and its backends), this load generator, and everything else. The
 * generator shares the machine with what it measures; this says how much it took.
 */
record CpuUse(double seconds, int cpus, double appCores, double appJitCores, double appGcCores, double postgresCores,
              double postgresBackgroundCores, double generatorCores, double otherCores, double idleCores, double stealCores) {

    double busyPercent() {
        return 100.0 * (appCores + postgresCores + generatorCores + otherCores) / cpus;
    }

    /**
     * Ticks since boot, machine-wide and per process, at one moment. {@code sessionTicks} holds the ticks
     * of each live backend serving a client session, by pid; the rest of PostgreSQL is background work.
     */
    record Snapshot(long nanoTime, long totalTicks, long idleTicks, long stealTicks, long appTicks, long appJitTicks, long appGcTicks,
                    long postgresTicks, Map<Long, Long> sessionTicks, long generatorTicks) {}

    static Snapshot snapshot(long appPid, long postgresPid) {
        long now = System.nanoTime();
        long[] machine = machineTicks();
        long[] appThreads = appPid > 0 ? jvmThreadTicks(appPid) : new long[2];
        Map<Long, Long> sessions = new HashMap<>();
        return new Snapshot(now, machine[0], machine[1], machine[2],
                appPid > 0 ? processTicks(appPid, false) : 0, appThreads[0], appThreads[1],
                postgresPid > 0 ? postgresTicks(postgresPid, sessions) : 0, sessions,
                processTicks(ProcessHandle.current().pid(), false));
    }

    static CpuUse between(Snapshot a, Snapshot b, int cpus) {
        double seconds = (b.nanoTime() - a.nanoTime()) / 1e9;
        double total = b.totalTicks() - a.totalTicks();
        if (total <= 0 || seconds <= 0) return new CpuUse(seconds, cpus, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        // Convert machine ticks to cores by the machine's own clock, so a slightly long window does not inflate use.
        double cores = cpus / total;
        double idle = (b.idleTicks() - a.idleTicks()) * cores;
        double steal = (b.stealTicks() - a.stealTicks()) * cores;
        double app = (b.appTicks() - a.appTicks()) * cores;
        double jit = (b.appJitTicks() - a.appJitTicks()) * cores;
        double gc = (b.appGcTicks() - a.appGcTicks()) * cores;
        double postgres = (b.postgresTicks() - a.postgresTicks()) * cores;
        long sessionTicks = 0;
        for (Map.Entry<Long, Long> session : b.sessionTicks().entrySet()) {
            // A session that began inside the window counts from zero; one that ended inside it is lost, which is rare with a pool.
            sessionTicks += session.getValue() - a.sessionTicks().getOrDefault(session.getKey(), 0L);
        }
        double background = Math.max(0, postgres - sessionTicks * cores);
        double generator = (b.generatorTicks() - a.generatorTicks()) * cores;
        double other = Math.max(0, cpus - idle - steal - app - postgres - generator);
        return new CpuUse(seconds, cpus, app, jit, gc, postgres, background, generator, other, idle, steal);
    }

    /** total, idle (idle + iowait), steal: the first line of /proc/stat. */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            // user nice system idle iowait irq softirq steal; guest time is already inside user.
            for (int i = 1; i <= 8 && i < f.length; i++) total += Long.parseLong(f[i]);
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
            return new long[] {total, idle, steal};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0, 0};
        }
    }

    /**
     * Ticks of a HotSpot JVM's JIT compiler threads and of its garbage collector's threads, told apart
     * by their thread names ("C2 CompilerThre…", "GC Thread#0", "G1 Conc#0"…). A compiler thread that
     * ends between two readings takes its ticks with it, so JIT time may be slightly understated.
     */
    private static long[] jvmThreadTicks(long pid) {
        long jit = 0;
        long gc = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String line;
                try {
                    line = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                String name = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
                String[] f = line.substring(line.lastIndexOf(')') + 2).trim().split("\\s+");
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) jit += ticks;
                else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) gc += ticks;
            }
        } catch (IOException | RuntimeException e) {
            // without the thread list the split is unknown; the app's total is still right
        }
        return new long[] {jit, gc};
    }

    /**
     * The postmaster, its live children, and the children it has reaped (their time lands in its
     * cutime). Children serving a client session ("postgres: user database host(port) state" in their
     * command line) go into {@code sessions} too; the others are checkpointer, WAL writer, autovacuum.
     */
    private static long postgresTicks(long postmasterPid, Map<Long, Long> sessions) {
        long sum = processTicks(postmasterPid, true);
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            List<Path> pids = processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList();
            for (Path p : pids) {
                long pid = Long.parseLong(p.getFileName().toString());
                long[] stat = stat(pid);
                if (stat == null || stat[0] != postmasterPid) continue;
                sum += stat[1] + stat[2];
                if (isSession(pid)) sessions.put(pid, stat[1] + stat[2]);
            }
        } catch (IOException | RuntimeException e) {
            // a process list we cannot read leaves the backends uncounted; the report then shows them as "other"
        }
        return sum;
    }

    /** A backend's title names its client's address, "(port)"; background processes have none. */
    private static boolean isSession(long pid) {
        try {
            String title = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"))).replace('\0', ' ');
            return title.matches("postgres: \\S+ \\S+ \\S+\\(\\d+\\).*");
        } catch (IOException e) {
            return false;
        }
    }

    private static long processTicks(long pid, boolean withReapedChildren) {
        long[] stat = stat(pid);
        if (stat == null) return 0;
        return stat[1] + stat[2] + (withReapedChildren ? stat[3] + stat[4] : 0);
    }

    /** ppid, utime, stime, cutime, cstime of a process, or null when it is gone. */
    private static long[] stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name may hold spaces and parentheses; the fields we want follow the last ')'.
            String[] f = line.substring(line.lastIndexOf(')') + 2).trim().split("\\s+");
            // f[0] is field 3 (state): ppid is field 4, utime 14, stime 15, cutime 16, cstime 17.
            return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
