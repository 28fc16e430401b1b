package dk.ledgerline.shared.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.testing.Api;
import dk.ledgerline.testing.AppOnPair;
import dk.ledgerline.testing.PrimaryStandbyPair;
import dk.ledgerline.testing.Tenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Postings in flight while the primary is killed and the standby promoted: clients that retry a 503
 * with the same key end with every voucher they were told about stored once, none doubled, numbers
 * gapless, every ledger balanced, no answer but 201 and 503, and the token from before still works.
 */
class FailoverTest {
    static final int COMPANIES = 3;
    static final int CLIENTS = 6;
    /** Postings each client makes after the failover, so that writing has plainly resumed. */
    static final int AFTER_FAILOVER = 10;
    static final Duration CLIENT_GIVES_UP = Duration.ofSeconds(60);

    @Test
    void postingsInFlightThroughAFailoverAreAllStoredOnceAndTheSessionSurvives() throws Exception {
        try (AppOnPair app = AppOnPair.start("failover-", 21_000, "--ledgerline.database.group-commit=true")) {
            PrimaryStandbyPair pair = app.pair();
            Api anonymous = app.anonymous();
            String email = "failover-" + UUID.randomUUID() + "@example.dk";
            assertThat(anonymous.post("/api/v1/users", "{\"email\": \"" + email + "\", \"password\": \"failover password\", \"name\": \"F\"}").status()).isEqualTo(201);
            Api api = anonymous.withToken(Tenant.token(anonymous, email, "failover password"));
            List<Long> companies = new ArrayList<>();
            for (int i = 0; i < COMPANIES; i++) {
                companies.add(api.post("/api/v1/companies", "{\"name\": \"Skifte ApS\", \"cvr\": \"12345674\", \"vatPeriod\": \"QUARTER\"}").json().get("id").asLong());
            }
            String year = api.get("/api/v1/companies/" + companies.getFirst() + "/fiscal-years").json().get("items").get(0).get("start").asString().substring(0, 4);

            ConcurrentHashMap<String, Integer> acknowledged = new ConcurrentHashMap<>();
            Set<String> unexpected = ConcurrentHashMap.newKeySet();
            AtomicInteger busy = new AtomicInteger();
            AtomicBoolean failedOver = new AtomicBoolean();
            AtomicLong killedAt = new AtomicLong(), promotedAt = new AtomicLong(), firstWriteAfterKill = new AtomicLong();
            List<Future<?>> clients = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    clients.add(pool.submit(() -> {
                        int after = 0;
                        for (int v = 0; after < AFTER_FAILOVER; v++) {
                            String key = "failover-" + client + "-" + v;
                            long company = companies.get((client + v) % COMPANIES);
                            String body = "{\"date\": \"" + year + "-03-02\", \"text\": \"" + key + "\", \"lines\": [{\"account\": 6190, \"amount\": \"125.00\"}, "
                                    + "{\"account\": 1010, \"amount\": \"-125.00\", \"vatCode\": \"U25\"}]}";
                            boolean sentBeforeTheFailover = !failedOver.get();
                            long giveUp = System.nanoTime() + CLIENT_GIVES_UP.toNanos();
                            while (true) {
                                Api.Response r = api.post("/api/v1/companies/" + company + "/vouchers", body, key);
                                if (r.status() == 201) {
                                    acknowledged.put(key, r.json().get("number").asInt());
                                    if (killedAt.get() != 0) firstWriteAfterKill.compareAndSet(0, System.nanoTime());
                                    break;
                                }
                                if (r.status() == 503 && r.header("Retry-After") != null && System.nanoTime() < giveUp) {
                                    busy.incrementAndGet();
                                    Thread.sleep(100);
                                    continue;
                                }
                                unexpected.add(r.toString());
                                break;
                            }
                            if (!sentBeforeTheFailover) after++;
                        }
                        return null;
                    }));
                }
                while (acknowledged.size() < 3 * CLIENTS) Thread.sleep(10);
                killedAt.set(System.nanoTime());
                pair.killPrimary();
                pair.promoteStandby();
                promotedAt.set(System.nanoTime());
                failedOver.set(true);
                for (Future<?> client : clients) client.get();
            }
            System.out.printf("failover: write pause %d ms (kill to first 201), the app's share %d ms (promotion to first 201), %d answers 503 retried%n",
                    (firstWriteAfterKill.get() - killedAt.get()) / 1_000_000, Math.max(0, firstWriteAfterKill.get() - promotedAt.get()) / 1_000_000, busy.get());

            assertThat(unexpected).as("answers other than 201 and 503 with Retry-After").isEmpty();
            Set<String> stored = new HashSet<>();
            for (long company : companies) {
                JsonNode vouchers = api.get("/api/v1/companies/" + company + "/vouchers?limit=200").json().get("items");
                List<Integer> numbers = new ArrayList<>();
                for (JsonNode v : vouchers) {
                    String key = v.get("text").asString();
                    assertThat(stored.add(key)).as("posted once: " + key).isTrue();
                    numbers.add(v.get("number").asInt());
                    if (acknowledged.containsKey(key)) assertThat(v.get("number").asInt()).as("stored as answered: " + key).isEqualTo(acknowledged.get(key));
                }
                assertThat(numbers).as("gapless in company " + company).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, vouchers.size()).boxed().toList());
                JsonNode trial = api.get("/api/v1/companies/" + company + "/reports/trial-balance?from=" + year + "-01-01&to=" + year + "-12-31").json();
                assertThat(trial.get("totals").get("balance").asString()).isEqualTo("0.00");
            }
            assertThat(stored).as("every acknowledged posting is stored, and nothing else").isEqualTo(acknowledged.keySet());
            assertThat(api.get("/api/v1/companies").status()).as("the token from before the failover still works").isEqualTo(200);
        }
    }
}
