package dk.ledgerline.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one benchmark run does, validated before anything is sent. Every setting comes from an
 * argument {@code --name=value} or, failing that, the system property {@code bench.name}:
 * base-url, primer (unmeasured load on a fresh app before the first level, so the first level does
 * not pay for the JIT), warmup and measure (per level), levels (clients, "1,8,32"), scenarios
 * ("A,B"), report (the Markdown file to write), data-dir and app-log (the app's, to read the
 * PostgreSQL version and settings and the app's warnings), app-pid (to measure its CPU), app-args,
 * app-java-options, command and commit (recorded in the report), quiet-wait (how long to wait
 * for other work on the machine to stop before the run and before each level), and repeat-disturbed
 * (how often to run a level again when other processes took CPU during its window).
 */
record BenchmarkSettings(
        URI baseUrl,
        Duration primer,
        Duration warmup,
        Duration measure,
        List<Integer> levels,
        List<Scenario> scenarios,
        Path report,
        Path dataDirectory,
        Path appLog,
        long appPid,
        String appArguments,
        String appJavaOptions,
        String command,
        String commit,
        Duration quietWait,
        int repeatDisturbed) {

    /** A window shorter than this holds too few requests for a p99 to mean anything. */
    static final Duration MEASURE_MIN = Duration.ofSeconds(1);
    /** Past an hour a run is a soak test, which wants its own design (and its own report). */
    static final Duration WINDOW_MAX = Duration.ofHours(1);
    /** Writes are admitted 40 at a time by default; far above that a level only measures refusals. */
    static final int CLIENTS_MAX = 256;
    /** The primer's clients: enough to load both cores, few enough not to queue. */
    static final int PRIMER_CLIENTS = 8;
    /** Other work taking more than this share of the machine makes a measurement unfair; wait for it to pass. */
    static final double QUIET_BUSY_PERCENT_MAX = 20.0;
    /** Other processes using more than this (in cores) during a window make that window unfair to Ledgerline. */
    static final double OTHER_CORES_NOTICEABLE = 0.2;
    /** Repeats of one disturbed level; past this, the report shows the disturbance instead. */
    static final int REPEATS_MAX = 5;

    enum Scenario {
        MANY_COMPANIES("A", "many companies", "each client posts to its own company (the VAT-day shape: many tenants at once)"),
        ONE_COMPANY("B", "one company", "all clients post to one company (voucher numbers are gapless per company and fiscal year, so posting into one company is serialised on a row lock)");

        final String letter;
        final String title;
        final String description;

        Scenario(String letter, String title, String description) {
            this.letter = letter;
            this.title = title;
            this.description = description;
        }

        static Scenario of(String letter) {
            for (Scenario s : values()) {
                if (s.letter.equalsIgnoreCase(letter.trim())) return s;
            }
            throw new IllegalArgumentException("unknown scenario \"" + letter + "\"; use A (many companies) or B (one company)");
        }
    }

    BenchmarkSettings {
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("base-url must be an http(s) URL; was " + baseUrl);
        }
        if (primer.isNegative() || primer.compareTo(WINDOW_MAX) > 0) {
            throw new IllegalArgumentException("primer must be between 0s and " + WINDOW_MAX.toSeconds() + "s; was " + primer.toSeconds() + "s");
        }
        if (quietWait.isNegative() || quietWait.compareTo(WINDOW_MAX) > 0) {
            throw new IllegalArgumentException("quiet-wait must be between 0s and " + WINDOW_MAX.toSeconds() + "s; was " + quietWait.toSeconds() + "s");
        }
        if (repeatDisturbed < 0 || repeatDisturbed > REPEATS_MAX) {
            throw new IllegalArgumentException("repeat-disturbed must be from 0 to " + REPEATS_MAX + " repeats; was " + repeatDisturbed);
        }
        if (warmup.isNegative() || warmup.compareTo(WINDOW_MAX) > 0) {
            throw new IllegalArgumentException("warmup must be between 0s and " + WINDOW_MAX.toSeconds() + "s; was " + warmup.toSeconds() + "s");
        }
        if (measure.compareTo(MEASURE_MIN) < 0 || measure.compareTo(WINDOW_MAX) > 0) {
            throw new IllegalArgumentException("measure must be between " + MEASURE_MIN.toSeconds() + "s and " + WINDOW_MAX.toSeconds() + "s; was " + measure.toMillis() + "ms");
        }
        if (levels.isEmpty()) throw new IllegalArgumentException("levels must name at least one number of clients, such as 1,8,32");
        for (int level : levels) {
            if (level < 1 || level > CLIENTS_MAX) throw new IllegalArgumentException("each level must be from 1 to " + CLIENTS_MAX + " clients; was " + level);
        }
        if (scenarios.isEmpty()) throw new IllegalArgumentException("scenarios must name at least one of A, B");
        levels = List.copyOf(levels);
        scenarios = List.copyOf(scenarios);
    }

    static BenchmarkSettings from(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("arguments are --name=value; got \"" + arg + "\"");
            }
            given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return new BenchmarkSettings(
                URI.create(setting(given, "base-url", "http://localhost:8080")),
                seconds("primer", setting(given, "primer", "60s")),
                seconds("warmup", setting(given, "warmup", "10s")),
                seconds("measure", setting(given, "measure", "30s")),
                integers(setting(given, "levels", "1,8,32")),
                scenarios(setting(given, "scenarios", "A,B")),
                Path.of(setting(given, "report", "docs/benchmarks/posting.md")),
                Path.of(setting(given, "data-dir", "target/bench-data/app")),
                Path.of(setting(given, "app-log", "target/bench-data/app.log")),
                Long.parseLong(setting(given, "app-pid", "0")),
                setting(given, "app-args", ""),
                setting(given, "app-java-options", ""),
                setting(given, "command", "bin/bench-posting"),
                setting(given, "commit", "unknown"),
                seconds("quiet-wait", setting(given, "quiet-wait", "0s")),
                Integer.parseInt(setting(given, "repeat-disturbed", "0")));
    }

    private static String setting(Map<String, String> given, String name, String fallback) {
        String value = given.get(name);
        if (value == null) value = System.getProperty("bench." + name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** "30s", "30" (seconds), "500ms" or "2m". */
    static Duration seconds(String name, String text) {
        String t = text.toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            if (t.endsWith("s")) return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            if (t.endsWith("m")) return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)) * 60);
            return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a duration such as 30s, 500ms or 2m; was \"" + text + "\"");
        }
    }

    private static List<Integer> integers(String text) {
        List<Integer> out = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                out.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("levels must be numbers of clients separated by commas, such as 1,8,32; was \"" + text + "\"");
            }
        }
        return out;
    }

    private static List<Scenario> scenarios(String text) {
        List<Scenario> out = new ArrayList<>();
        for (String part : text.split(",")) out.add(Scenario.of(part));
        return out;
    }

    boolean fullLength() {
        return warmup.compareTo(Duration.ofSeconds(10)) >= 0 && measure.compareTo(Duration.ofSeconds(30)) >= 0;
    }
}
