package dk.ledgerline.bench;

import dk.ledgerline.bench.VatDayBenchmark.Action;
import dk.ledgerline.bench.VatDayBenchmark.Answer;
import dk.ledgerline.bench.VatDayBenchmark.Call;
import dk.ledgerline.bench.VatDayBenchmark.Company;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Two scenarios of the VAT-day simulator that measure isolation rather than capacity. Each is an
 * open model at a fixed rate in two phases, first undisturbed, then disturbed, on the same app:
 * <ul>
 * <li>{@code noisy}: every company posts, keeps its kassekladde and reads its reports in the day's
 * mix, together at {@link #OTHERS_RATE} of the capacity; in the second phase the first company
 * sends {@link #NOISY_MULTIPLE} times its share. What counts is the other companies' p99.</li>
 * <li>{@code storm}: postings arrive at {@link #STORM_POSTING_RATE} of the capacity; in the second
 * phase {@link #STORM_CLIENTS} clients download whole journal exports in a closed loop (after a 503,
 * they wait its Retry-After, as a client should). What counts is the postings' p99.</li>
 * </ul>
 * Arguments as {@link VatDayBenchmark}'s, and {@code --scenario=noisy|storm|probe} (probe: only the
 * capacity, for the runs that follow to share). Writes {@code <label>.json}.
 */
public final class TenantScenarios {
    /**
     * Below the capacity, so that the others alone are served without refusals (an open model at
     * 0.9 of a closed-loop probe already refused a third of them); with 10 companies the noisy one's
     * ten shares then take the node past its capacity (1.14 times it), as on the day itself.
     */
    static final double OTHERS_RATE = 0.6;
    static final int NOISY_MULTIPLE = 10;
    /** Posting well below capacity, so that what slows it in the storm is the reports. */
    static final double STORM_POSTING_RATE = 0.5;
    static final int STORM_CLIENTS = 16;
    /** A storm client waits at most this after a 503, whatever Retry-After says. */
    static final Duration STORM_RETRY_WAIT_MAX = Duration.ofSeconds(2);

    /** Arrivals of one group: at a rate (open), or by a number of clients in a loop (closed). */
    record Stream(String group, double rate, int clients, Action[] mix, List<Company> companies) {}

    record Phase(String name, List<Stream> streams) {}

    /** Answers of one group in one phase, and the admitted ones' latency from when they were due. */
    static final class Tally {
        final AtomicLong ok = new AtomicLong(), refused = new AtomicLong(), failed = new AtomicLong();
        private final Histogram admitted = new Histogram(VatDayBenchmark.HIGHEST_LATENCY_MICROS, 3);

        synchronized void admitted(long micros) {
            admitted.recordValue(Math.min(micros, VatDayBenchmark.HIGHEST_LATENCY_MICROS));
        }

        synchronized double percentileMs(double percentile) {
            return admitted.getTotalCount() == 0 ? Double.NaN : admitted.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private final VatDayBenchmark day;
    private final Map<String, Tally> tallies = new LinkedHashMap<>();

    TenantScenarios(VatDayBenchmark day) {
        this.day = day;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> arg = VatDayBenchmark.arguments(args);
        String scenario = arg.getOrDefault("scenario", "noisy");
        VatDayBenchmark day = new VatDayBenchmark(arg.get("base-url"));
        Duration phase = duration(arg.getOrDefault("phase", "30s"));
        day.setUp(Integer.parseInt(arg.getOrDefault("companies", "40")));
        VatDayBenchmark.say("warming up for %s", arg.getOrDefault("warmup", "150s"));
        day.probe(duration(arg.getOrDefault("warmup", "150s")), 32);
        double capacity = arg.containsKey("capacity") ? Double.parseDouble(arg.get("capacity")) : day.probe(duration(arg.getOrDefault("probe", "20s")), 32);
        TenantScenarios run = new TenantScenarios(day);
        if (scenario.equals("probe")) {
            Path out = Path.of(arg.get("report-dir")).resolve(arg.get("label") + ".json");
            Files.createDirectories(out.getParent());
            Files.writeString(out, String.format(Locale.ROOT, "{\"label\":\"%s\",\"capacity\":%.1f}%n", arg.get("label"), capacity));
            VatDayBenchmark.say("capacity %.0f requests/s", capacity);
            day.stop();
            return;
        }
        List<Phase> phases = switch (scenario) {
            case "noisy" -> run.noisy(capacity);
            case "storm" -> run.storm(capacity);
            default -> throw new IllegalArgumentException("--scenario is noisy, storm or probe; was " + scenario);
        };
        VatDayBenchmark.say("%s at capacity %.0f requests/s, %s per phase", scenario, capacity, phase);
        for (Phase p : phases) run.drive(p, phase);
        Path out = Path.of(arg.get("report-dir")).resolve(arg.get("label") + ".json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, run.json(arg.get("label"), scenario, capacity, phase, phases));
        VatDayBenchmark.say("wrote %s", out);
        day.stop();
    }

    List<Phase> noisy(double capacity) {
        List<Company> all = day.companies();
        List<Company> noisy = all.subList(0, 1);
        List<Company> others = all.subList(1, all.size());
        double share = OTHERS_RATE * capacity / all.size();
        return List.of(
                new Phase("quiet", List.of(new Stream("others", share * others.size(), 0, day.mix(), others), new Stream("noisy", share, 0, day.mix(), noisy))),
                new Phase("noisy", List.of(new Stream("others", share * others.size(), 0, day.mix(), others),
                        new Stream("noisy", share * NOISY_MULTIPLE, 0, day.mix(), noisy))));
    }

    List<Phase> storm(double capacity) {
        Action[] posting = {Action.POST_VOUCHER};
        Stream postings = new Stream("posting", STORM_POSTING_RATE * capacity, 0, posting, day.companies());
        return List.of(new Phase("quiet", List.of(postings)),
                new Phase("storm", List.of(postings, new Stream("reports", 0, STORM_CLIENTS, new Action[] {Action.JOURNAL_EXPORT}, day.companies()))));
    }

    void drive(Phase phase, Duration length) throws InterruptedException {
        long end = System.nanoTime() + length.toNanos();
        Semaphore inFlight = new Semaphore(VatDayBenchmark.IN_FLIGHT_MAX);
        // Requests outlive the streams that make them: the streams end with the phase, then the last answers come in.
        try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
             ExecutorService streams = Executors.newVirtualThreadPerTaskExecutor()) {
            int seed = 0;
            for (Stream stream : phase.streams()) {
                Tally tally = tallies.computeIfAbsent(phase.name() + "/" + stream.group(), k -> new Tally());
                Random random = new Random(++seed * 31L + phase.name().hashCode());
                if (stream.clients() > 0) {
                    for (int c = 0; c < stream.clients(); c++) {
                        Random own = new Random(random.nextLong());
                        streams.submit(() -> closedLoop(stream, tally, own, end));
                    }
                } else {
                    streams.submit(() -> arrivals(stream, tally, random, end, inFlight, requests));
                }
            }
        }
    }

    private Void arrivals(Stream stream, Tally tally, Random random, long end, Semaphore inFlight, ExecutorService work) throws InterruptedException {
        long gap = (long) (1e9 / stream.rate());
        for (long due = System.nanoTime(); due < end; due += gap) {
            long wait = due - System.nanoTime();
            if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            if (!inFlight.tryAcquire()) {
                tally.failed.incrementAndGet(); // the generator's own limit: counted against us, never hidden
                continue;
            }
            Call request = request(stream, random);
            long dueAt = due;
            work.submit(() -> {
                try {
                    answer(send(request), dueAt, tally);
                } finally {
                    inFlight.release();
                }
            });
        }
        return null;
    }

    private Void closedLoop(Stream stream, Tally tally, Random random, long end) throws InterruptedException {
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            Answer response = send(request(stream, random));
            answer(response, start, tally);
            if (response != null && response.statusCode() == 503) {
                long seconds = response.headerAsLong("Retry-After", 1);
                Thread.sleep(Math.min(Duration.ofSeconds(seconds).toMillis(), STORM_RETRY_WAIT_MAX.toMillis()));
            }
        }
        return null;
    }

    private Call request(Stream stream, Random random) {
        Company company = stream.companies().get(random.nextInt(stream.companies().size()));
        return day.request(stream.mix()[random.nextInt(stream.mix().length)], company, random);
    }

    private Answer send(Call request) {
        try {
            return day.send(request);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void answer(Answer response, long dueAt, Tally tally) {
        int status = response == null ? 0 : response.statusCode();
        if (status >= 200 && status < 400) {
            tally.ok.incrementAndGet();
            tally.admitted(Math.max(0, (System.nanoTime() - dueAt) / 1_000));
        } else if (status == 503) {
            tally.refused.incrementAndGet();
        } else {
            tally.failed.incrementAndGet();
        }
    }

    String json(String label, String scenario, double capacity, Duration phase, List<Phase> phases) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "{\"label\":\"%s\",\"scenario\":\"%s\",\"capacity\":%.1f,\"phaseSeconds\":%d,\"groups\":[",
                label, scenario, capacity, phase.toSeconds()));
        boolean first = true;
        for (Phase p : phases) {
            for (Stream s : p.streams()) {
                Tally t = tallies.get(p.name() + "/" + s.group());
                out.append(first ? "" : ",").append(String.format(Locale.ROOT,
                        "{\"phase\":\"%s\",\"group\":\"%s\",\"rate\":%.1f,\"clients\":%d,\"ok\":%d,\"refused\":%d,\"failed\":%d,\"p50Ms\":%s,\"p99Ms\":%s}",
                        p.name(), s.group(), s.rate(), s.clients(), t.ok.get(), t.refused.get(), t.failed.get(),
                        number(t.percentileMs(50)), number(t.percentileMs(99))));
                first = false;
            }
        }
        return out.append("]}\n").toString();
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "null" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static Duration duration(String text) {
        return Duration.parse("PT" + text.toUpperCase(Locale.ROOT));
    }
}
