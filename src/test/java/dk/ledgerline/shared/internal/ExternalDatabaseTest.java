package dk.ledgerline.shared.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.Ledgerline;
import dk.ledgerline.testing.Api;
import dk.ledgerline.testing.Tenant;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Pointed at an external PostgreSQL by JDBC URL, user and password, Ledgerline starts nothing of its
 * own, migrates the schema as that user and works, with row-level security applying to the owner too.
 */
class ExternalDatabaseTest {

    @Test
    void aJdbcUrlWithUserAndPasswordRunsLedgerlineOnAnExternalDatabase() throws Exception {
        Path folder = Files.createTempDirectory(Files.createDirectories(Path.of(System.getProperty("ledgerline.test.data", "target")).toAbsolutePath()), "external-");
        try (EmbeddedPostgres external = EmbeddedPostgres.builder().setDataDirectory(folder.resolve("pg").toFile())
                .setPort(30_000 + (int) (ProcessHandle.current().pid() % 900)).setServerConfig("unix_socket_directories", "")
                .setPGStartupWait(Duration.ofSeconds(60)).start()) {
            try (Connection c = external.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("create role books login password 'books-secret' nosuperuser nobypassrls");
                s.execute("create database books owner books");
            }
            String url = "jdbc:postgresql://localhost:" + external.getPort() + "/books";
            ConfigurableApplicationContext app = new SpringApplication(Ledgerline.class).run(
                    "--server.port=0", "--ledgerline.data-dir=" + folder.resolve("app"), "--ledgerline.demo=false",
                    "--spring.datasource.url=" + url, "--spring.datasource.username=books", "--spring.datasource.password=books-secret",
                    "--logging.level.root=WARN", "--spring.main.banner-mode=off");
            try {
                assertThat(Files.exists(folder.resolve("app").resolve("postgres"))).as("no embedded server was started").isFalse();
                int port = ((WebServerApplicationContext) app).getWebServer().getPort();
                Api anonymous = new Api("http://localhost:" + port, null);
                assertThat(anonymous.post("/api/v1/users", "{\"email\": \"ext@example.dk\", \"password\": \"external password\", \"name\": \"Ext\"}").status()).isEqualTo(201);
                Api api = anonymous.withToken(Tenant.token(anonymous, "ext@example.dk", "external password"));
                long company = api.post("/api/v1/companies", "{\"name\": \"Ekstern ApS\", \"cvr\": \"12345674\", \"vatPeriod\": \"MONTH\"}").json().get("id").asLong();
                String year = api.get("/api/v1/companies/" + company + "/fiscal-years").json().get("items").get(0).get("start").asString().substring(0, 4);
                Api.Response posted = api.post("/api/v1/companies/" + company + "/vouchers", "{\"date\": \"" + year + "-01-05\", \"text\": \"Salg\", \"lines\": ["
                        + "{\"account\": 6480, \"amount\": \"125.00\"}, {\"account\": 1010, \"amount\": \"-125.00\", \"vatCode\": \"U25\"}]}");
                assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
            } finally {
                app.close();
            }
            try (Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + external.getPort() + "/books", "books", "books-secret");
                 Statement s = c.createStatement(); var rs = s.executeQuery("select count(*) from entries")) {
                rs.next();
                assertThat(rs.getLong(1)).as("the owning role sees no rows without the tenant setting").isZero();
            }
        }
    }
}
