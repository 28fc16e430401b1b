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

    /** The training run's work: enough for the request path's hot methods to reach the JIT's top tier. */
    static final int TRAINING_COMPANIES = 4, TRAINING_POSTINGS = 3_000, TRAINING_CLIENTS = 8;

    /**
     * The jar extracted (its classes in plain jars, which the JVM's AOT cache needs) and an AOT
     * cache from one training run (JDK 25, JEP 514/515): the node is started with its own embedded
     * database ({@code training}: its arguments), serves postings and trial balances through the
     * API, and is stopped. The cache then holds the classes loaded and linked and the profiles of
     * the methods that serve requests, so a node started from it compiles its hot path at once
     * instead of interpreting it for its first seconds: CPU that, on a machine it shares, the
     * serving node keeps. A deploy makes the same cache once per build.
     */
    static Launch prepare(Path builtJar, Path folder, int trainingPort, List<String> training) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path extracted = folder.resolve("app");
        Path trainingLog = folder.resolve("aot-training.log");
        run(trainingLog, java.toString(), "-Djarmode=tools", "-jar", builtJar.toString(), "extract", "--destination", extracted.toString());
        Path jar = extracted.resolve(builtJar.getFileName());
        Path cache = folder.resolve("ledgerline.aot");
        NodeProcess trainee = new NodeProcess(new Launch(jar, List.of("-XX:AOTCacheOutput=" + cache)), trainingPort, training, trainingLog);
        trainee.start();
        try {
            train(new LedgerlineClient(URI.create("http://localhost:" + trainingPort)));
        } finally {
            trainee.stop();
        }
        if (!Files.exists(cache)) throw new IllegalStateException("the training run made no AOT cache; see " + trainingLog);
        return new Launch(jar, List.of("-XX:AOTCache=" + cache));
    }

    /** What the nodes will serve: postings with their own keys, and now and then a trial balance. */
    private static void train(LedgerlineClient api) throws IOException, InterruptedException {
        List<BenchTenant> tenants = new ArrayList<>();
        for (int i = 0; i < TRAINING_COMPANIES; i++) tenants.add(BenchTenant.create(api, "training", "Training " + i));
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        try (var clients = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < TRAINING_CLIENTS; c++) {
                clients.submit(() -> {
                    for (int n; (n = next.getAndIncrement()) < TRAINING_POSTINGS && failures.isEmpty(); ) {
                        BenchTenant tenant = tenants.get(n % tenants.size());
                        try {
                            LedgerlineClient.Reply reply = n % 10 == 0
                                    ? api.get(tenant.path("/reports/trial-balance?from=" + tenant.postFrom() + "&to=" + tenant.postTo()), tenant.token())
                                    : api.post(tenant.path("/vouchers"), tenant.token(), java.util.UUID.randomUUID().toString(), "{\"date\": \"" + tenant.postTo()
                                            + "\", \"text\": \"Training " + n + "\", \"lines\": [{\"account\": 6190, \"amount\": \"125.00\"}, "
                                            + "{\"account\": 1010, \"amount\": \"-125.00\", \"vatCode\": \"U25\"}]}");
                            if (reply.status() / 100 != 2 && reply.status() != 503) failures.add(reply.toString());
                        } catch (IOException e) {
                            failures.add(e.toString());
                        }
                    }
                    return null;
                });
            }
        }
        if (!failures.isEmpty()) throw new IllegalStateException("the training run failed: " + failures.getFirst());
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
