package dk.ledgerline.shared.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.ledgerline.testing.Api;
import dk.ledgerline.testing.AppOnPair;
import dk.ledgerline.testing.PrimaryStandbyPair;
import dk.ledgerline.testing.Tenant;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The primary is gone and nothing promotes the standby yet: users still log in and read everything,
 * from the standby; writes are answered "read-only for a moment" instead of waiting for a primary;
 * once the standby is promoted, writing works again, and nothing was written twice.
 */
class ReadOnlyFromStandbyTest {
    static final String VOUCHER = """
            {"date": "%s-03-10", "text": "Salg", "lines": [{"account": 6190, "amount": "125.00"}, {"account": 1010, "amount": "-125.00", "vatCode": "U25"}]}""";

    @Test
    void withoutAPrimaryUsersLogInAndReadFromTheStandbyAndWritesAreRefusedUntilOneIsPromoted() throws Exception {
        try (AppOnPair app = AppOnPair.start("read-only-", 22_000)) {
            PrimaryStandbyPair pair = app.pair();
            String baseUrl = app.baseUrl();
            Api anonymous = app.anonymous();
            String email = "read-only-" + UUID.randomUUID() + "@example.dk";
            assertThat(anonymous.post("/api/v1/users", "{\"email\": \"" + email + "\", \"password\": \"read-only password\", \"name\": \"R\"}").status()).isEqualTo(201);
            Api api = anonymous.withToken(Tenant.token(anonymous, email, "read-only password"));
            long company = api.post("/api/v1/companies", "{\"name\": \"Læse ApS\", \"cvr\": \"12345674\", \"vatPeriod\": \"QUARTER\"}").json().get("id").asLong();
            String year = api.get("/api/v1/companies/" + company + "/fiscal-years").json().get("items").get(0).get("start").asString().substring(0, 4);
            String vouchers = "/api/v1/companies/" + company + "/vouchers";
            for (int i = 0; i < 3; i++) assertThat(api.post(vouchers, VOUCHER.formatted(year)).status()).isEqualTo(201);

            pair.killPrimary();

            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                    .until(() -> api.get(vouchers).status() == 200);
            assertThat(api.get(vouchers).json().get("items")).as("read from the standby").hasSize(3);
            assertThat(api.get("/api/v1/companies/" + company + "/reports/trial-balance").status()).isEqualTo(200);
            assertThat(Tenant.token(anonymous, email, "read-only password")).as("logging in only reads").isNotBlank();

            AtomicReference<Api.Response> refused = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
                refused.set(api.post(vouchers, VOUCHER.formatted(year)));
                return refused.get().status() == 503 && refused.get().body().contains("Read-only for a moment");
            });
            assertThat(refused.get().header("Retry-After")).isEqualTo("2");
            Api.Response page = anonymous.send(HttpRequest.newBuilder(URI.create(baseUrl + "/companies/" + company))
                    .header("Cookie", "ledgerline_session=" + api.token()).GET().build());
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("read-only-banner").contains("Databasen skifter lige nu");

            pair.promoteStandby();

            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.post(vouchers, VOUCHER.formatted(year), "after-promotion").status() == 201);
            assertThat(api.get(vouchers).json().get("items")).as("three before, one after, none refused stored").hasSize(4);
        }
    }
}
