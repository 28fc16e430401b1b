package dk.ledgerline.shared.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.ledgerline.shared.TenantTransactions;
import dk.ledgerline.shared.UnitOfWork;
import dk.ledgerline.testing.Tenant;
import dk.ledgerline.testing.TestApp;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the schema itself guarantees, read from the catalog and tried against the database, so that
 * a table added later cannot forget its tenant wall and no role can rewrite what the law keeps.
 */
class SchemaGuardsTest {
    /** What the bookkeeping law keeps: posted vouchers and entries, filed VAT returns, period locks. */
    static final List<String> KEPT_BY_LAW = List.of("vouchers", "entries", "vat_returns", "period_locks");

    static Tenant settled;
    static JdbcClient jdbc;

    @BeforeAll
    static void aCompanyWithAFiledReturn() {
        settled = Tenant.create("QUARTER");
        assertThat(settled.postVoucher("""
                {"date": "2025-02-10", "text": "Salg", "lines": [{"account": 6190, "amount": "125.00"}, {"account": 1010, "amount": "-125.00", "vatCode": "U25"}]}""").status()).isEqualTo(201);
        assertThat(settled.api().post(settled.path("/vat-returns/2025-Q1/settlement"), "").status()).isEqualTo(201);
        jdbc = TestApp.get().bean(JdbcClient.class);
    }

    /**
     * Tables that name a company but are not its data: the operators' spinner reports, read only by
     * the operators' page (platform operators), never in a company's transaction.
     */
    static final List<String> PLATFORM_TABLES = List.of("spinner_reports");

    @Test
    void everyTableHoldingACompanyIdHasForcedRowLevelSecurityAPolicyAndTheApplicationsGrants() {
        record Guard(String table, boolean rowSecurity, boolean forced, long policies, boolean select, boolean insert) {}
        List<Guard> guards = jdbc.sql("""
                select c.relname, c.relrowsecurity, c.relforcerowsecurity,
                       (select count(*) from pg_policy p where p.polrelid = c.oid),
                       has_table_privilege(:role, c.oid, 'SELECT'), has_table_privilege(:role, c.oid, 'INSERT')
                from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'public' and c.relkind in ('r', 'p')
                  and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'company_id' and not a.attisdropped)
                order by c.relname""")
                .param("role", EmbeddedPostgresServer.APP_ROLE)
                .query((rs, n) -> new Guard(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getLong(4), rs.getBoolean(5), rs.getBoolean(6)))
                .list();
        assertThat(guards).extracting(Guard::table).contains("vouchers", "entries", "account_balances", "vat_returns", "period_locks", "idempotency_keys");
        assertThat(guards).extracting(Guard::table).containsAll(PLATFORM_TABLES);
        for (Guard guard : guards) {
            if (PLATFORM_TABLES.contains(guard.table())) continue;
            assertThat(guard).as(guard.table()).isEqualTo(new Guard(guard.table(), true, true, guard.policies(), true, true));
            assertThat(guard.policies()).as(guard.table() + " has no policy").isPositive();
        }
    }

    @Test
    void theApplicationMayNotChangeOrRemoveWhatTheLawKeeps() {
        for (String table : KEPT_BY_LAW) {
            for (String privilege : List.of("UPDATE", "DELETE", "TRUNCATE")) {
                boolean granted = jdbc.sql("select has_table_privilege(:role, :table, :privilege)")
                        .param("role", EmbeddedPostgresServer.APP_ROLE).param("table", table).param("privilege", privilege)
                        .query(Boolean.class).single();
                assertThat(granted).as(privilege + " on " + table).isFalse();
            }
        }
        assertThatThrownBy(() -> asCompany(() -> jdbc.sql("update vat_returns set vat_payable = 0 where company_id = ?").param(settled.companyId()).update()))
                .rootCause().hasMessageContaining("permission denied for table vat_returns");
    }

    @Test
    void evenTheOwnerCannotChangeAFiledReturnOrALock() throws SQLException {
        try (Connection owner = ownerConnection(); Statement sql = owner.createStatement()) {
            for (String change : List.of(
                    "update vat_returns set vat_payable = 0 where company_id = " + settled.companyId(),
                    "delete from vat_returns where company_id = " + settled.companyId(),
                    "update period_locks set to_date = to_date + 1 where company_id = " + settled.companyId(),
                    "delete from period_locks where company_id = " + settled.companyId(),
                    "truncate vat_returns cascade",
                    "truncate period_locks",
                    "truncate entries cascade")) {
                assertThatThrownBy(() -> sql.execute(change)).as(change).hasMessageContaining("is immutable once posted");
            }
            var kept = sql.executeQuery("select count(*) from vat_returns where company_id = " + settled.companyId());
            kept.next();
            assertThat(kept.getLong(1)).isEqualTo(1);
        }
    }

    @Test
    void anOverlappingLockIsRefusedByTheDatabaseItself() {
        // 2025-Q1 is locked by its settlement; a lock across its end, inserted past the application's own check:
        assertThatThrownBy(() -> asCompany(() -> jdbc.sql("""
                insert into period_locks (company_id, from_date, to_date, reason, locked_at, locked_by)
                values (?, date '2025-03-15', date '2025-04-15', 'overlapping', now(), 0)""").param(settled.companyId()).update()))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("period_locks_do_not_overlap");
        // and one beside it is fine
        assertThat(asCompany(() -> jdbc.sql("""
                insert into period_locks (company_id, from_date, to_date, reason, locked_at, locked_by)
                values (?, date '2025-04-01', date '2025-04-15', 'beside', now(), 0)""").param(settled.companyId()).update())).isEqualTo(1);
    }

    @Test
    void twoKindsOfVatOnOneAccountAreRefusedByTheDatabase() throws SQLException {
        try (Connection owner = ownerConnection(); Statement sql = owner.createStatement()) {
            assertThatThrownBy(() -> sql.execute("update vat_settings set purchase_vat_account = sales_vat_account where company_id = " + settled.companyId()))
                    .hasMessageContaining("vat_settings_accounts_distinct");
        }
    }

    @Test
    void anIdempotencyRecordIsSeenOnlyByItsCallerInItsCompany() {
        Tenant other = Tenant.create("QUARTER");
        String key = UUID.randomUUID().toString();
        assertThat(settled.api().post(settled.path("/journals"), "{\"name\": \"Kladde\"}", key).status()).isEqualTo(201);
        long owner = settled.api().get("/api/v1/me").json().get("id").asLong();
        long stranger = other.api().get("/api/v1/me").json().get("id").asLong();
        String count = "select count(*) from idempotency_keys where key = ?";

        List<Long> seen = new ArrayList<>();
        seen.add(units().write(() -> jdbc.sql(count).param(key).query(Long.class).single()));
        seen.add(asCaller(stranger, other.companyId(), () -> jdbc.sql(count).param(key).query(Long.class).single()));
        seen.add(asCaller(owner, other.companyId(), () -> jdbc.sql(count).param(key).query(Long.class).single()));
        seen.add(asCaller(owner, null, () -> jdbc.sql(count).param(key).query(Long.class).single()));
        seen.add(asCaller(owner, settled.companyId(), () -> jdbc.sql(count).param(key).query(Long.class).single()));

        assertThat(seen).as("unbound, another user, another company, no company, its own caller and company").containsExactly(0L, 0L, 0L, 0L, 1L);
    }

    private static <T> T asCompany(Supplier<T> work) {
        return TestApp.get().bean(TenantTransactions.class).inCompany(settled.companyId(), work);
    }

    private static <T> T asCaller(long userId, Long companyId, Supplier<T> work) {
        return units().write(() -> {
            TestApp.get().bean(TenantTransactions.class).bindCaller(userId, companyId);
            return work.get();
        });
    }

    private static UnitOfWork units() {
        return TestApp.get().bean(UnitOfWork.class);
    }

    /** The schema's owner (the embedded server's superuser, which also runs the migrations). */
    private static Connection ownerConnection() throws SQLException {
        String url = TestApp.get().pool().getJdbcUrl();
        return DriverManager.getConnection(url, EmbeddedPostgresServer.SUPERUSER, "");
    }
}
