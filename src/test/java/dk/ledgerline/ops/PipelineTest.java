package dk.ledgerline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dk.ledgerline.testing.Api;
import dk.ledgerline.testing.TestApp;
import dk.ledgerline.testing.Tenant;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The bones the resilience work builds on: request ids, statement timeouts, a bounded pool, an API description. */
class PipelineTest {

    @Test
    void everyResponseCarriesARequestIdAndKeepsTheCallersOwn() {
        Api anonymous = TestApp.get().api();
        Api.Response generated = anonymous.get("/api/v1/companies");
        assertThat(generated.header("X-Request-Id")).matches("[0-9a-f-]{36}");
        Api.Response kept = anonymous.send(HttpRequest.newBuilder(URI.create(TestApp.get().baseUrl() + "/api/v1/companies"))
                .header("X-Request-Id", "trace-42.abc").GET().build());
        assertThat(kept.header("X-Request-Id")).isEqualTo("trace-42.abc");
        Api.Response insane = anonymous.send(HttpRequest.newBuilder(URI.create(TestApp.get().baseUrl() + "/api/v1/companies"))
                .header("X-Request-Id", "x\tnewline" + "y".repeat(100)).GET().build());
        assertThat(insane.header("X-Request-Id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void everyPooledConnectionHasAStatementTimeout() throws Exception {
        try (Connection c = TestApp.get().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("show statement_timeout")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("5s");
        }
    }

    @Test
    void aStatementRunningPastItsTimeoutIsCancelled() throws Exception {
        try (Connection c = TestApp.get().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("set statement_timeout = 200");
            try {
                s.execute("select pg_sleep(2)");
                throw new AssertionError("pg_sleep(2) was not cancelled");
            } catch (java.sql.SQLException cancelled) {
                assertThat(cancelled.getSQLState()).isEqualTo("57014");
            } finally {
                s.execute("set statement_timeout = 5000");
            }
        }
    }

    @Test
    void theConnectionPoolIsBoundedAndFailsFast() {
        HikariDataSource pool = TestApp.get().pool();
        assertThat(pool.getMaximumPoolSize()).isEqualTo(Math.clamp(4L * Runtime.getRuntime().availableProcessors(), 4, 20));
        assertThat(pool.getConnectionTimeout()).isEqualTo(2_000);
    }

    @Test
    void theApiDescribesItselfAsOpenApi() {
        Api.Response openapi = TestApp.get().api().get("/api/v1/openapi");
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.json().get("openapi").asString()).startsWith("3.");
        for (String path : java.util.List.of("/api/v1/users", "/api/v1/auth/token", "/api/v1/companies", "/api/v1/companies/{companyId}/accounts",
                "/api/v1/companies/{companyId}/vat-codes", "/api/v1/companies/{companyId}/vouchers", "/api/v1/companies/{companyId}/vouchers/{number}",
                "/api/v1/companies/{companyId}/vouchers/{number}/reversal", "/api/v1/companies/{companyId}/reports/trial-balance",
                "/api/v1/companies/{companyId}/vat-returns/{period}", "/api/v1/companies/{companyId}/vat-returns/{period}/settlement",
                "/api/v1/companies/{companyId}/exports/journal.ledger")) {
            assertThat(openapi.json().get("paths").has(path)).as(path).isTrue();
        }
    }

    @Test
    void healthAndMetricsAreServed() {
        assertThat(TestApp.get().api().get("/actuator/health").body()).contains("UP");
        assertThat(TestApp.get().api().get("/actuator/prometheus").body()).contains("hikaricp_connections_max");
    }

    @Test
    void unknownApiPathsAreProblemsNotPages() {
        Tenant t = Tenant.create("QUARTER");
        Api.Response unknown = t.api().get(t.path("/nothing-here"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        Api.Response wrongMethod = t.api().delete(t.path("/vouchers"));
        assertThat(wrongMethod.status()).isEqualTo(405);
    }

    @Test
    void unknownPagesAreErrorPagesForBrowsers() {
        Tenant t = Tenant.create("QUARTER");
        Api.Response page = t.api().send(HttpRequest.newBuilder(URI.create(TestApp.get().baseUrl() + "/companies/" + t.companyId() + "/nothing-here"))
                .header("Accept", "text/html").header("Cookie", "ledgerline_session=" + t.api().token()).GET().build());
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.header("Content-Type")).startsWith("text/html");
    }
}
