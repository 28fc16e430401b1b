package dk.ledgerline.bench;

import dk.ledgerline.bench.BenchmarkSettings.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The posting baseline: drives {@code POST /api/v1/companies/{id}/vouchers} on a running Ledgerline
 * at each level of concurrent clients, in two scenarios, then checks through the API that the
 * ledgers hold exactly what the clients were told, and writes docs/benchmarks/posting.md.
 *
 * <p>Run it with {@code bin/bench-posting}, which builds and starts the app on a fresh embedded
 * PostgreSQL. It is a program, not a test: surefire skips {@code *Benchmark*}, and nothing here
 * asserts a time. It exits 1 when an invariant is broken, 2 when the run itself failed.
 */
public final class PostingBenchmark {
    /** How long to watch the machine before loading it, to report what else is running. */
    static final Duration BACKGROUND_SAMPLE = Duration.ofSeconds(3);
    /** Lets the app's connections and the clients' sockets settle between levels, so one level's tail is not the next one's start. */
    static final Duration PAUSE_BETWEEN_LEVELS = Duration.ofSeconds(2);
    /** The app should be up when this starts (the script waits for it); this is only a last guard. */
    static final Duration HEALTH_WAIT_MAX = Duration.ofSeconds(60);

    private PostingBenchmark() {}

    public static void main(String[] args) {
        int exit;
        try {
            exit = run(BenchmarkSettings.from(args));
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            exit = 2;
        } catch (Exception e) {
            System.err.println("bench: the run failed: " + e);
            e.printStackTrace();
            exit = 2;
        }
        System.exit(exit);
    }

    static int run(BenchmarkSettings settings) throws IOException, InterruptedException {
        Instant startedAt = Instant.now();
        LedgerlineClient api = new LedgerlineClient(settings.baseUrl());
        awaitHealthy(api);
        Machine machine = Machine.probe(settings.appPid(), settings.dataDirectory());
        say("machine: %s, %d CPUs, %s; %s", machine.cpuModel(), machine.cpus(), machine.java(),
                machine.postgres().getOrDefault("version", "PostgreSQL " + machine.postgres().get("PG_VERSION")));

        CpuUse background = awaitQuiet(settings, machine, "before the run");
        machine = machine.withLoadAverageNow();

        String runId = UUID.randomUUID().toString().substring(0, 8);
        LoadLevel load = new LoadLevel(api, settings.appPid(), machine.postgresPid());
        List<LoadLevel.Result> results = new ArrayList<>();
        if (settings.primer().isPositive()) {
            List<BenchTenant> tenants = new ArrayList<>();
            for (int i = 0; i < BenchmarkSettings.PRIMER_CLIENTS; i++) tenants.add(BenchTenant.create(api, runId, "Firma primer-" + i));
            say("primer: %d clients for %d s, not measured (the JIT and the caches warm up)", tenants.size(), settings.primer().toSeconds());
            results.add(load.run(Scenario.MANY_COMPANIES, tenants, tenants, Duration.ZERO, settings.primer(), LoadLevel.Role.PRIMER));
            Thread.sleep(PAUSE_BETWEEN_LEVELS);
        }
        for (Scenario scenario : settings.scenarios()) {
            for (int clients : settings.levels()) {
                for (int attempt = 0; ; attempt++) {
                    LoadLevel.Result result = level(settings, machine, api, load, runId, scenario, clients);
                    boolean disturbed = result.cpu().otherCores() > BenchmarkSettings.OTHER_CORES_NOTICEABLE;
                    if (!disturbed || attempt >= settings.repeatDisturbed()) {
                        results.add(result);
                        break;
                    }
                    say("  other processes took %.2f cores during that window; running the level again (%d of at most %d repeats)",
                            result.cpu().otherCores(), attempt + 1, settings.repeatDisturbed());
                    results.add(result.as(LoadLevel.Role.DISTURBED));
                }
            }
        }

        say("checking the ledgers through the API");
        LedgerAudit audit = new LedgerAudit(api);
        List<LedgerAudit.Check> replays = new ArrayList<>();
        for (LoadLevel.Result result : results) replays.add(audit.replay(result));
        List<PostingReport.Audited> audited = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            LedgerAudit.Outcome outcome = audit.audit(results.get(i), replays.get(i));
            audited.add(new PostingReport.Audited(results.get(i), outcome));
            say("  %s %d clients: %d acknowledged, %d stored: %s", results.get(i).label(), results.get(i).clients(),
                    outcome.acknowledged(), outcome.stored(), outcome.passed() ? "passed" : "FAILED");
            for (LedgerAudit.Check check : outcome.checks()) {
                if (check.passed()) continue;
                say("    broken: %s (%s)", check.name(), check.detail());
                for (String finding : check.findings()) say("      %s", finding);
            }
        }

        PostingReport report = new PostingReport(settings, machine, background, audited, startedAt, Instant.now(),
                Machine.databaseSize(machine.postgresPort()), AppLog.read(settings.appLog()));
        Path path = settings.report();
        if (path.getParent() != null) Files.createDirectories(path.getParent());
        Files.writeString(path, report.render());
        say("wrote %s", path);
        if (!report.passed()) {
            System.err.println("bench: an invariant was broken; see " + path);
            return 1;
        }
        return 0;
    }

    /** One level on fresh tenants: scenario A gives each client its own company, B gives them all one. */
    private static LoadLevel.Result level(BenchmarkSettings settings, Machine machine, LedgerlineClient api, LoadLevel load, String runId,
                                          Scenario scenario, int clients) throws IOException, InterruptedException {
        List<BenchTenant> tenants = new ArrayList<>();
        List<BenchTenant> tenantOfClient = new ArrayList<>();
        if (scenario == Scenario.MANY_COMPANIES) {
            for (int i = 0; i < clients; i++) tenants.add(BenchTenant.create(api, runId, "Firma " + scenario.letter + clients + "-" + i));
            tenantOfClient.addAll(tenants);
        } else {
            tenants.add(BenchTenant.create(api, runId, "Firma " + scenario.letter + clients));
            tenantOfClient.addAll(Collections.nCopies(clients, tenants.getFirst()));
        }
        awaitQuiet(settings, machine, "before scenario " + scenario.letter + " at " + clients + " clients");
        say("scenario %s, %d clients: warm-up %d s, measuring %d s", scenario.letter, clients, settings.warmup().toSeconds(), settings.measure().toSeconds());
        LoadLevel.Result result = load.run(scenario, tenantOfClient, tenants, settings.warmup(), settings.measure(), LoadLevel.Role.MEASURED);
        var h = result.tally().voucherLatencyUs;
        say("  %.1f vouchers/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms; non-201 in window: %d; CPU %.0f %% busy (app %.2f, PostgreSQL %.2f, generator %.2f, other %.2f cores)",
                result.vouchersPerSecond(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0,
                result.nonCreatedMeasured(), result.cpu().busyPercent(), result.cpu().appCores(), result.cpu().postgresCores(),
                result.cpu().generatorCores(), result.cpu().otherCores());
        Thread.sleep(PAUSE_BETWEEN_LEVELS);
        return result;
    }

    /**
     * Waits, up to quiet-wait, until other work on the machine (a build, say) takes less than
     * {@link BenchmarkSettings#QUIET_BUSY_PERCENT_MAX} of it, and returns the last reading. Called
     * before the run and before each level; whatever happens during a level, the report shows.
     */
    private static CpuUse awaitQuiet(BenchmarkSettings settings, Machine machine, String when) throws InterruptedException {
        long giveUpAt = System.nanoTime() + settings.quietWait().toNanos();
        boolean told = false;
        while (true) {
            CpuUse.Snapshot start = CpuUse.snapshot(settings.appPid(), machine.postgresPid());
            Thread.sleep(BACKGROUND_SAMPLE);
            CpuUse background = CpuUse.between(start, CpuUse.snapshot(settings.appPid(), machine.postgresPid()), machine.cpus());
            boolean quiet = background.busyPercent() <= BenchmarkSettings.QUIET_BUSY_PERCENT_MAX;
            if (quiet || System.nanoTime() >= giveUpAt) {
                say("%s the machine was %.0f %% busy%s", when, background.busyPercent(),
                        quiet ? "" : "; going ahead anyway (quiet-wait " + settings.quietWait().toSeconds() + " s is over): the report will say so");
                return background;
            }
            if (!told) {
                say("the machine is %.0f %% busy with other work; waiting up to %d s for it to fall below %.0f %%",
                        background.busyPercent(), settings.quietWait().toSeconds(), BenchmarkSettings.QUIET_BUSY_PERCENT_MAX);
                told = true;
            }
        }
    }

    private static void awaitHealthy(LedgerlineClient api) throws InterruptedException {
        long giveUpAt = System.nanoTime() + HEALTH_WAIT_MAX.toNanos();
        while (true) {
            try {
                if (api.get("/actuator/health", null).status() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > giveUpAt) throw new IllegalStateException("the app did not report healthy within " + HEALTH_WAIT_MAX.toSeconds() + " s");
            Thread.sleep(500);
        }
    }

    private static void say(String format, Object... args) {
        System.out.println("bench: " + String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
