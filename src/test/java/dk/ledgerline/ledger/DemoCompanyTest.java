package dk.ledgerline.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.demo.DemoCompany;
import dk.ledgerline.testing.Api;
import dk.ledgerline.testing.TestApp;
import dk.ledgerline.testing.Tenant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The demo company that the run command prepares is a consistent year of bookkeeping. */
class DemoCompanyTest {

    @Test
    void theDemoCompanyHoldsAYearOfConsistentBookkeepingWithSettledQuarters() {
        TestApp.get().bean(DemoCompany.class).ensure();
        assertThat(TestApp.get().bean(DemoCompany.class).ensure()).as("a second start adds nothing").isFalse();
        Api demo = TestApp.get().api().withToken(Tenant.token(TestApp.get().api(), DemoCompany.EMAIL, DemoCompany.PASSWORD));
        JsonNode company = demo.get("/api/v1/companies").json().get("items").get(0);
        assertThat(company.get("name").asString()).isEqualTo("Demo ApS");
        String base = "/api/v1/companies/" + company.get("id").asLong();
        LocalDate today = TestApp.get().today();
        String range = "?from=" + today.minusMonths(13) + "&to=" + today;

        JsonNode trial = demo.get(base + "/reports/trial-balance" + range).json();
        assertThat(trial.get("totals").get("balance").asString()).isEqualTo("0.00");
        java.util.Set<Integer> used = new java.util.HashSet<>();
        for (JsonNode a : trial.get("accounts")) used.add(a.get("number").asInt());
        // sales and purchases with VAT, EU goods and service purchases, EU sale, salaries, rent, bank
        assertThat(used).contains(1010, 1610, 1630, 1710, 1050, 2850, 2030, 6480, 7680, 7740, 7700, 7720);

        JsonNode vouchers = demo.get(base + "/vouchers" + range + "&limit=200").json().get("items");
        assertThat(vouchers.size()).isGreaterThan(100);
        int settled = 0;
        for (JsonNode r : demo.get(base + "/vat-returns?year=" + today.minusMonths(3).getYear()).json().get("items")) {
            if (r.get("settled").asBoolean()) settled++;
        }
        assertThat(settled).isGreaterThanOrEqualTo(1);
        assertThat(demo.get(base + "/journals").json().get("items")).hasSize(1);
    }
}
