package dk.ledgerline.bench;

import dk.ledgerline.testing.DatabaseCluster;
import dk.ledgerline.testing.PrimaryStandbyPair;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;

/**
 * A failover and a rolling restart under steady load: two Ledgerline nodes (processes from the
 * built jar) behind HAProxy, on a primary with a synchronous standby (both durable), many companies
 * posting and reading at a fixed rate (an open model). The primary is killed and the standby
 * promoted, as an HA manager would; then each node is stopped (SIGTERM) and started again, one after
 * the other. Reports the write pause, the app's share of it, logouts, acknowledged postings missing
 * afterwards, vouchers posted twice, the errors clients saw, and the requests that failed during the
 * restarts, and writes {@code failover.md}.
 *
 * <p>Arguments: {@code --jar --work --report --commit --companies=20 --rate=50 --before=20s --after=20s
 * --ports=21100} (primary, standby, load balancer, node 1, node 2; the AOT training run's node at +9). A client retries a 503 with the
 * same Idempotency-Key, as every client should.
 */
public final class FailoverScenario {
    /** A client's patience with one posting, retries included. */
    static final Duration CLIENT_GIVES_UP = Duration.ofSeconds(30);
    /** The longest a client waits before it tries a 503 again, whatever Retry-After says. */
    static final Duration RETRY_AFTER_MAX = Duration.ofSeconds(2);
    /**
     * Connections per node: the two nodes share the machine's two cores with both servers, and
     * more backends than cores only queue (the embedded default is 4 per core for one node).
     */
    static final int POOL_PER_NODE = 4;
    /** Share of arrivals that post; the rest read a trial balance. */
    static final double POSTING_SHARE = 0.8;
    static final long LATENCY_US_MAX = 60_000_000L;
    static final int PAGE_SIZE = 200;
    /** Seconds of the timeline shown around the kill. */
    static final int TIMELINE_BEFORE = 3, TIMELINE_AFTER = 12;
    static final int NODES = 2;
    /** The training run's node, past the cluster's ports (Patroni's end at +8). */
    static final int TRAINING_PORT_OFFSET = 9;
    /** How long a stopping node keeps serving with its readiness down: several of the load balancer's checks. */
    static final Duration DRAIN = Duration.ofSeconds(3);
    /**
     * After a node is ready again, the load balancer's checks take it in (its rise, and a margin) and
     * its slowstart gives it its whole share; only then is the next node stopped, as the runbook says
     * (deploy/runbooks/planned-maintenance.md). Stopping the next one sooner left all load on a node
     * at a fraction of its share and cold, and it refused writes.
     */
    static final Duration TAKEN_IN = Duration.ofSeconds(3).plus(Duration.parse("PT" + LoadBalancer.SLOWSTART.toUpperCase(Locale.ROOT)));
    /** Load goes on this long after the last restart. */
    static final Duration AFTER_RESTARTS = Duration.ofSeconds(5);

    enum Outcome { OK, BUSY, LOGGED_OUT, ERROR, TRANSPORT }

    private final LedgerlineClient api;
    private final List<BenchTenant> tenants;
    private final long start = System.nanoTime();
    private final Map<Integer, AtomicLongArray> seconds = new ConcurrentHashMap<>();
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final Set<String> errors = ConcurrentHashMap.newKeySet();
    /** What the 503s said, a few distinct ones. */
    private final Set<String> busyReasons = ConcurrentHashMap.newKeySet();
    /** What each answer other than 2xx said during the restarts, and how often. */
    private final Map<String, AtomicLong> failedDuringRestarts = new ConcurrentHashMap<>();
    private final AtomicLong killedAt = new AtomicLong(), killDoneAt = new AtomicLong(), promotedAt = new AtomicLong(), firstWriteAfterKill = new AtomicLong();
    private final Histogram postingsAcrossTheFailover = new Histogram(LATENCY_US_MAX, 3);
    private final AtomicLong restartsFrom = new AtomicLong(), restartsTo = new AtomicLong();
    private final AtomicLongArray duringRestarts = new AtomicLongArray(Outcome.values().length);
    private final List<String> restarts = java.util.Collections.synchronizedList(new ArrayList<>());
    /** What happened to the nodes during the restarts, by the second of the run it happened in. */
    private final Map<Integer, List<String>> restartEvents = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();

    private FailoverScenario(LedgerlineClient api, List<BenchTenant> tenants) {
        this.api = api;
        this.tenants = tenants;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> arg = VatDayBenchmark.arguments(args);
        Path work = Path.of(arg.getOrDefault("work", "target/failover"));
        Path jar = Path.of(java.util.Objects.requireNonNull(arg.get("jar"), "--jar: the built Ledgerline jar"));
        int companies = Integer.parseInt(arg.getOrDefault("companies", "20"));
        double rate = Double.parseDouble(arg.getOrDefault("rate", "50"));
        Duration before = Duration.parse("PT" + arg.getOrDefault("before", "20s").toUpperCase(Locale.ROOT));
        Duration after = Duration.parse("PT" + arg.getOrDefault("after", "20s").toUpperCase(Locale.ROOT));
        int ports = Integer.parseInt(arg.getOrDefault("ports", "21100"));
        Files.createDirectories(work);
        String ha = arg.getOrDefault("ha", "harness");
        try (DatabaseCluster pair = switch (ha) {
            case "harness" -> PrimaryStandbyPair.start(work.resolve("pg"), ports, ports + 1, true);
            case "patroni" -> PatroniCluster.start(work.resolve("patroni"), ports);
            default -> throw new IllegalArgumentException("--ha: harness or patroni; was " + ha);
        }) {
            byte[] signingKey = new byte[32];
            new java.security.SecureRandom().nextBytes(signingKey);
            NodeProcess.Launch launch = NodeProcess.prepare(jar, work, ports + TRAINING_PORT_OFFSET, List.of("--ledgerline.data-dir=" + work.resolve("aot-training"),
                    "--ledgerline.demo=false", "--ledgerline.database.embedded-durable=false"));
            List<NodeProcess> nodes = new ArrayList<>();
            for (int i = 1; i <= NODES; i++) {
                List<String> settings = new ArrayList<>(List.of("--ledgerline.data-dir=" + work.resolve("node" + i), "--ledgerline.demo=false",
                        "--ledgerline.auth.signing-key=" + java.util.Base64.getEncoder().encodeToString(signingKey),
                        "--ledgerline.shutdown.drain=" + DRAIN.toSeconds() + "s", "--ledgerline.database.pool-size=" + POOL_PER_NODE,
                        "--logging.level.root=WARN", "--logging.level.com.zaxxer.hikari=ERROR", "--spring.main.banner-mode=off"));
                settings.addAll(pair.applicationArguments());
                nodes.add(new NodeProcess(launch, ports + 2 + i, settings, work.resolve("node" + i + ".log")));
            }
            try {
                for (NodeProcess node : nodes) node.start(); // one after the other: the first migrates
                try (LoadBalancer balancer = LoadBalancer.start(work, ports + 2, nodes.stream().map(NodeProcess::port).toList())) {
                    Thread.sleep(TAKEN_IN);
                    LedgerlineClient api = new LedgerlineClient(URI.create(balancer.url()));
                    String run = UUID.randomUUID().toString().substring(0, 8);
                    List<BenchTenant> tenants = new ArrayList<>();
                    for (int i = 0; i < companies; i++) tenants.add(BenchTenant.create(api, run, "Failover " + i));
                    FailoverScenario scenario = new FailoverScenario(api, tenants);
                    scenario.drive(pair, nodes, rate, before, after);
                    List<String> broken = scenario.audit();
                    Files.writeString(Path.of(arg.getOrDefault("report", "docs/benchmarks/failover.md")),
                            scenario.report(arg.getOrDefault("commit", "unknown"), ha, pair.describe(), companies, rate, before, after, broken));
                    System.out.println("failover: " + (broken.isEmpty() ? "every check held" : "BROKEN: " + broken));
                }
            } finally {
                nodes.forEach(NodeProcess::close);
            }
        }
    }

    private int second(long nanos) {
        return (int) ((nanos - start) / 1_000_000_000L);
    }

    private boolean duringRestarts(long now) {
        long from = restartsFrom.get(), to = restartsTo.get();
        return from != 0 && now >= from && (to == 0 || now <= to);
    }

    private void event(String what) {
        restartEvents.computeIfAbsent(second(System.nanoTime()), s -> java.util.Collections.synchronizedList(new ArrayList<>())).add(what);
    }

    private void count(Outcome outcome) {
        if (duringRestarts(System.nanoTime())) duringRestarts.incrementAndGet(outcome.ordinal());
        seconds.computeIfAbsent(second(System.nanoTime()), s -> new AtomicLongArray(Outcome.values().length)).incrementAndGet(outcome.ordinal());
    }

    /** The failover after {@code before}, the restarts {@code after} it; load all along, until a while after the last restart. */
    void drive(DatabaseCluster pair, List<NodeProcess> nodes, double rate, Duration before, Duration after) throws InterruptedException {
        Random random = new Random(1);
        long gap = (long) (1e9 / rate);
        long killAt = start + before.toNanos();
        long restartAt = killAt + after.toNanos();
        Thread failover = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(Duration.ofNanos(Math.max(0, killAt - System.nanoTime())));
                killedAt.set(System.nanoTime());
                pair.killPrimary();
                killDoneAt.set(System.nanoTime());
                pair.promoteStandby();
                promotedAt.set(System.nanoTime());
                Thread.sleep(Duration.ofNanos(Math.max(0, restartAt - System.nanoTime())));
                restartsFrom.set(System.nanoTime());
                for (NodeProcess node : nodes) {
                    event("SIGTERM to " + node.port());
                    Duration stopped = node.stop();
                    event(node.port() + " stopped, starting");
                    long starting = System.nanoTime();
                    node.start();
                    Duration started = Duration.ofNanos(System.nanoTime() - starting);
                    event(node.port() + " ready");
                    Thread.sleep(TAKEN_IN);
                    restarts.add(String.format(Locale.ROOT, "| node on port %d: SIGTERM → stopped (%d s drain, then what was in flight) / start → ready | %d / %d ms | |%n",
                            node.port(), DRAIN.toSeconds(), stopped.toMillis(), started.toMillis()));
                }
                restartsTo.set(System.nanoTime());
                Thread.sleep(AFTER_RESTARTS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                errors.add("restarting a node failed: " + e);
            } finally {
                done.set(true);
            }
        });
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long due = start; !done.get(); due += gap) {
                long wait = due - System.nanoTime();
                if (wait > 0) Thread.sleep(Duration.ofNanos(wait));
                BenchTenant tenant = tenants.get(random.nextInt(tenants.size()));
                boolean posting = random.nextDouble() < POSTING_SHARE;
                long dueAt = due;
                clients.submit(() -> posting ? post(tenant, dueAt) : read(tenant));
            }
        }
        failover.join();
    }

    private Void post(BenchTenant tenant, long dueAt) {
        String key = UUID.randomUUID().toString();
        String text = "Failover " + key;
        String body = "{\"date\": \"" + tenant.postTo() + "\", \"text\": \"" + text + "\", \"lines\": [{\"account\": 6190, \"amount\": \"125.00\"}, "
                + "{\"account\": 1010, \"amount\": \"-125.00\", \"vatCode\": \"U25\"}]}";
        long giveUp = System.nanoTime() + CLIENT_GIVES_UP.toNanos();
        while (true) {
            long sent = System.nanoTime();
            try {
                LedgerlineClient.Reply reply = api.post(tenant.path("/vouchers"), tenant.token(), key, body);
                long now = System.nanoTime();
                if (reply.status() == 201) {
                    count(Outcome.OK);
                    JsonNode voucher = reply.json();
                    acknowledged.put(tenant.companyId() + "/" + text, voucher.get("fiscalYear").asInt() + "/" + voucher.get("number").asInt());
                    long killed = killedAt.get(), dead = killDoneAt.get();
                    // sent once the primary was gone, so it cannot have committed there in the last moments before the kill landed
                    if (dead != 0 && sent > dead) firstWriteAfterKill.accumulateAndGet(now, (a, b) -> a == 0 ? b : Math.min(a, b));
                    if (killed != 0 && now > killed - 1_000_000_000L && dueAt < killed + 10_000_000_000L) {
                        synchronized (postingsAcrossTheFailover) {
                            postingsAcrossTheFailover.recordValue(Math.min(LATENCY_US_MAX, (now - dueAt) / 1_000));
                        }
                    }
                    return null;
                }
                if (reply.status() == 503 && now < giveUp) {
                    count(Outcome.BUSY);
                    if (busyReasons.size() < 5) busyReasons.add(detail(reply));
                    if (duringRestarts(System.nanoTime())) failedDuringRestarts.computeIfAbsent("posting: " + detail(reply), r -> new AtomicLong()).incrementAndGet();
                    Thread.sleep(retryAfter(reply));
                    continue;
                }
                count(reply.status() == 401 ? Outcome.LOGGED_OUT : Outcome.ERROR);
                errors.add("posting answered " + reply);
                return null;
            } catch (IOException e) {
                count(Outcome.TRANSPORT);
                errors.add("posting failed: " + e);
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    private Void read(BenchTenant tenant) {
        try {
            LedgerlineClient.Reply reply = api.get(tenant.path("/reports/trial-balance?from=" + tenant.postFrom() + "&to=" + tenant.postTo()), tenant.token());
            if (reply.status() == 200) count(Outcome.OK);
            else if (reply.status() == 503) {
                count(Outcome.BUSY);
                if (duringRestarts(System.nanoTime())) failedDuringRestarts.computeIfAbsent("trial balance: " + detail(reply), r -> new AtomicLong()).incrementAndGet();
            }
            else {
                count(reply.status() == 401 ? Outcome.LOGGED_OUT : Outcome.ERROR);
                errors.add("trial balance answered " + reply);
            }
        } catch (IOException e) {
            count(Outcome.TRANSPORT);
            errors.add("trial balance failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /**
     * As long as the answer asks, at most {@link #RETRY_AFTER_MAX}, with jitter: clients that all came
     * back at once after the same pause would only make the next overload.
     */
    private static Duration retryAfter(LedgerlineClient.Reply reply) {
        long seconds = 1;
        try {
            if (reply.retryAfter() != null) seconds = Long.parseLong(reply.retryAfter().trim());
        } catch (NumberFormatException notSeconds) {
            // an HTTP date or nonsense: one second
        }
        long millis = Math.clamp(seconds * 1000, 100, RETRY_AFTER_MAX.toMillis());
        return Duration.ofMillis(millis / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(millis / 2 + 1));
    }

    private static String detail(LedgerlineClient.Reply reply) {
        try {
            JsonNode detail = reply.json().get("detail");
            return detail == null ? reply.body() : detail.asString();
        } catch (RuntimeException notJson) {
            return reply.body();
        }
    }

    /** Through the API, after the failover: what the clients were told against what the new primary holds. */
    List<String> audit() throws IOException, InterruptedException {
        List<String> broken = new ArrayList<>();
        Map<String, String> stored = new HashMap<>();
        long twice = 0;
        for (BenchTenant tenant : tenants) {
            Map<Integer, Set<Integer>> numbers = new HashMap<>();
            String cursor = null;
            do {
                String path = tenant.path("/vouchers?limit=" + PAGE_SIZE + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
                JsonNode page = api.expect(200, api.get(path, tenant.token()), "listing the vouchers of company " + tenant.companyId() + " with the token from before");
                for (JsonNode v : page.get("items")) {
                    String id = tenant.companyId() + "/" + v.get("text").asString();
                    if (stored.put(id, v.get("fiscalYear").asInt() + "/" + v.get("number").asInt()) != null) twice++;
                    numbers.computeIfAbsent(v.get("fiscalYear").asInt(), y -> new HashSet<>()).add(v.get("number").asInt());
                }
                JsonNode next = page.get("next");
                cursor = next == null || next.isNull() ? null : next.asString();
            } while (cursor != null);
            numbers.forEach((year, taken) -> {
                for (int n = 1; n <= taken.size(); n++) {
                    if (!taken.contains(n)) {
                        broken.add("company " + tenant.companyId() + " has a gap at " + year + "/" + n);
                        break;
                    }
                }
            });
            JsonNode trial = api.expect(200, api.get(tenant.path("/reports/trial-balance?from=" + tenant.postFrom() + "&to=" + tenant.postTo()), tenant.token()), "trial balance");
            if (!"0.00".equals(trial.get("totals").get("balance").asString())) broken.add("company " + tenant.companyId() + " does not balance");
        }
        long missing = acknowledged.entrySet().stream().filter(a -> !a.getValue().equals(stored.get(a.getKey()))).count();
        long unacknowledged = stored.keySet().stream().filter(k -> !acknowledged.containsKey(k)).count();
        if (missing > 0) broken.add(missing + " postings answered 201 are not stored as answered");
        if (twice > 0) broken.add(twice + " postings are stored twice");
        this.missing = missing;
        this.twice = twice;
        this.unacknowledged = unacknowledged;
        return broken;
    }

    private long missing, twice, unacknowledged;
    /** The goals: with the harness promoting at once, writes are back within 5 s; the app finds the new primary within 1 s. */
    static final long WRITE_PAUSE_GOAL_MS = 5_000;
    static final long APP_SHARE_GOAL_MS = 1_000;

    /** The goals, beside the checks of what is stored: a run can keep every posting and still be too slow. */
    private static List<String> missedGoals(String ha, double pauseMs, double appShareMs, long[] totals, long failedDuringRestarts) {
        List<String> missed = new ArrayList<>();
        if (ha.equals("harness") && pauseMs > WRITE_PAUSE_GOAL_MS) missed.add(String.format(Locale.ROOT, "write pause %.0f ms > %d ms", pauseMs, WRITE_PAUSE_GOAL_MS));
        if (appShareMs > APP_SHARE_GOAL_MS) missed.add(String.format(Locale.ROOT, "the app's share %.0f ms > %d ms", appShareMs, APP_SHARE_GOAL_MS));
        if (totals[Outcome.LOGGED_OUT.ordinal()] > 0) missed.add(totals[Outcome.LOGGED_OUT.ordinal()] + " logouts");
        long errors = totals[Outcome.ERROR.ordinal()] + totals[Outcome.TRANSPORT.ordinal()];
        if (errors > 0) missed.add(errors + " errors seen by clients");
        if (failedDuringRestarts > 0) missed.add(failedDuringRestarts + " requests failed during the rolling restart");
        return missed;
    }

    String report(String commit, String ha, String cluster, int companies, double rate, Duration before, Duration after, List<String> broken) {
        long[] totals = new long[Outcome.values().length];
        seconds.values().forEach(s -> { for (int i = 0; i < totals.length; i++) totals[i] += s.get(i); });
        double pause = (firstWriteAfterKill.get() - killedAt.get()) / 1e6;
        double appShare = Math.max(0, firstWriteAfterKill.get() - promotedAt.get()) / 1e6;
        double promotion = (promotedAt.get() - killedAt.get()) / 1e6;
        StringBuilder out = new StringBuilder(ha.equals("harness") ? "# A database failover under load\n\n" : "# A database failover under load, decided by Patroni\n\n");
        out.append("Generated by `").append(ha.equals("harness") ? "" : "HA=" + ha + " ").append("bin/failover` on ").append(LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
                .append(" UTC, commit `").append(commit).append("`. Do not edit by hand: run the command again.\n\n");
        long answeredDuring = 0;
        for (int i = 0; i < Outcome.values().length; i++) answeredDuring += duringRestarts.get(i);
        long failedDuring = answeredDuring - duringRestarts.get(Outcome.OK.ordinal());
        List<String> missed = missedGoals(ha, pause, appShare, totals, failedDuring);
        out.append(broken.isEmpty() ? "**Every check held.**" : "**BROKEN: " + String.join("; ", broken) + "**")
                .append(" ").append(acknowledged.size()).append(" postings answered 201, all stored as answered on the promoted standby. ")
                .append(missed.isEmpty() ? "**Every goal met.**" : "**Goals missed: " + String.join("; ", missed) + ".**").append("\n\n");
        out.append("| measure | value | goal |\n|---|---:|---:|\n");
        out.append(String.format(Locale.ROOT, "| write pause: kill → first 201 to a request sent once the primary was gone | %.0f ms | ≤ 5 000 ms |%n", pause));
        out.append(String.format(Locale.ROOT, "| of it, %s: kill → standby promoted and taking writes | %.0f ms | |%n",
                ha.equals("harness") ? "the harness" : "the HA manager's decision and promotion", promotion));
        out.append(String.format(Locale.ROOT, "| of that, the kill: SIGKILL → the primary's processes gone | %.0f ms | |%n", (killDoneAt.get() - killedAt.get()) / 1e6));
        out.append(String.format(Locale.ROOT, "| of it, the app's share: promotion → first 201 (0: a write landed before `pg_promote()` returned) | %.0f ms | ≤ 1 000 ms |%n", appShare));
        out.append(String.format(Locale.ROOT, "| postings due within 1 s before to 10 s after the kill: p50 / p99 / max (from when due, retries included) | %.0f / %.0f / %.0f ms | |%n",
                postingsAcrossTheFailover.getValueAtPercentile(50) / 1e3, postingsAcrossTheFailover.getValueAtPercentile(99) / 1e3, postingsAcrossTheFailover.getMaxValue() / 1e3));
        out.append("| logouts (401 to a token that worked before) | ").append(totals[Outcome.LOGGED_OUT.ordinal()]).append(" | 0 |\n");
        out.append("| acknowledged postings missing afterwards | ").append(missing).append(" | 0 |\n");
        out.append("| vouchers posted twice | ").append(twice).append(" | 0 |\n");
        out.append("| errors clients saw (anything but 2xx and 503, or no answer) | ").append(totals[Outcome.ERROR.ordinal()] + totals[Outcome.TRANSPORT.ordinal()]).append(" | 0 |\n");
        out.append("| 503 answers, each retried by its client with the same key | ").append(totals[Outcome.BUSY.ordinal()]).append(" | |\n");
        out.append("| stored postings whose 201 no client received (committed as the primary died) | ").append(unacknowledged).append(" | |\n\n");
        out.append("## Rolling restart: each node stopped and started again, one after the other, after the failover\n\n");
        out.append("| measure | value | goal |\n|---|---:|---:|\n");
        restarts.forEach(out::append);
        out.append(String.format(Locale.ROOT, "| requests during the restarts (%.0f s, from the first SIGTERM until the last node was taken in again) | %d | |%n",
                (restartsTo.get() - restartsFrom.get()) / 1e9, answeredDuring));
        out.append("| of them failed: anything but 2xx (503 included), or no answer | ").append(failedDuring).append(" | 0 |\n\n");
        if (!failedDuringRestarts.isEmpty()) {
            out.append("What the failed ones said:\n\n");
            failedDuringRestarts.forEach((what, n) -> out.append("- ").append(n.get()).append(" × ").append(what.replace("\n", " ")).append("\n"));
            out.append("\n");
        }
        if (!busyReasons.isEmpty()) {
            out.append("What the 503s said:\n\n");
            busyReasons.forEach(r -> out.append("- ").append(r.replace("\n", " ")).append("\n"));
            out.append("\n");
        }
        if (!errors.isEmpty()) {
            out.append("Errors, first few:\n\n");
            errors.stream().limit(5).forEach(e -> out.append("- ").append(e.replace("\n", " ")).append("\n"));
            out.append("\n");
        }
        int kill = second(killedAt.get());
        out.append("## Each second around the kill (second 0 holds the kill)\n\n| second | answered 2xx | 503 | 401 | other errors |\n|---:|---:|---:|---:|---:|\n");
        for (int s = kill - TIMELINE_BEFORE; s <= kill + TIMELINE_AFTER; s++) {
            AtomicLongArray c = seconds.getOrDefault(s, new AtomicLongArray(Outcome.values().length));
            out.append("| ").append(s - kill).append(" | ").append(c.get(Outcome.OK.ordinal())).append(" | ").append(c.get(Outcome.BUSY.ordinal()))
                    .append(" | ").append(c.get(Outcome.LOGGED_OUT.ordinal())).append(" | ").append(c.get(Outcome.ERROR.ordinal()) + c.get(Outcome.TRANSPORT.ordinal())).append(" |\n");
        }
        int first = second(restartsFrom.get()), last = second(restartsTo.get() + AFTER_RESTARTS.toNanos());
        out.append("\n## Each second of the rolling restart (second 0 holds the first SIGTERM)\n\n| second | answered 2xx | 503 | other errors | nodes |\n|---:|---:|---:|---:|---|\n");
        for (int s = first; s <= last; s++) {
            AtomicLongArray c = seconds.getOrDefault(s, new AtomicLongArray(Outcome.values().length));
            out.append("| ").append(s - first).append(" | ").append(c.get(Outcome.OK.ordinal())).append(" | ").append(c.get(Outcome.BUSY.ordinal()))
                    .append(" | ").append(c.get(Outcome.LOGGED_OUT.ordinal()) + c.get(Outcome.ERROR.ordinal()) + c.get(Outcome.TRANSPORT.ordinal()))
                    .append(" | ").append(String.join("; ", restartEvents.getOrDefault(s, List.of()))).append(" |\n");
        }
        out.append("\n## What was measured\n\n");
        out.append(String.format(Locale.ROOT, "- %d companies, each with its own user; arrivals at %.0f/s for %d s before the kill and %d s after it, "
                + "%.0f %% of them a posting (a 2-line U25 voucher with its own Idempotency-Key), the rest a trial balance. "
                + "A 503 is retried with the same key after its Retry-After (at most %d s, with jitter), for up to %d s.%n", companies, rate, before.toSeconds(), after.toSeconds(),
                POSTING_SHARE * 100, RETRY_AFTER_MAX.toSeconds(), CLIENT_GIVES_UP.toSeconds()));
        out.append("- ").append(cluster).append("\n");
        out.append(String.format(Locale.ROOT, "- Two app nodes, each its own JVM from the built jar (extracted, started with an AOT cache from a training run that served " + NodeProcess.TRAINING_POSTINGS + " requests), behind HAProxy (Debian's): health checks on `/actuator/health/readiness` every %s "
                + "(out after %d failures, in after %d, then its share of requests over " + LoadBalancer.SLOWSTART + "), a new connection per request to a node, a refused connection sent to the other node; "
                + POOL_PER_NODE + " database connections per node. "
                + "A node stopped with SIGTERM drops its readiness and serves %d s more before it stops taking requests and finishes those in flight. "
                + "Clients, nodes, load balancer and both servers share the machine.%n", LoadBalancer.INTERVAL, LoadBalancer.FALL, LoadBalancer.RISE, DRAIN.toSeconds()));
        out.append("- Afterwards, through the API with the tokens issued before the failover: every 201 is stored with the number answered, "
                + "nothing is stored twice, numbers are gapless, every trial balance is zero.\n");
        out.append("\n## Machine\n\n- ").append(Runtime.getRuntime().availableProcessors()).append(" logical CPUs; ")
                .append(System.getProperty("os.name")).append(" ").append(System.getProperty("os.version")).append("; Java ").append(Runtime.version()).append(".\n");
        return out.toString();
    }
}
