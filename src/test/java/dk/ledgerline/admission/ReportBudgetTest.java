package dk.ledgerline.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.shared.ConnectionBudget;
import dk.ledgerline.shared.UnitOfWork;
import dk.ledgerline.testing.Api;
import dk.ledgerline.testing.Hold;
import dk.ledgerline.testing.Tenant;
import dk.ledgerline.testing.TestApp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reports and exports have connections of their own: a report storm cannot take posting's. */
class ReportBudgetTest {

    @Test
    void whileEveryReportConnectionIsBusyPostingGoesOnAndAReportIsToldToRetry() throws Exception {
        TestApp app = TestApp.get();
        Tenant t = Tenant.create("QUARTER");
        UnitOfWork units = app.bean(UnitOfWork.class);
        JdbcClient jdbc = app.bean(JdbcClient.class);
        int reportConnections = app.reportPool().getMaximumPoolSize();
        List<Hold<String>> held = new ArrayList<>();
        try {
            for (int i = 0; i < reportConnections; i++) {
                held.add(Hold.start(hold -> ConnectionBudget.REPORTS.run(() -> units.read(() -> {
                    String name = jdbc.sql("select current_setting('application_name')").query(String.class).single();
                    hold.here();
                    return name;
                }))));
            }

            Api.Response posted = t.postVoucher("""
                    {"date": "2026-04-02", "text": "Salg", "lines": [{"account": 6190, "amount": "125.00"}, {"account": 1010, "amount": "-125.00", "vatCode": "U25"}]}""");
            assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
            Api.Response report = t.api().get(t.path("/reports/trial-balance?from=2026-01-01&to=2026-12-31"));
            assertThat(report.status()).as("a report waits for its own connections, and is told to retry").isEqualTo(503);
            assertThat(report.header("Retry-After")).isNotNull();

            for (Hold<String> hold : held) assertThat(hold.release()).isEqualTo("ledgerline-reports");
            assertThat(t.api().get(t.path("/reports/trial-balance?from=2026-01-01&to=2026-12-31")).status()).isEqualTo(200);
            assertThat(units.read(() -> jdbc.sql("select current_setting('application_name')").query(String.class).single())).isEqualTo("ledgerline");
        } finally {
            held.forEach(Hold::close);
        }
    }
}
