package dk.ledgerline.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.ledgerline.testing.Api;
import dk.ledgerline.testing.TestApp;
import dk.ledgerline.testing.Tenant;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A user of company B must not see or touch anything of company A, and the database enforces it too. */
class TenantIsolationTest {
    private static final List<String> TABLES = List.of("companies", "memberships", "fiscal_years", "accounts", "period_locks", "vouchers",
            "entries", "account_balances", "journals", "journal_lines", "vat_settings", "vat_returns");

    static Tenant a;
    static Tenant b;
    static long journalOfA;
    static long lineOfA;

    @BeforeAll
    static void twoCompaniesWithBookkeeping() {
        a = Tenant.create("QUARTER");
        b = Tenant.create("QUARTER");
        var posted = a.postVoucher("""
                {"date": "2025-02-03", "text": "Salg", "lines": [{"account": 6480, "amount": "500.00"}, {"account": 1010, "amount": "-500.00", "vatCode": "U25"}]}""");
        assertThat(posted.status()).isEqualTo(201);
        journalOfA = a.api().post(a.path("/journals"), "{\"name\": \"Kladde\"}").json().get("id").asLong();
        lineOfA = a.api().post(a.path("/journals/" + journalOfA + "/lines"), """
                {"date": "2025-02-04", "text": "Husleje", "account": 2030, "amount": "100.00", "vatCode": "I25", "contraAccount": 6480}""")
                .json().get("id").asLong();
    }

    @Test
    void everyReadOfAnotherCompanysResourceIsNotFound() {
        String j = "/journals/" + journalOfA;
        for (String rest : List.of("", "/members", "/fiscal-years", "/locks", "/accounts", "/accounts/1010", "/accounts.csv", "/vat-codes",
                "/vouchers", "/vouchers/1", "/vouchers/1?fiscalYear=2025", "/journals", j, "/reports/trial-balance",
                "/reports/profit-and-loss", "/reports/balance-sheet", "/reports/account-statement?account=6480", "/vat-returns",
                "/vat-returns/2025-Q1", "/exports/journal.ledger")) {
            Api.Response response = b.api().get(a.path(rest));
            assertThat(response.status()).as("GET " + rest + " → " + response).isEqualTo(404);
            assertThat(response.body()).doesNotContain("Salg").doesNotContain("Husleje");
        }
    }

    @Test
    void everyWriteToAnotherCompanyIsNotFoundAndChangesNothing() {
        String j = "/journals/" + journalOfA;
        String voucher = """
                {"date": "2025-02-05", "text": "Indbrud", "lines": [{"account": 6480, "amount": "-1.00"}, {"account": 1010, "amount": "1.00"}]}""";
        List<Api.Response> attempts = List.of(
                b.api().post(a.path("/vouchers"), voucher),
                b.api().post(a.path("/vouchers/1/reversal?fiscalYear=2025"), "{}"),
                b.api().post(a.path("/journals"), "{\"name\": \"x\"}"),
                b.api().post(a.path(j + "/lines"), "{\"date\": \"2025-02-05\", \"text\": \"x\", \"account\": 6480, \"amount\": \"1.00\", \"contraAccount\": 1010}"),
                b.api().put(a.path(j + "/lines/" + lineOfA), "{\"document\": 1, \"date\": \"2025-02-05\", \"text\": \"x\", \"account\": 6480, \"amount\": \"9.00\"}"),
                b.api().delete(a.path(j + "/lines/" + lineOfA)),
                b.api().post(a.path(j + "/posting"), ""),
                b.api().delete(a.path(j)),
                b.api().post(a.path("/accounts"), "{\"number\": 9100, \"name\": \"x\", \"type\": \"ASSET\"}"),
                b.api().postRaw(a.path("/accounts.csv"), "text/csv", "number;name;type\n9101;x;ASSET\n"),
                b.api().post(a.path("/members"), "{\"email\": \"" + b.email() + "\", \"role\": \"OWNER\"}"),
                b.api().post(a.path("/fiscal-years"), "{\"start\": \"2027-01-01\"}"),
                b.api().post(a.path("/vat-returns/2025-Q1/settlement"), ""));
        for (Api.Response response : attempts) {
            assertThat(response.status()).as(response.raw().request().method() + " " + response.raw().request().uri() + " → " + response).isEqualTo(404);
        }
        assertThat(a.api().get(a.path("/vouchers")).json().get("items")).hasSize(1);
        assertThat(a.api().get(a.path(j)).json().get("lines")).hasSize(1);
        assertThat(a.api().get(a.path(j)).json().get("lines").get(0).get("amount").asString()).isEqualTo("100.00");
        assertThat(a.api().get(a.path("/accounts/9100")).status()).isEqualTo(404);
        assertThat(a.api().get(a.path("/members")).json().get("items")).hasSize(1);
        assertThat(a.api().get(a.path("/vat-returns/2025-Q1")).json().get("settled").asBoolean()).isFalse();
        assertThat(b.api().get("/api/v1/companies").json().get("items")).hasSize(1);
    }

    @Test
    void anUnknownOrMalformedCompanyIdIsNotFoundToo() {
        assertThat(b.api().get("/api/v1/companies/999999999/accounts").status()).isEqualTo(404);
        assertThat(b.api().get("/api/v1/companies/abc/accounts").status()).isEqualTo(404);
        assertThat(b.api().get("/api/v1/companies/-1/accounts").status()).isEqualTo(404);
    }

    @Test
    void theApplicationsDatabaseRoleCannotBypassRowLevelSecurity() throws SQLException {
        try (Connection c = TestApp.get().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select rolsuper, rolbypassrls from pg_roles where rolname = current_user")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).as("superuser").isFalse();
            assertThat(rs.getBoolean(2)).as("bypassrls").isFalse();
        }
    }

    @Test
    void aQueryWithoutTheTenantSettingSeesNoRowsOfAnyCompanyTable() throws SQLException {
        DataSource db = TestApp.get().dataSource();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String table : TABLES) {
                assertThat(count(s, "select count(*) from " + table)).as(table + " without tenant").isZero();
            }
            c.rollback();
        }
    }

    @Test
    void aQueryWithOneCompanysSettingSeesOnlyThatCompanysRows() throws SQLException {
        DataSource db = TestApp.get().dataSource();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("select set_config('ledgerline.company_id', '" + a.companyId() + "', true)");
            assertThat(count(s, "select count(*) from entries")).isEqualTo(3);
            for (String table : TABLES) {
                String column = table.equals("companies") ? "id" : "company_id";
                assertThat(count(s, "select count(*) from " + table + " where " + column + " <> " + a.companyId())).as(table).isZero();
            }
            c.rollback();
        }
    }

    @Test
    void writingARowForAnotherCompanyIsRefusedByTheDatabase() throws SQLException {
        DataSource db = TestApp.get().dataSource();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("select set_config('ledgerline.company_id', '" + a.companyId() + "', true)");
            assertThatThrownBy(() -> s.execute("insert into journals (company_id, name, created_at, created_by) values (" + b.companyId() + ", 'x', now(), 1)"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("row-level security");
            c.rollback();
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
