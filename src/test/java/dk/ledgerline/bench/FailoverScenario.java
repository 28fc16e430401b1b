package dk.ledgerline.bench;

import dk.ledgerline.Ledgerline;
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
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A failover under steady load: Ledgerline on a primary with a synchronous standby (both durable),
 * many companies posting and reading at a fixed rate (an open model), then the primary is killed
 * and the standby promoted, as an HA manager would. Reports the write pause, the app's share of it,
 * logouts, acknowledged postings missing afterwards, vouchers posted twice and the errors clients
 * saw, and writes {@code failover.md}.
 *
 * <p>Arguments: {@code --work --report --commit --companies=20 --rate=80 --before=20s --after=20s
 * --ports=21100}. A client retries a 503 with the same Idempotency-Key, as every client should.
 */
public final class FailoverScenario {
    /** A client's patience with one posting, retries included. */
    static final Duration CLIENT_GIVES_UP = Duration.ofSeconds(30);
    /** Share of arrivals that post; the rest read a trial balance. */
    static final double POSTING_SHARE = 0.8;
    static final long LATENCY_US_MAX = 60_000_000L;
    static final int PAGE_SIZE = 200;
    /** Seconds of the timeline shown around the kill. */
    static final int TIMELINE_BEFORE = 3, TIMELINE_AFTER = 12;

    enum Outcome { OK, BUSY, LOGGED_OUT, ERROR, TRANSPORT }

    private final LedgerlineClient api;
    private final List<BenchTenant> tenants;
    private final long start = System.nanoTime();
    private final Map<Integer, AtomicLongArray> seconds = new ConcurrentHashMap<>();
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final Set<String> errors = ConcurrentHashMap.newKeySet();
    /** What the 503s said, a few distinct ones. */
    private final Set<String> busyReasons = ConcurrentHashMap.newKeySet();
    private final AtomicLong killedAt = new AtomicLong(), killDoneAt = new AtomicLong(), promotedAt = new AtomicLong(), firstWriteAfterKill = new AtomicLong();
    private final Histogram postingsAcrossTheFailover = new Histogram(LATENCY_US_MAX, 3);

    private FailoverScenario(LedgerlineClient api, List<BenchTenant> tenants) {
        this.api = api;
        this.tenants = tenants;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> arg = VatDayBenchmark.arguments(args);
        Path work = Path.of(arg.getOrDefault("work", "target/failover"));
        int companies = Integer.parseInt(arg.getOrDefault("companies", "20"));
        double rate = Double.parseDouble(arg.getOrDefault("rate", "80"));
        Duration before = Duration.parse("PT" + arg.getOrDefault("before", "20s").toUpperCase(Locale.ROOT));
        Duration after = Duration.parse("PT" + arg.getOrDefault("after", "20s").toUpperCase(Locale.ROOT));
        int ports = Integer.parseInt(arg.getOrDefault("ports", "21100"));
        Files.createDirectories(work);
        try (PrimaryStandbyPair pair = PrimaryStandbyPair.start(work.resolve("pg"), ports, ports + 1, true)) {
            List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--ledgerline.data-dir=" + work.resolve("app"), "--ledgerline.demo=false",
                    "--logging.level.root=WARN", "--logging.level.com.zaxxer.hikari=ERROR", "--spring.main.banner-mode=off"));
            arguments.addAll(pair.applicationArguments());
            ConfigurableApplicationContext app = new SpringApplication(Ledgerline.class).run(arguments.toArray(String[]::new));
            try {
                LedgerlineClient api = new LedgerlineClient(URI.create("http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort()));
                String run = UUID.randomUUID().toString().substring(0, 8);
                List<BenchTenant> tenants = new ArrayList<>();
                for (int i = 0; i < companies; i++) tenants.add(BenchTenant.create(api, run, "Failover " + i));
                FailoverScenario scenario = new FailoverScenario(api, tenants);
                scenario.drive(pair, rate, before, after);
                List<String> broken = scenario.audit();
                Files.writeString(Path.of(arg.getOrDefault("report", "docs/benchmarks/failover.md")),
                        scenario.report(arg.getOrDefault("commit", "unknown"), companies, rate, before, after, broken));
                System.out.println("failover: " + (broken.isEmpty() ? "every check held" : "BROKEN: " + broken));
            } finally {
                app.close();
            }
        }
    }

    private int second(long nanos) {
        return (int) ((nanos - start) / 1_000_000_000L);
    }

    private void count(Outcome outcome) {
        seconds.computeIfAbsent(second(System.nanoTime()), s -> new AtomicLongArray(Outcome.values().length)).incrementAndGet(outcome.ordinal());
    }

    void drive(PrimaryStandbyPair pair, double rate, Duration before, Duration after) throws InterruptedException {
        Random random = new Random(1);
        long gap = (long) (1e9 / rate);
        long killAt = start + before.toNanos();
        long end = killAt + after.toNanos();
        Thread failover = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(Duration.ofNanos(Math.max(0, killAt - System.nanoTime())));
                killedAt.set(System.nanoTime());
                pair.killPrimary();
                killDoneAt.set(System.nanoTime());
                pair.promoteStandby();
                promotedAt.set(System.nanoTime());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long due = start; due < end; due += gap) {
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
                    Thread.sleep(100);
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
            else if (reply.status() == 503) count(Outcome.BUSY);
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

    String report(String commit, int companies, double rate, Duration before, Duration after, List<String> broken) {
        long[] totals = new long[Outcome.values().length];
        seconds.values().forEach(s -> { for (int i = 0; i < totals.length; i++) totals[i] += s.get(i); });
        double pause = (firstWriteAfterKill.get() - killedAt.get()) / 1e6;
        double appShare = Math.max(0, firstWriteAfterKill.get() - promotedAt.get()) / 1e6;
        double promotion = (promotedAt.get() - killedAt.get()) / 1e6;
        StringBuilder out = new StringBuilder("# A database failover under load\n\n");
        out.append("Generated by `bin/failover` on ").append(LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
                .append(" UTC, commit `").append(commit).append("`. Do not edit by hand: run the command again.\n\n");
        out.append(broken.isEmpty() ? "**Every check held.**" : "**BROKEN: " + String.join("; ", broken) + "**")
                .append(" ").append(acknowledged.size()).append(" postings answered 201, all stored as answered on the promoted standby.\n\n");
        out.append("| measure | value | goal |\n|---|---:|---:|\n");
        out.append(String.format(Locale.ROOT, "| write pause: kill → first 201 to a request sent once the primary was gone | %.0f ms | ≤ 5 000 ms |%n", pause));
        out.append(String.format(Locale.ROOT, "| of it, the harness: kill → standby promoted and taking writes | %.0f ms | |%n", promotion));
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
        out.append("\n## What was measured\n\n");
        out.append(String.format(Locale.ROOT, "- %d companies, each with its own user; arrivals at %.0f/s for %d s before the kill and %d s after it, "
                + "%.0f %% of them a posting (a 2-line U25 voucher with its own Idempotency-Key), the rest a trial balance. "
                + "A 503 is retried after 100 ms with the same key, for up to %d s.%n", companies, rate, before.toSeconds(), after.toSeconds(),
                POSTING_SHARE * 100, CLIENT_GIVES_UP.toSeconds()));
        out.append("- PostgreSQL 17 from the embedded binaries: a primary and a synchronous streaming standby (fsync and synchronous_commit on), "
                + "the app on one multi-host URL with `targetServerType=primary`. The failover is `testing/PrimaryStandbyPair`: SIGKILL of the "
                + "primary's postmaster and backends, then `pg_promote()` on the standby, as an HA manager does once it has declared the primary dead; "
                + "an HA manager's own detection time (Patroni's TTL, pg_auto_failover's health checks) comes on top and is not measured here.\n");
        out.append("- The app runs in the scenario's JVM, beside its clients, on the same machine as both servers.\n");
        out.append("- Afterwards, through the API with the tokens issued before the failover: every 201 is stored with the number answered, "
                + "nothing is stored twice, numbers are gapless, every trial balance is zero.\n");
        out.append("\n## Machine\n\n- ").append(Runtime.getRuntime().availableProcessors()).append(" logical CPUs; ")
                .append(System.getProperty("os.name")).append(" ").append(System.getProperty("os.version")).append("; Java ").append(Runtime.version()).append(".\n");
        return out.toString();
    }
}
