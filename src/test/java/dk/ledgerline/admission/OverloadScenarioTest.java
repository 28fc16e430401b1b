package dk.ledgerline.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.Ledgerline;
import dk.ledgerline.testing.Api;
import dk.ledgerline.testing.Tenant;
import dk.ledgerline.testing.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * An overload burst against an app whose writes are limited to a few at a time: every answer is a
 * 201 or the fast 503, and a client that retries each 503 with its key ends with every voucher
 * posted exactly once, numbers gapless and every ledger balanced.
 */
class OverloadScenarioTest {
    /** Few enough places that a burst of postings must overflow them. */
    static final int WRITES_MAX = 3;
    static final int COMPANIES = 4;
    static final int VOUCHERS = 240;
    static final int CLIENTS = 48;

    static ConfigurableApplicationContext app;
    static Api anonymous;

    @BeforeAll
    static void aNodeWithFewPlacesForWrites() throws Exception {
        Path data = Files.createTempDirectory(Files.createDirectories(Path.of(System.getProperty("ledgerline.test.data", "target")).toAbsolutePath()), "overload-");
        SpringApplication application = new SpringApplication(Ledgerline.class);
        TestClock clock = new TestClock();
        application.addInitializers(context -> context.getBeanFactory().registerSingleton("clock", clock));
        app = application.run("--server.port=0", "--ledgerline.data-dir=" + data, "--ledgerline.demo=false",
                "--ledgerline.database.embedded-durable=false", "--logging.level.root=WARN", "--spring.main.banner-mode=off",
                "--ledgerline.admission.interactive-write.max=" + WRITES_MAX, "--ledgerline.admission.interactive-write.initial=" + WRITES_MAX,
                "--ledgerline.admission.interactive-write.min=1", "--ledgerline.admission.interactive-write.company-share-min=1");
        anonymous = new Api("http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort(), null);
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    @Test
    void aBurstGetsOnly201sAndFast503sAndRetriesPostEveryVoucherOnce() throws Exception {
        // set-up itself is writes too: a client that retries them, as every client should
        String email = "overload-" + UUID.randomUUID() + "@example.dk";
        retryWhileBusy(() -> anonymous.post("/api/v1/users", "{\"email\": \"" + email + "\", \"password\": \"overload password\", \"name\": \"O\"}"), 201);
        Api api = anonymous.withToken(Tenant.token(anonymous, email, "overload password"));
        List<Long> companies = new ArrayList<>();
        for (int i = 0; i < COMPANIES; i++) {
            companies.add(retryWhileBusy(() -> api.post("/api/v1/companies", "{\"name\": \"Travl ApS\", \"cvr\": \"12345674\", \"vatPeriod\": \"QUARTER\"}"), 201)
                    .json().get("id").asLong());
        }

        AtomicInteger busy = new AtomicInteger();
        Set<String> unexpected = ConcurrentHashMap.newKeySet();
        ConcurrentHashMap<String, String> answered = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> clients = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    start.await();
                    for (int v = client; v < VOUCHERS; v += CLIENTS) {
                        String key = "burst-" + v;
                        long company = companies.get(v % COMPANIES);
                        String body = "{\"date\": \"2026-06-02\", \"text\": \"" + key + "\", \"lines\": [{\"account\": 6190, \"amount\": \"125.00\"}, "
                                + "{\"account\": 1010, \"amount\": \"-125.00\", \"vatCode\": \"U25\"}]}";
                        while (true) {
                            Api.Response r = api.post("/api/v1/companies/" + company + "/vouchers", body, key);
                            if (r.status() == 201) {
                                answered.put(key, r.body());
                                break;
                            }
                            if (r.status() == 503 && "1".equals(r.header("Retry-After")) && r.header("Content-Type").startsWith("application/problem+json")) {
                                busy.incrementAndGet();
                                Thread.sleep(20 + (long) (Math.random() * 30)); // a client may retry sooner than Retry-After; it is told again
                                continue;
                            }
                            unexpected.add(r.toString());
                            break;
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> client : clients) client.get();
        }

        assertThat(unexpected).as("answers other than 201 and the fast 503").isEmpty();
        assertThat(busy.get()).as("the burst overflowed the places").isPositive();
        assertThat(answered).hasSize(VOUCHERS);
        Set<String> stored = new HashSet<>();
        for (long company : companies) {
            JsonNode vouchers = api.get("/api/v1/companies/" + company + "/vouchers?limit=200").json().get("items");
            List<Integer> numbers = new ArrayList<>();
            for (JsonNode v : vouchers) {
                assertThat(stored.add(v.get("text").asString())).as("posted once: " + v.get("text")).isTrue();
                numbers.add(v.get("number").asInt());
            }
            assertThat(numbers).as("gapless in company " + company).containsExactlyInAnyOrderElementsOf(
                    java.util.stream.IntStream.rangeClosed(1, vouchers.size()).boxed().toList());
            JsonNode trial = api.get("/api/v1/companies/" + company + "/reports/trial-balance?from=2026-01-01&to=2026-12-31").json();
            assertThat(trial.get("totals").get("balance").asString()).isEqualTo("0.00");
        }
        assertThat(stored).isEqualTo(answered.keySet());
        // and a late retry of any of them replays its first answer
        String again = answered.keySet().iterator().next();
        long company = companies.get(Integer.parseInt(again.substring("burst-".length())) % COMPANIES);
        Api.Response replay = retryWhileBusy(() -> api.post("/api/v1/companies/" + company + "/vouchers", "{\"date\": \"2026-06-02\", \"text\": \"" + again
                + "\", \"lines\": [{\"account\": 6190, \"amount\": \"125.00\"}, {\"account\": 1010, \"amount\": \"-125.00\", \"vatCode\": \"U25\"}]}", again), 201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.body()).isEqualTo(answered.get(again));
    }

    private static Api.Response retryWhileBusy(java.util.function.Supplier<Api.Response> send, int expected) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            Api.Response r = send.get();
            if (r.status() != 503) {
                assertThat(r.status()).as(r.toString()).isEqualTo(expected);
                return r;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("still busy after 100 tries");
    }
}
