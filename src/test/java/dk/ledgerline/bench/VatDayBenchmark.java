package dk.ledgerline.bench;

import java.io.IOException;
import java.net.URI;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpFields;
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

    /** As many connections as the server accepts (server.jetty.max-connections); past them a request waits in the client, from its due time. */
    static final int CONNECTIONS_MAX = 2_000;
    /** The largest answer read: a whole year's journal export of a simulated company is a few MB. */
    static final int ANSWER_BYTES_MAX = 256 * 1024 * 1024;

    /** One request, plain, for {@link #send}. */
    record Call(String method, URI uri, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    /** One answer, read whole. */
    record Answer(int statusCode, String body, HttpFields headers) {
        long headerAsLong(String name, long otherwise) {
            String value = headers.get(name);
            return value == null ? otherwise : Long.parseLong(value.trim());
        }
    }

    /**
     * Jetty's client (on the classpath with the server's WebSocket support), not java.net.http's:
     * the generator shares the machine with the app and the database, and java.net.http took about
     * 0.3 ms of CPU per request, so at three times the capacity the generator alone took a third of
     * two cores from the server it measures.
     */
    private final HttpClient http = startedClient();
    private final String base;
    private final List<Company> companies = new ArrayList<>();
    private final Map<Integer, Second> seconds = new ConcurrentHashMap<>();
    private final Map<String, String> posted = new ConcurrentHashMap<>();
    private final Map<Action, Map<Integer, Histogram>> admittedByPhase = new EnumMap<>(Action.class);
    private final Map<Integer, long[]> outcomesByPhase = new ConcurrentHashMap<>();
    private final Map<Integer, Histogram> refusalsByPhase = new ConcurrentHashMap<>();
    private final Action[] mix;
    /** The app's process, for where the CPU went (0: not known). */
    long appPid;
    /** Per phase: cores taken by the generator, the app, PostgreSQL, and left idle. */
    private final Map<Integer, double[]> cpuByPhase = new ConcurrentHashMap<>();

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
        run.appPid = appPid;
        run.setUp(companies);
        Duration warmup = Duration.parse("PT" + arg.getOrDefault("warmup", "150s").toUpperCase(Locale.ROOT));
        say("warming up for %s (the JIT compiles for about two minutes of a core)", warmup);
        run.probe(warmup, Integer.parseInt(arg.getOrDefault("probe-clients", "32")));
        double capacity = arg.containsKey("capacity") ? Double.parseDouble(arg.get("capacity"))
                : run.probe(probe, Integer.parseInt(arg.getOrDefault("probe-clients", "32")));
        say("capacity %.0f requests/s; ramping %s of it, %s each", capacity, java.util.Arrays.toString(PHASES), phase);
        CpuSample before = CpuSample.take(appPid);
        run.drive(capacity, phase);
        double[] cores = CpuSample.take(appPid).coresSince(before);
        double generatorCores = cores[0];
        double appCores = cores[1];
        String audit = run.audit();
        Path out = Path.of(arg.get("report-dir")).resolve(arg.get("label") + ".json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, run.json(arg.get("label"), capacity, phase, generatorCores, appCores, audit));
        say("wrote %s (generator %.2f cores, app %.2f cores; audit: %s)", out, generatorCores, appCores, audit);
        run.stop();
    }

    // ------------------------------------------------------------------ set-up and the capacity probe

    void setUp(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            String email = "vatday-" + UUID.randomUUID().toString().substring(0, 12) + "@example.dk";
            expect(send(post("/api/v1/users", null, "{\"email\":\"" + email + "\",\"password\":\"vat day password\",\"name\":\"Bogholder " + i + "\"}")), 201);
            String token = json(expect(send(new Call("POST", URI.create(base + "/api/v1/auth/token"), Map.of("Content-Type", "application/json"),
                    "{\"email\":\"" + email + "\",\"password\":\"vat day password\"}")), 200))
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
            CpuSample phaseStart = CpuSample.take(appPid);
            for (int p = 0; p < PHASES.length; p++) {
                if (p > 0) {
                    CpuSample now = CpuSample.take(appPid);
                    cpuByPhase.put(p - 1, now.coresSince(phaseStart));
                    phaseStart = now;
                }
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
                        Call request = request(action, new Random(random.nextLong()));
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
            cpuByPhase.put(PHASES.length - 1, CpuSample.take(appPid).coresSince(phaseStart));
        }
    }

    private void answer(Action action, Call request, long dueAt, Second second, int phase) {
        int status;
        String body = null;
        try {
            Answer response = send(request);
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
                posted.put(request.header("Idempotency-Key"),
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

    Call request(Action action, Random random) {
        return request(action, companies.get(random.nextInt(companies.size())), random);
    }

    List<Company> companies() {
        return companies;
    }

    /** The day's mix: each action as often as its weight says. */
    Action[] mix() {
        return mix;
    }

    Call request(Action action, Company c, Random random) {
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
            case VOUCHERS_PAGE -> new Call("GET", URI.create(base + "/companies/" + c.id() + "/vouchers"), Map.of("Cookie", "ledgerline_session=" + c.token()), null);
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
                    .append(",\"cpu\":").append(cpuJson(cpuByPhase.get(p)))
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

    private Call post(String path, String token, String json) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Idempotency-Key", UUID.randomUUID().toString());
        if (token != null) headers.put("Authorization", "Bearer " + token);
        return new Call("POST", URI.create(base + path), headers, json);
    }

    private Call get(String path, String token) {
        return new Call("GET", URI.create(base + path), Map.of("Authorization", "Bearer " + token), null);
    }

    /** Stops the HTTP client, whose threads would keep the JVM running. */
    void stop() throws Exception {
        http.stop();
    }

    private static HttpClient startedClient() {
        HttpClient client = new HttpClient();
        client.setMaxConnectionsPerDestination(CONNECTIONS_MAX);
        client.setMaxRequestsQueuedPerDestination(IN_FLIGHT_MAX);
        client.setConnectTimeout(5_000);
        client.setFollowRedirects(false);
        client.setUserAgentField(null);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("the HTTP client did not start", e);
        }
        return client;
    }

    Answer send(Call call) throws IOException, InterruptedException {
        Request request = http.newRequest(call.uri()).method(call.method()).timeout(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        request.headers(headers -> call.headers().forEach((name, value) -> {
            if (!name.equals("Content-Type")) headers.put(name, value);
        }));
        if (call.body() != null) request.body(new StringRequestContent(call.header("Content-Type"), call.body()));
        try {
            ContentResponse response = new CompletableResponseListener(request, ANSWER_BYTES_MAX).send().get();
            return new Answer(response.getStatus(), response.getContentAsString(), response.getHeaders());
        } catch (ExecutionException failed) {
            throw new IOException(call.method() + " " + call.uri() + ": " + failed.getCause(), failed.getCause());
        }
    }

    private static Answer expect(Answer response, int status) {
        if (response.statusCode() != status) throw new IllegalStateException("answered " + response.statusCode() + ": " + response.body());
        return response;
    }

    private static JsonNode json(Answer response) {
        return LedgerlineClient.JSON.readTree(response.body());
    }

    private static String cpuJson(double[] cores) {
        if (cores == null) return "null";
        return "{\"generator\":" + round(cores[0]) + ",\"app\":" + round(cores[1]) + ",\"postgres\":" + round(cores[2]) + ",\"idle\":" + round(cores[3]) + "}";
    }

    /**
     * CPU ticks (1/100 s) of the generator, the app, every PostgreSQL process, and the machine's idle
     * time, at one moment, from /proc: what each took over a phase, so the report can say how much of
     * the machine the generator took from the server it measures, and whether the machine was full.
     */
    record CpuSample(long nanos, long generator, long app, long postgres, long idle) {
        static CpuSample take(long appPid) {
            return new CpuSample(System.nanoTime(), processTicks(ProcessHandle.current().pid()), appPid > 0 ? processTicks(appPid) : 0, postgresTicks(), idleTicks());
        }

        double[] coresSince(CpuSample earlier) {
            double seconds = (nanos - earlier.nanos) / 1e9;
            return new double[] {(generator - earlier.generator) / 100.0 / seconds, (app - earlier.app) / 100.0 / seconds,
                    (postgres - earlier.postgres) / 100.0 / seconds, (idle - earlier.idle) / 100.0 / seconds};
        }

        private static long postgresTicks() {
            long sum = 0;
            try (var processes = Files.list(Path.of("/proc"))) {
                for (Path process : processes.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                    try {
                        if ("postgres".equals(Files.readString(process.resolve("comm")).trim())) sum += processTicks(Long.parseLong(process.getFileName().toString()));
                    } catch (IOException gone) {
                        // ended meanwhile
                    }
                }
            } catch (IOException e) {
                return 0;
            }
            return sum;
        }

        /** Idle and I/O-wait ticks of all CPUs together. */
        private static long idleTicks() {
            try {
                String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
                return Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
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
