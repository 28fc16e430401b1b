package dk.ledgerline.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;

/**
 * A VAT deadline day in miniature, as an open model: users arrive at a set rate whatever the server
 * answers (as real users do), each doing one thing a bookkeeper does on that day — post a voucher,
 * add a kassekladde line, list vouchers, open the trial balance or the VAT return, download a
 * report. The rate ramps from a quarter of the capacity measured first to three times it and back.
 * Latency is timed from when a request was due, not when it was sent, so a generator that falls
 * behind cannot hide a queue (no coordinated omission). A 503 is counted as refused, not retried.
 *
 * <p>Arguments: {@code --base-url --label --report-dir --phase=30s --companies=40 --warmup=150s
 * --probe=20s --probe-clients=32 --app-pid}, and {@code --capacity} to skip the probe (to compare two runs at one rate). Writes {@code <label>.json} (the timeline and the per-phase
 * figures) into the report folder; {@code bin/vat-day} renders the report from the runs.
 */
public final class VatDayBenchmark {
    /** Multiples of the measured capacity, in order; the last one shows the recovery. */
    static final double[] PHASES = {0.25, 0.5, 1, 2, 3, 0.25};
    /** Beyond this many requests in flight the generator itself would become the bottleneck; it counts them as dropped. */
    static final int IN_FLIGHT_MAX = 4_000;
    /** Above the app's 10 s interactive deadline, so a slow answer is the server's, not our timeout. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    static final long HIGHEST_LATENCY_MICROS = 60_000_000L;

    enum Action {
        POST_VOUCHER(45), ADD_JOURNAL_LINE(10), LIST_VOUCHERS(15), TRIAL_BALANCE(10), VAT_RETURN(10), REPORT_CSV(5), VOUCHERS_PAGE(5),
        /** The whole year's journal export: not in the day's mix, the heavy report of {@link TenantScenarios}' storm. */
        JOURNAL_EXPORT(0);

        final int weight;

        Action(int weight) {
            this.weight = weight;
        }

        boolean interactive() {
            return this != REPORT_CSV && this != JOURNAL_EXPORT;
        }
    }

    record Company(long id, String token, long journalId) {}

    /** Per second of the run: answers by outcome, and the admitted answers' latency per action. */
    static final class Second {
        final AtomicLong ok = new AtomicLong(), refused = new AtomicLong(), failed = new AtomicLong(), dropped = new AtomicLong();
        final Recorder admitted = new Recorder(HIGHEST_LATENCY_MICROS, 3);
        final Recorder refusals = new Recorder(HIGHEST_LATENCY_MICROS, 3);
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final String base;
    private final List<Company> companies = new ArrayList<>();
    private final Map<Integer, Second> seconds = new ConcurrentHashMap<>();
    private final Map<String, String> posted = new ConcurrentHashMap<>();
    private final Map<Action, Map<Integer, Histogram>> admittedByPhase = new EnumMap<>(Action.class);
    private final Map<Integer, long[]> outcomesByPhase = new ConcurrentHashMap<>();
    private final Map<Integer, Histogram> refusalsByPhase = new ConcurrentHashMap<>();
    private final Action[] mix;

    VatDayBenchmark(String base) {
        this.base = base;
        List<Action> weighted = new ArrayList<>();
        for (Action a : Action.values()) for (int i = 0; i < a.weight; i++) weighted.add(a);
        this.mix = weighted.toArray(Action[]::new);
        for (Action a : Action.values()) admittedByPhase.put(a, new ConcurrentHashMap<>());
    }

    /** {@code --name=value} arguments, in order. */
    static Map<String, String> arguments(String[] args) {
        Map<String, String> arg = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 0) throw new IllegalArgumentException("arguments are --name=value; got " + a);
            arg.put(a.substring(2, eq), a.substring(eq + 1));
        }
        return arg;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> arg = arguments(args);
        VatDayBenchmark run = new VatDayBenchmark(arg.get("base-url"));
        Duration phase = Duration.parse("PT" + arg.getOrDefault("phase", "30s").toUpperCase(Locale.ROOT));
        Duration probe = Duration.parse("PT" + arg.getOrDefault("probe", "20s").toUpperCase(Locale.ROOT));
        int companies = Integer.parseInt(arg.getOrDefault("companies", "40"));
        long appPid = Long.parseLong(arg.getOrDefault("app-pid", "0"));
        run.setUp(companies);
        Duration warmup = Duration.parse("PT" + arg.getOrDefault("warmup", "150s").toUpperCase(Locale.ROOT));
        say("warming up for %s (the JIT compiles for about two minutes of a core)", warmup);
        run.probe(warmup, Integer.parseInt(arg.getOrDefault("probe-clients", "32")));
        double capacity = arg.containsKey("capacity") ? Double.parseDouble(arg.get("capacity"))
                : run.probe(probe, Integer.parseInt(arg.getOrDefault("probe-clients", "32")));
        say("capacity %.0f requests/s; ramping %s of it, %s each", capacity, java.util.Arrays.toString(PHASES), phase);
        long cpuBefore = processTicks(ProcessHandle.current().pid());
        long appBefore = appPid > 0 ? processTicks(appPid) : 0;
        long started = System.nanoTime();
        run.drive(capacity, phase);
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        double generatorCores = (processTicks(ProcessHandle.current().pid()) - cpuBefore) / 100.0 / wallSeconds;
        double appCores = appPid > 0 ? (processTicks(appPid) - appBefore) / 100.0 / wallSeconds : 0;
        String audit = run.audit();
        Path out = Path.of(arg.get("report-dir")).resolve(arg.get("label") + ".json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, run.json(arg.get("label"), capacity, phase, generatorCores, appCores, audit));
        say("wrote %s (generator %.2f cores, app %.2f cores; audit: %s)", out, generatorCores, appCores, audit);
    }

    // ------------------------------------------------------------------ set-up and the capacity probe

    void setUp(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            String email = "vatday-" + UUID.randomUUID().toString().substring(0, 12) + "@example.dk";
            expect(send(post("/api/v1/users", null, "{\"email\":\"" + email + "\",\"password\":\"vat day password\",\"name\":\"Bogholder " + i + "\"}")), 201);
            String token = json(expect(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"vat day password\"}")).build()), 200))
                    .get("token").asString();
            long id = json(expect(send(post("/api/v1/companies", token, "{\"name\":\"Momsdag " + i + " ApS\",\"cvr\":\"12345674\",\"vatPeriod\":\"QUARTER\"}")), 201))
                    .get("id").asLong();
            long journal = json(expect(send(post("/api/v1/companies/" + id + "/journals", token, "{\"name\":\"Kassekladde\"}")), 201)).get("id").asLong();
            companies.add(new Company(id, token, journal));
        }
        say("set up %d companies", count);
    }

    /** Closed loop at a fixed concurrency over the same mix: its throughput is the capacity the ramp is scaled to. */
    double probe(Duration length, int clients) throws Exception {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + length.toNanos();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                long seed = c;
                pool.submit(() -> {
                    Random random = new Random(seed);
                    while (System.nanoTime() < end) {
                        try {
                            if (send(request(mix[random.nextInt(mix.length)], random)).statusCode() < 400) done.incrementAndGet();
                        } catch (IOException | InterruptedException e) {
                            return null;
                        }
                    }
                    return null;
                });
            }
        }
        return done.get() / (double) length.toSeconds();
    }

    // ------------------------------------------------------------------ the open model

    void drive(double capacity, Duration phase) throws InterruptedException {
        Semaphore inFlight = new Semaphore(IN_FLIGHT_MAX);
        Random random = new Random(1);
        long start = System.nanoTime();
        long due = start;
        try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int p = 0; p < PHASES.length; p++) {
                double rate = PHASES[p] * capacity;
                long phaseEnd = start + (p + 1) * phase.toNanos();
                long gap = (long) (1e9 / rate);
                while (due < phaseEnd) {
                    long wait = due - System.nanoTime();
                    if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    int second = (int) ((due - start) / 1_000_000_000L);
                    Second s = seconds.computeIfAbsent(second, k -> new Second());
                    if (!inFlight.tryAcquire()) {
                        s.dropped.incrementAndGet();
                    } else {
                        Action action = mix[random.nextInt(mix.length)];
                        HttpRequest request = request(action, new Random(random.nextLong()));
                        long dueAt = due;
                        int phaseIndex = p;
                        requests.submit(() -> {
                            try {
                                answer(action, request, dueAt, s, phaseIndex);
                            } finally {
                                inFlight.release();
                            }
                        });
                    }
                    due += gap;
                }
            }
        }
    }

    private void answer(Action action, HttpRequest request, long dueAt, Second second, int phase) {
        int status;
        String body = null;
        try {
            HttpResponse<String> response = send(request);
            status = response.statusCode();
            body = response.body();
        } catch (IOException | InterruptedException e) {
            status = 0;
        }
        long micros = Math.max(0, (System.nanoTime() - dueAt) / 1_000);
        long[] outcomes = outcomesByPhase.computeIfAbsent(phase, k -> new long[4]);
        if (status >= 200 && status < 400) {
            second.ok.incrementAndGet();
            if (action.interactive()) second.admitted.recordValue(Math.min(micros, HIGHEST_LATENCY_MICROS));
            admittedByPhase.get(action).computeIfAbsent(phase, k -> new Histogram(HIGHEST_LATENCY_MICROS, 3)).recordValue(Math.min(micros, HIGHEST_LATENCY_MICROS));
            synchronized (outcomes) { outcomes[0]++; }
            if (action == Action.POST_VOUCHER && status == 201) {
                JsonNode voucher = LedgerlineClient.JSON.readTree(body);
                String company = request.uri().getPath().split("/")[4];
                posted.put(request.headers().firstValue("Idempotency-Key").orElseThrow(),
                        company + "/" + voucher.get("fiscalYear").asInt() + "/" + voucher.get("number").asInt() + "/" + voucher.get("text").asString());
            }
        } else if (status == 503) {
            second.refused.incrementAndGet();
            second.refusals.recordValue(Math.min(micros, HIGHEST_LATENCY_MICROS));
            refusalsByPhase.computeIfAbsent(phase, k -> new Histogram(HIGHEST_LATENCY_MICROS, 3)).recordValue(Math.min(micros, HIGHEST_LATENCY_MICROS));
            synchronized (outcomes) { outcomes[1]++; }
        } else if (status >= 400 && status < 500) {
            // the request's own fault (the generator's, here): not a failure of the server, shown apart
            synchronized (outcomes) { outcomes[3]++; }
        } else {
            second.failed.incrementAndGet();
            synchronized (outcomes) { outcomes[2]++; }
        }
    }

    HttpRequest request(Action action, Random random) {
        return request(action, companies.get(random.nextInt(companies.size())), random);
    }

    List<Company> companies() {
        return companies;
    }

    /** The day's mix: each action as often as its weight says. */
    Action[] mix() {
        return mix;
    }

    HttpRequest request(Action action, Company c, Random random) {
        String company = "/api/v1/companies/" + c.id();
        LocalDate day = LocalDate.of(2026, 1 + random.nextInt(11), 1 + random.nextInt(28));
        long amount = 10_000 + random.nextInt(5_000_000);
        String kroner = amount / 100 + "." + String.format(Locale.ROOT, "%02d", amount % 100);
        return switch (action) {
            case POST_VOUCHER -> post(company + "/vouchers", c.token(), "{\"date\":\"" + day + "\",\"text\":\"Faktura " + random.nextInt(1_000_000)
                    + "\",\"lines\":[{\"account\":6190,\"amount\":\"" + kroner + "\"},{\"account\":1010,\"amount\":\"-" + kroner + "\",\"vatCode\":\"U25\"}]}");
            case ADD_JOURNAL_LINE -> post(company + "/journals/" + c.journalId() + "/lines", c.token(), "{\"date\":\"" + day
                    + "\",\"text\":\"Kontorartikler\",\"account\":2030,\"amount\":\"" + kroner + "\",\"vatCode\":\"I25\",\"contraAccount\":6480}");
            case LIST_VOUCHERS -> get(company + "/vouchers?from=" + day.withDayOfMonth(1) + "&to=" + day + "&limit=50", c.token());
            case TRIAL_BALANCE -> get(company + "/reports/trial-balance?from=2026-01-01&to=" + day, c.token());
            case VAT_RETURN -> get(company + "/vat-returns/2026-Q" + (1 + (day.getMonthValue() - 1) / 3), c.token());
            case REPORT_CSV -> get(company + "/reports/trial-balance?from=2026-01-01&to=2026-12-31&format=csv", c.token());
            case JOURNAL_EXPORT -> get(company + "/exports/journal.ledger?from=2026-01-01&to=2026-12-31", c.token());
            case VOUCHERS_PAGE -> HttpRequest.newBuilder(URI.create(base + "/companies/" + c.id() + "/vouchers"))
                    .header("Cookie", "ledgerline_session=" + c.token()).timeout(REQUEST_TIMEOUT).GET().build();
        };
    }

    // ------------------------------------------------------------------ the audit

    /** Every posting answered 201 is stored with the number it was told, numbers are gapless, ledgers balance. */
    String audit() throws Exception {
        long stored = 0;
        List<String> broken = new ArrayList<>();
        java.util.Set<String> vouchers = new java.util.HashSet<>();
        for (Company c : companies) {
            String path = "/api/v1/companies/" + c.id() + "/vouchers?limit=200";
            List<Integer> numbers = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = json(expect(send(get(path + (cursor == null ? "" : "&cursor=" + cursor), c.token())), 200));
                for (JsonNode v : page.get("items")) {
                    numbers.add(v.get("number").asInt());
                    vouchers.add(c.id() + "/" + v.get("fiscalYear").asInt() + "/" + v.get("number").asInt() + "/" + v.get("text").asString());
                }
                cursor = page.get("next").isNull() ? null : page.get("next").asString();
            } while (cursor != null);
            stored += numbers.size();
            numbers.sort(Integer::compare);
            for (int i = 0; i < numbers.size(); i++) if (numbers.get(i) != i + 1) { broken.add("company " + c.id() + " has a gap at " + (i + 1)); break; }
            JsonNode trial = json(expect(send(get("/api/v1/companies/" + c.id() + "/reports/trial-balance?from=2026-01-01&to=2026-12-31", c.token())), 200));
            if (!"0.00".equals(trial.get("totals").get("balance").asString())) broken.add("company " + c.id() + " does not balance");
        }
        long missing = posted.values().stream().filter(v -> !vouchers.contains(v)).count();
        if (missing > 0) broken.add(missing + " postings answered 201 are not stored as answered");
        return broken.isEmpty() ? "every check held: all " + posted.size() + " postings answered 201 in the ramp are stored with the number and text answered ("
                + stored + " vouchers in all, with the warm-up's), numbers gapless, every ledger balanced"
                : "BROKEN: " + String.join("; ", broken);
    }

    // ------------------------------------------------------------------ results

    String json(String label, double capacity, Duration phase, double generatorCores, double appCores, String audit) {
        StringBuilder out = new StringBuilder("{\"label\":\"").append(label).append("\",\"capacity\":").append(round(capacity))
                .append(",\"phaseSeconds\":").append(phase.toSeconds()).append(",\"generatorCores\":").append(round(generatorCores))
                .append(",\"appCores\":").append(round(appCores)).append(",\"audit\":\"").append(audit.replace("\"", "'")).append("\",\"phases\":[");
        for (int p = 0; p < PHASES.length; p++) {
            long[] o = outcomesByPhase.getOrDefault(p, new long[4]);
            Histogram refusals = refusalsByPhase.get(p);
            out.append(p == 0 ? "" : ",").append("{\"multiple\":").append(PHASES[p]).append(",\"ok\":").append(o[0]).append(",\"refused\":").append(o[1])
                    .append(",\"failed\":").append(o[2]).append(",\"clientErrors\":").append(o[3]).append(",\"refusalP99Ms\":").append(refusals == null ? "null" : round(refusals.getValueAtPercentile(99) / 1000.0))
                    .append(",\"actions\":{");
            boolean first = true;
            for (Action a : Action.values()) {
                Histogram h = admittedByPhase.get(a).get(p);
                if (h == null) continue;
                out.append(first ? "" : ",").append("\"").append(a).append("\":{\"n\":").append(h.getTotalCount())
                        .append(",\"p50Ms\":").append(round(h.getValueAtPercentile(50) / 1000.0)).append(",\"p99Ms\":").append(round(h.getValueAtPercentile(99) / 1000.0)).append("}");
                first = false;
            }
            out.append("}}");
        }
        out.append("],\"timeline\":[");
        int last = seconds.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
        for (int s = 0; s <= last; s++) {
            Second sec = seconds.getOrDefault(s, new Second());
            Histogram admitted = sec.admitted.getIntervalHistogram();
            Histogram refused = sec.refusals.getIntervalHistogram();
            out.append(s == 0 ? "" : ",").append("[").append(sec.ok.get()).append(",").append(sec.refused.get()).append(",").append(sec.failed.get())
                    .append(",").append(sec.dropped.get()).append(",").append(admitted.getTotalCount() == 0 ? "null" : round(admitted.getValueAtPercentile(99) / 1000.0))
                    .append(",").append(refused.getTotalCount() == 0 ? "null" : round(refused.getValueAtPercentile(99) / 1000.0)).append("]");
        }
        return out.append("]}\n").toString();
    }

    // ------------------------------------------------------------------ HTTP

    private HttpRequest post(String path, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString()).POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return b.build();
    }

    private HttpRequest get(String path, String token) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT).header("Authorization", "Bearer " + token).GET().build();
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": " + response.body());
        return response;
    }

    private static JsonNode json(HttpResponse<String> response) {
        return LedgerlineClient.JSON.readTree(response.body());
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** User plus system CPU ticks (1/100 s) of a process and its threads, from /proc. */
    static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static void say(String format, Object... args) {
        System.out.println("vat-day: " + String.format(Locale.ROOT, format, args));
    }
}
