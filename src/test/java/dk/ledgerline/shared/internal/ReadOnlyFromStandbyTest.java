package dk.ledgerline.shared.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.ledgerline.Ledgerline;
import dk.ledgerline.testing.Api;
import dk.ledgerline.testing.PrimaryStandbyPair;
import dk.ledgerline.testing.Tenant;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

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
        Path folder = Files.createTempDirectory(Files.createDirectories(Path.of(System.getProperty("ledgerline.test.data", "target")).toAbsolutePath()), "read-only-");
        int base = 22_000 + (int) (ProcessHandle.current().pid() % 500) * 2;
        try (PrimaryStandbyPair pair = PrimaryStandbyPair.start(folder.resolve("pg"), base, base + 1)) {
            List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--ledgerline.data-dir=" + folder.resolve("app"), "--ledgerline.demo=false",
                    "--logging.level.root=WARN", "--logging.level.com.zaxxer.hikari=ERROR", "--spring.main.banner-mode=off"));
            arguments.addAll(pair.applicationArguments());
            try (ConfigurableApplicationContext app = new SpringApplication(Ledgerline.class).run(arguments.toArray(String[]::new))) {
                String baseUrl = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
                Api anonymous = new Api(baseUrl, null);
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
}
