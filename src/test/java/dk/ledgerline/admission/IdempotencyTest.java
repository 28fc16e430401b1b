package dk.ledgerline.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.admission.internal.IdempotencySweep;
import dk.ledgerline.shared.TenantTransactions;
import dk.ledgerline.shared.UnitOfWork;
import dk.ledgerline.testing.Api;
import dk.ledgerline.testing.TestApp;
import dk.ledgerline.testing.Tenant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A retried write returns the first result and never posts twice, also when the retries race. */
class IdempotencyTest {
    static final String SALE = """
            {"date": "2025-04-02", "text": "Faktura 7", "lines": [{"account": 6190, "amount": "625.00"}, {"account": 1010, "amount": "-625.00", "vatCode": "U25"}]}""";

    @Test
    void aRetryWithTheSameKeyAndBodyReturnsTheFirstResponseAndPostsOnce() {
        Tenant t = Tenant.create("QUARTER");
        String key = UUID.randomUUID().toString();
        Api.Response first = t.api().post(t.path("/vouchers"), SALE, key);
        Api.Response retry = t.api().post(t.path("/vouchers"), SALE, key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(vouchers(t)).isEqualTo(1);
        // the retry ran its posting again before it found the key recorded: all of that was undone, its number too
        Api.Response next = t.api().post(t.path("/vouchers"), SALE.replace("Faktura 7", "Faktura 8"), UUID.randomUUID().toString());
        assertThat(next.json().get("number").asInt()).isEqualTo(first.json().get("number").asInt() + 1);
    }

    @Test
    void theSameKeyWithADifferentBodyIs422NamingTheFieldThatDiffers() {
        Tenant t = Tenant.create("QUARTER");
        String key = UUID.randomUUID().toString();
        assertThat(t.api().post(t.path("/vouchers"), SALE, key).status()).isEqualTo(201);
        Api.Response changed = t.api().post(t.path("/vouchers"), SALE.replace("625.00", "626.00"), key);
        assertThat(changed.status()).isEqualTo(422);
        assertThat(t.api().post(t.path("/vouchers"), SALE.replace("625.00", "-1.00"), key).status()).as("also when the changed request is itself refused")
                .isEqualTo(422);
        assertThat(changed.header("Content-Type")).startsWith("application/problem+json");
        assertThat(changed.json().get("detail").asString()).contains("lines[0].amount").contains("lines[1].amount");
        assertThat(vouchers(t)).isEqualTo(1);
    }

    @Test
    void aRejectedRequestIsRememberedAsRejectedAndStoresNothing() {
        Tenant t = Tenant.create("QUARTER");
        String key = UUID.randomUUID().toString();
        String unbalanced = SALE.replace("\"-625.00\"", "\"-624.00\"");
        Api.Response first = t.api().post(t.path("/vouchers"), unbalanced, key);
        Api.Response retry = t.api().post(t.path("/vouchers"), unbalanced, key);
        assertThat(first.status()).isEqualTo(422);
        assertThat(retry.status()).isEqualTo(422);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(vouchers(t)).isZero();
    }

    @Test
    void keysBelongToTheCallerSoAnotherUserCannotReplayThem() {
        Tenant a = Tenant.create("QUARTER");
        Tenant b = Tenant.create("QUARTER");
        String key = UUID.randomUUID().toString();
        assertThat(a.api().post(a.path("/vouchers"), SALE, key).status()).isEqualTo(201);
        Api.Response other = b.api().post(b.path("/vouchers"), SALE, key);
        assertThat(other.status()).isEqualTo(201);
        assertThat(other.header("Idempotent-Replayed")).isNull();
        assertThat(vouchers(a)).isEqualTo(1);
        assertThat(vouchers(b)).isEqualTo(1);
    }

    @Test
    void racingDuplicatesPostExactlyOnceAndEveryAnswerIsTheFirstOrInFlight() throws Exception {
        Tenant t = Tenant.create("QUARTER");
        int racers = 16;
        for (int round = 0; round < 5; round++) {
            String key = UUID.randomUUID().toString();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Response>> answers = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
                for (int i = 0; i < racers; i++) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return t.api().post(t.path("/vouchers"), SALE, key);
                    }));
                }
                start.countDown();
                String created = null;
                for (Future<Api.Response> f : answers) {
                    Api.Response r = f.get();
                    assertThat(r.status()).as(r.toString()).isIn(201, 409);
                    if (r.status() == 201) {
                        if (created == null) created = r.body();
                        assertThat(r.body()).isEqualTo(created);
                    } else {
                        assertThat(r.body()).contains("still being processed");
                    }
                }
                assertThat(created).isNotNull();
            }
            // once the first has finished, a retry always gets its answer
            Api.Response late = t.api().post(t.path("/vouchers"), SALE, key);
            assertThat(late.status()).isEqualTo(201);
            assertThat(late.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(vouchers(t)).isEqualTo(round + 1);
        }
    }

    @Test
    void keysAreKeptAtLeastADayAndForgottenAfterTheRetention() throws Exception {
        Tenant t = Tenant.create("QUARTER");
        String recentKey = UUID.randomUUID().toString();
        String oldKey = UUID.randomUUID().toString();
        assertThat(t.api().post(t.path("/vouchers"), SALE, recentKey).status()).isEqualTo(201);
        assertThat(t.api().post(t.path("/vouchers"), SALE.replace("Faktura 7", "Faktura 8"), oldKey).status()).isEqualTo(201);
        JdbcClient jdbc = JdbcClient.create(TestApp.get().dataSource());
        Instant now = TestApp.get().bean(java.time.Clock.class).instant();
        asCaller(t, () -> {
            jdbc.sql("update idempotency_keys set created_at = ? where key = ?").params(java.sql.Timestamp.from(now.minus(25, ChronoUnit.HOURS)), recentKey).update();
            jdbc.sql("update idempotency_keys set created_at = ? where key = ?").params(java.sql.Timestamp.from(now.minus(49, ChronoUnit.HOURS)), oldKey).update();
            return null;
        });

        TestApp.get().bean(IdempotencySweep.class).sweep();

        assertThat(asCaller(t, () -> jdbc.sql("select count(*) from idempotency_keys where key = ?").param(recentKey).query(Long.class).single())).isEqualTo(1);
        assertThat(asCaller(t, () -> jdbc.sql("select count(*) from idempotency_keys where key = ?").param(oldKey).query(Long.class).single())).isZero();
        assertThat(t.api().post(t.path("/vouchers"), SALE, recentKey).header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void aMalformedKeyIsABadRequest() {
        Tenant t = Tenant.create("QUARTER");
        Api.Response response = t.api().post(t.path("/vouchers"), SALE, "x".repeat(300));
        assertThat(response.status()).isEqualTo(400);
        assertThat(vouchers(t)).isZero();
    }

    private static int vouchers(Tenant t) {
        return t.api().get(t.path("/vouchers?limit=200")).json().get("items").size();
    }

    @Test
    void racingFormSubmitsWaitForTheFirstAndAllGetItsAnswer() throws Exception {
        Tenant t = Tenant.create("QUARTER");
        String key = UUID.randomUUID().toString();
        java.net.http.HttpRequest submit = java.net.http.HttpRequest.newBuilder(java.net.URI.create(TestApp.get().baseUrl() + "/companies/" + t.companyId() + "/journals"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "ledgerline_session=" + t.api().token())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("name=Kladde+dobbeltklik&idempotencyKey=" + key))
                .build();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return t.api().send(submit);
                }));
            }
            start.countDown();
            String location = null;
            for (Future<Api.Response> f : answers) {
                Api.Response r = f.get();
                assertThat(r.status()).as(r.toString()).isEqualTo(303);
                if (location == null) location = r.header("Location");
                assertThat(r.header("Location")).isEqualTo(location);
            }
        }
        assertThat(t.api().get(t.path("/journals")).json().get("items")).hasSize(1);
    }

    @Test
    void aSignUpIsReplayedButItsPasswordIsNeitherKeptNorPlainlyHashed() throws Exception {
        Api anonymous = TestApp.get().api();
        String key = UUID.randomUUID().toString();
        String password = "a password to keep secret";
        String body = "{\"email\": \"idem-" + UUID.randomUUID() + "@example.dk\", \"password\": \"" + password + "\", \"name\": \"Idem\"}";
        Api.Response first = anonymous.post("/api/v1/users", body, key);
        Api.Response retry = anonymous.post("/api/v1/users", body, key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        JdbcClient jdbc = JdbcClient.create(TestApp.get().dataSource());
        var stored = jdbc.sql("select request_body, request_hash from idempotency_keys where key = ?").param(key)
                .query((rs, n) -> new byte[][] {rs.getBytes(1), rs.getBytes(2)}).single();
        assertThat(stored[0]).as("the body with the password is not kept").isEmpty();
        byte[] plain = java.security.MessageDigest.getInstance("SHA-256").digest(("POST /api/v1/users\n" + body).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(stored[1]).as("the fingerprint is keyed, not a plain hash").isNotEqualTo(plain);
    }

    @Test
    void aPostWithoutAKeyIsRefusedBeforeAnythingIsStored() {
        Tenant t = Tenant.create("QUARTER");
        Api.Response keyless = t.api().post(t.path("/vouchers"), SALE, null);
        assertThat(keyless.status()).as(keyless.toString()).isEqualTo(400);
        assertThat(keyless.header("Content-Type")).startsWith("application/problem+json");
        assertThat(keyless.json().get("title").asString()).isEqualTo("Idempotency-Key required");
        java.net.http.HttpRequest form = java.net.http.HttpRequest.newBuilder(java.net.URI.create(TestApp.get().baseUrl() + "/companies/" + t.companyId() + "/journals"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "ledgerline_session=" + t.api().token())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("name=Uden+n%C3%B8gle")).build();
        assertThat(t.api().send(form).status()).isEqualTo(400);
        assertThat(vouchers(t)).isZero();
        assertThat(t.api().get(t.path("/journals")).json().get("items")).isEmpty();
    }

    @Test
    void aSignUpFormSentTwiceLogsTheUserInBothTimes() {
        String key = UUID.randomUUID().toString();
        String form = "name=Dobbelt&email=double-" + UUID.randomUUID() + "%40example.dk&password=a+long+enough+password&idempotencyKey=" + key;
        java.net.http.HttpRequest signup = java.net.http.HttpRequest.newBuilder(java.net.URI.create(TestApp.get().baseUrl() + "/signup"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build();
        Api anonymous = TestApp.get().api();

        Api.Response first = anonymous.send(signup);
        Api.Response replayed = anonymous.send(signup);

        assertThat(first.status()).isEqualTo(303);
        assertThat(replayed.status()).isEqualTo(303);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.header("Location")).isEqualTo(first.header("Location"));
        for (Api.Response answer : List.of(first, replayed)) {
            String cookie = answer.header("Set-Cookie");
            assertThat(cookie).as("the answer starts a session").startsWith("ledgerline_session=").contains("HttpOnly");
            java.net.http.HttpRequest home = java.net.http.HttpRequest.newBuilder(java.net.URI.create(TestApp.get().baseUrl() + "/"))
                    .header("Cookie", cookie.substring(0, cookie.indexOf(';'))).GET().build();
            assertThat(anonymous.send(home).status()).as("the session works").isEqualTo(200);
        }
        assertThat(replayed.header("Set-Cookie")).as("a new session, not a stored token").isNotEqualTo(first.header("Set-Cookie"));
    }

    /** Idempotency records are visible only to a unit of work bound to their caller and company. */
    static <T> T asCaller(Tenant t, java.util.function.Supplier<T> work) {
        long userId = t.api().get("/api/v1/me").json().get("id").asLong();
        return TestApp.get().bean(UnitOfWork.class).write(() -> {
            TestApp.get().bean(TenantTransactions.class).bindCaller(userId, t.companyId());
            return work.get();
        });
    }
}
