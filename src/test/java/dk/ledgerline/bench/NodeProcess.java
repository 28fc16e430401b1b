package dk.ledgerline.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One Ledgerline node as its own process from the built jar, as a deploy runs it: started, waited
 * for until ready, and stopped with SIGTERM (a graceful stop: drain, then finish what is in flight).
 */
final class NodeProcess implements AutoCloseable {
    /** How a node's JVM is started: the jar to run and the JVM's own options. */
    record Launch(Path jar, List<String> jvmOptions) {}

    /**
     * The jar extracted (its classes in plain jars, which the JVM's AOT cache needs) and an AOT
     * cache from one training start (JDK 25, JEP 514/515): classes come loaded and linked, and the
     * hot methods' profiles come with them. A node then starts on about 40 % less CPU, which on a
     * machine it shares is CPU the serving node keeps. {@code training}: arguments for a start that
     * runs on its own (an embedded database in a folder of its own).
     */
    static Launch prepare(Path builtJar, Path folder, List<String> training) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path extracted = folder.resolve("app");
        run(folder.resolve("aot-training.log"), java.toString(), "-Djarmode=tools", "-jar", builtJar.toString(), "extract", "--destination", extracted.toString());
        Path jar = extracted.resolve(builtJar.getFileName());
        Path cache = folder.resolve("ledgerline.aot");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:AOTCacheOutput=" + cache, "-Dspring.context.exit=onRefresh", "-jar", jar.toString()));
        command.addAll(training);
        run(folder.resolve("aot-training.log"), command.toArray(String[]::new));
        if (!Files.exists(cache)) throw new IllegalStateException("the training start made no AOT cache; see " + folder.resolve("aot-training.log"));
        return new Launch(jar, List.of("-XX:AOTCache=" + cache));
    }

    private static void run(Path log, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (process.waitFor() != 0) throw new IllegalStateException(String.join(" ", command) + " failed; see " + log);
    }

    static final Duration START_WAIT = Duration.ofSeconds(120);
    static final Duration STOP_WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Launch launch;
    private final int port;
    private final List<String> settings;
    private final Path log;
    private Process process;

    NodeProcess(Launch launch, int port, List<String> settings, Path log) {
        this.launch = launch;
        this.port = port;
        this.settings = List.copyOf(settings);
        this.log = log;
    }

    int port() {
        return port;
    }

    /** Starts the node and returns once its readiness says so. */
    void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        command.addAll(launch.jvmOptions());
        command.addAll(List.of("-jar", launch.jar().toString(), "--server.port=" + port));
        command.addAll(settings);
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long giveUp = System.nanoTime() + START_WAIT.toNanos();
        while (!ready()) {
            if (!process.isAlive()) throw new IllegalStateException("node on port " + port + " exited during start-up; see " + log);
            if (System.nanoTime() > giveUp) throw new IllegalStateException("node on port " + port + " was not ready within " + START_WAIT.toSeconds() + " s");
            Thread.sleep(200);
        }
    }

    /** SIGTERM, then waits for the process to end; what it took. */
    Duration stop() throws InterruptedException {
        long began = System.nanoTime();
        process.destroy();
        if (!process.waitFor(STOP_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("node on port " + port + " did not stop within " + STOP_WAIT.toSeconds() + " s of SIGTERM");
        }
        return Duration.ofNanos(System.nanoTime() - began);
    }

    boolean ready() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(STOP_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
