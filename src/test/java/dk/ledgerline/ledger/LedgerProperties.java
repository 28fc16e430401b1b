package dk.ledgerline.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.identity.Identity;
import dk.ledgerline.shared.TenantTransactions;
import dk.ledgerline.shared.VatPeriodType;
import dk.ledgerline.testing.TestApp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Properties of posting on a real PostgreSQL: whatever valid vouchers are posted, every trial
 * balance sums to zero, the monthly balances equal the sum of the entries, and voucher numbers
 * have no gaps; whatever invalid voucher is posted, nothing at all is stored.
 */
class LedgerProperties {
    /** Accounts of the default chart that are not VAT accounts, across all five types. */
    static final List<Integer> ACCOUNTS = List.of(1010, 1050, 1610, 1630, 1710, 2030, 2180, 2850, 3670, 5580, 6190, 6480, 6530, 7330, 7440, 7920);
    static final List<String> VAT_CODES = List.of("U25", "I25", "EUV", "EUY", "UDY", "EUSV", "EUSVN", "EUSY", "EKS", "FRI");

    static Ledger ledger;
    static Identity identity;
    static TenantTransactions tenants;
    static JdbcClient jdbc;
    static long userId;

    @BeforeContainer
    static void app() {
        TestApp app = TestApp.get();
        ledger = app.bean(Ledger.class);
        identity = app.bean(Identity.class);
        tenants = app.bean(TenantTransactions.class);
        jdbc = app.bean(JdbcClient.class);
        userId = identity.register("prop-" + UUID.randomUUID() + "@example.dk", "property password", "Property").id();
    }

    /** A company with fiscal years 2025 and 2026 open, whatever today is. */
    static long newCompany() {
        long companyId = identity.createCompany(userId, "Prop ApS", "12345674", VatPeriodType.QUARTER, 1).id();
        List<FiscalYear> years = ledger.fiscalYears(companyId);
        for (LocalDate start = years.getFirst().start().minusYears(1); !start.isBefore(LocalDate.of(2025, 1, 1)); start = start.minusYears(1)) {
            ledger.openFiscalYear(companyId, start);
        }
        if (ledger.fiscalYears(companyId).stream().noneMatch(y -> y.label() == 2026)) ledger.openFiscalYear(companyId, LocalDate.of(2026, 1, 1));
        return companyId;
    }

    @Provide
    Arbitrary<VoucherDraft> validVouchers() {
        Arbitrary<LocalDate> dates = Arbitraries.integers().between(0, 2 * 365 - 1).map(d -> LocalDate.of(2025, 1, 1).plusDays(d));
        Arbitrary<VoucherDraft.Line> lines = Combinators.combine(
                Arbitraries.of(ACCOUNTS),
                Arbitraries.longs().between(1, 50_000_000L).flatMap(a -> Arbitraries.of(a, -a)),
                Arbitraries.of(VAT_CODES).injectNull(0.4)
        ).as((account, amount, vat) -> new VoucherDraft.Line(account, amount, vat, ""));
        return Combinators.combine(dates, lines.list().ofMinSize(1).ofMaxSize(7), Arbitraries.of(ACCOUNTS))
                .as((date, someLines, balancingAccount) -> {
                    long sum = someLines.stream().mapToLong(VoucherDraft.Line::amount).sum();
                    List<VoucherDraft.Line> all = new ArrayList<>(someLines);
                    all.add(new VoucherDraft.Line(balancingAccount, sum == 0 ? 100 : -sum, null, "modpost"));
                    if (sum == 0) all.add(new VoucherDraft.Line(balancingAccount, -100, null, "modpost"));
                    return VoucherDraft.inKroner(date, "Bilag", all);
                });
    }

    @Property(tries = 25)
    void randomValidVouchersKeepEveryBalanceConsistent(@ForAll("voucherLists") List<VoucherDraft> drafts) {
        long companyId = newCompany();
        for (VoucherDraft draft : drafts) {
            assertThat(ledger.post(companyId, userId, draft, "TEST")).isInstanceOf(PostingOutcome.Posted.class);
        }
        assertTrialBalanceIsZero(companyId);
        assertMonthlyBalancesEqualEntries(companyId);
        assertVoucherNumbersAreGapless(companyId, Map.of(2025, count(drafts, 2025), 2026, count(drafts, 2026)));
    }

    @Provide
    Arbitrary<List<VoucherDraft>> voucherLists() {
        return validVouchers().list().ofMinSize(1).ofMaxSize(12);
    }

    /** How a valid voucher is spoiled. */
    enum Spoil { UNBALANCED, UNKNOWN_ACCOUNT, UNKNOWN_VAT_CODE, ZERO_AMOUNT, NO_FISCAL_YEAR, LOCKED_PERIOD, ONE_LINE, EMPTY_TEXT, DATE_TOO_LATE }

    @Property(tries = 40)
    void randomInvalidVouchersStoreNothingAndLeaveNoGap(@ForAll("validVouchers") VoucherDraft valid, @ForAll Spoil spoil,
                                                       @ForAll("validVouchers") VoucherDraft after) {
        long companyId = newCompany();
        ledger.lock(companyId, userId, LocalDate.of(2024, 12, 1), LocalDate.of(2025, 1, 31), "test lock");
        LocalDate fine = LocalDate.of(2025, 6, 1);
        VoucherDraft ok = new VoucherDraft(fine, valid.text(), "DKK", null, valid.lines());
        VoucherDraft first = ledger.post(companyId, userId, ok, "TEST") instanceof PostingOutcome.Posted p ? ok : null;
        assertThat(first).isNotNull();
        Snapshot before = snapshot(companyId);

        PostingOutcome outcome = ledger.post(companyId, userId, spoil(ok, spoil), "TEST");

        assertThat(outcome).isInstanceOf(PostingOutcome.Rejected.class);
        assertThat(((PostingOutcome.Rejected) outcome).errors()).isNotEmpty();
        assertThat(snapshot(companyId)).isEqualTo(before);
        PostingOutcome next = ledger.post(companyId, userId, new VoucherDraft(fine, after.text(), "DKK", null, after.lines()), "TEST");
        assertThat(((PostingOutcome.Posted) next).single().number()).isEqualTo(2);
    }

    static VoucherDraft spoil(VoucherDraft ok, Spoil spoil) {
        List<VoucherDraft.Line> lines = new ArrayList<>(ok.lines());
        VoucherDraft.Line head = lines.getFirst();
        return switch (spoil) {
            case UNBALANCED -> {
                lines.set(0, new VoucherDraft.Line(head.account(), head.amount() + 1, head.vatCode(), head.text()));
                yield VoucherDraft.inKroner(ok.date(), ok.text(), lines);
            }
            case UNKNOWN_ACCOUNT -> {
                lines.set(0, new VoucherDraft.Line(99_999, head.amount(), head.vatCode(), head.text()));
                yield VoucherDraft.inKroner(ok.date(), ok.text(), lines);
            }
            case UNKNOWN_VAT_CODE -> {
                lines.set(0, new VoucherDraft.Line(head.account(), head.amount(), "X25", head.text()));
                yield VoucherDraft.inKroner(ok.date(), ok.text(), lines);
            }
            case ZERO_AMOUNT -> {
                lines.add(new VoucherDraft.Line(head.account(), 0, null, ""));
                yield VoucherDraft.inKroner(ok.date(), ok.text(), lines);
            }
            case NO_FISCAL_YEAR -> VoucherDraft.inKroner(LocalDate.of(2019, 3, 3), ok.text(), lines);
            case LOCKED_PERIOD -> VoucherDraft.inKroner(LocalDate.of(2025, 1, 15), ok.text(), lines);
            case ONE_LINE -> VoucherDraft.inKroner(ok.date(), ok.text(), List.of(head));
            case EMPTY_TEXT -> VoucherDraft.inKroner(ok.date(), " ", lines);
            case DATE_TOO_LATE -> VoucherDraft.inKroner(LocalDate.of(10_000, 1, 1), ok.text(), lines);
        };
    }

    record Snapshot(long vouchers, long entries, String balances, String numbers) {}

    static Snapshot snapshot(long companyId) {
        return tenants.readInCompany(companyId, () -> new Snapshot(
                jdbc.sql("select count(*) from vouchers where company_id = ?").param(companyId).query(Long.class).single(),
                jdbc.sql("select count(*) from entries where company_id = ?").param(companyId).query(Long.class).single(),
                String.join(",", jdbc.sql("select account || ':' || month || ':' || vat_code || ':' || debit || ':' || credit from account_balances where company_id = ? order by 1")
                        .param(companyId).query(String.class).list()),
                String.join(",", jdbc.sql("select start_date || ':' || next_voucher_number from fiscal_years where company_id = ? order by 1")
                        .param(companyId).query(String.class).list())));
    }

    static void assertTrialBalanceIsZero(long companyId) {
        List<Balance> balances = ledger.balances(companyId, LocalDate.of(2025, 1, 1), LocalDate.of(2026, 12, 31));
        assertThat(balances.stream().mapToLong(Balance::balance).sum()).isZero();
        // and for arbitrary partial ranges, which mix monthly balances with entries at the edges
        for (LocalDate[] range : List.of(new LocalDate[] {LocalDate.of(2025, 3, 17), LocalDate.of(2025, 11, 3)},
                new LocalDate[] {LocalDate.of(2025, 5, 2), LocalDate.of(2025, 5, 30)}, new LocalDate[] {LocalDate.of(2025, 12, 31), LocalDate.of(2026, 2, 1)})) {
            List<Balance> partial = ledger.balances(companyId, range[0], range[1]);
            assertThat(partial.stream().mapToLong(Balance::balance).sum()).as("range " + range[0] + ".." + range[1]).isZero();
            Map<String, Long> fromEntries = tenants.readInCompany(companyId, () -> toMap(jdbc.sql("""
                    select account || ':' || coalesce(vat_code, ''), sum(amount) from entries
                    where company_id = ? and date between ? and ? group by 1""").params(companyId, range[0], range[1])));
            Map<String, Long> fromBalances = new TreeMap<>();
            for (Balance b : partial) if (b.balance() != 0 || fromEntries.containsKey(b.account() + ":" + b.vatCode())) fromBalances.put(b.account() + ":" + b.vatCode(), b.balance());
            assertThat(fromBalances).isEqualTo(new TreeMap<>(fromEntries));
        }
    }

    static void assertMonthlyBalancesEqualEntries(long companyId) {
        tenants.readInCompany(companyId, () -> {
            Map<String, Long> balances = toMap(jdbc.sql("""
                    select account || ':' || month || ':' || vat_code || ':debit', debit from account_balances where company_id = ?
                    union all
                    select account || ':' || month || ':' || vat_code || ':credit', credit from account_balances where company_id = ?""").params(companyId, companyId));
            Map<String, Long> entries = toMap(jdbc.sql("""
                    select account || ':' || date_trunc('month', date)::date || ':' || coalesce(vat_code, '') || ':debit', sum(greatest(amount, 0))
                    from entries where company_id = ? group by 1
                    union all
                    select account || ':' || date_trunc('month', date)::date || ':' || coalesce(vat_code, '') || ':credit', sum(least(amount, 0))
                    from entries where company_id = ? group by 1""").params(companyId, companyId));
            assertThat(balances).isEqualTo(entries);
            return null;
        });
    }

    static void assertVoucherNumbersAreGapless(long companyId, Map<Integer, Integer> expectedCounts) {
        tenants.readInCompany(companyId, () -> {
            for (var expected : expectedCounts.entrySet()) {
                List<Integer> numbers = jdbc.sql("select number from vouchers where company_id = ? and extract(year from fiscal_year) = ? order by number")
                        .params(companyId, expected.getKey()).query(Integer.class).list();
                List<Integer> oneToN = new ArrayList<>();
                for (int i = 1; i <= expected.getValue(); i++) oneToN.add(i);
                assertThat(numbers).as("fiscal year " + expected.getKey()).isEqualTo(oneToN);
            }
            return null;
        });
    }

    static int count(List<VoucherDraft> drafts, int year) {
        return (int) drafts.stream().filter(d -> d.date().getYear() == year).count();
    }

    static Map<String, Long> toMap(JdbcClient.StatementSpec spec) {
        Map<String, Long> map = new TreeMap<>();
        spec.query((rs, n) -> map.put(rs.getString(1), rs.getLong(2))).list();
        return map;
    }
}
