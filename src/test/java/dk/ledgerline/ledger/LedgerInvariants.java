package dk.ledgerline.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.shared.Amounts;
import dk.ledgerline.shared.TenantTransactions;
import dk.ledgerline.vat.VatAccounts;
import dk.ledgerline.vat.VatPeriod;
import dk.ledgerline.vat.VatReturn;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What must hold of a company's ledger after every command, read straight from the tables and
 * compared with the facade and the model. Each check is one aggregate query, not one per account,
 * and all of them read in one transaction, so that checking after every step stays cheap.
 */
final class LedgerInvariants {
    /**
     * Ranges that mix monthly balances with entries at their edges, each edge on a day the commands
     * often post on (see {@link LedgerCommands#BOUNDARIES}), so an edge counted twice or not at all shows.
     */
    static final List<LocalDate[]> PARTIAL_RANGES = List.of(
            new LocalDate[] {LocalDate.of(2025, 3, 31), LocalDate.of(2026, 1, 1)},
            new LocalDate[] {LocalDate.of(2025, 4, 1), LocalDate.of(2026, 6, 30)},
            new LocalDate[] {LocalDate.of(2025, 12, 31), LocalDate.of(2026, 1, 1)},
            new LocalDate[] {LocalDate.of(2026, 1, 1), LocalDate.of(2026, 7, 1)},
            new LocalDate[] {LocalDate.of(2025, 3, 17), LocalDate.of(2025, 11, 3)});
    /** A generated sequence posts a few dozen vouchers; far more means the test itself went wrong. */
    static final int VOUCHERS_PER_COMPANY_MAX = 10_000;
    /** Enough mismatching rows to see the pattern, few enough to read. */
    static final int MISMATCHES_SHOWN_MAX = 20;

    private final Ledger ledger;
    private final TenantTransactions tenants;
    private final JdbcClient jdbc;
    private final VatAccounts vatAccounts;

    LedgerInvariants(Ledger ledger, TenantTransactions tenants, JdbcClient jdbc, VatAccounts vatAccounts) {
        this.ledger = ledger;
        this.tenants = tenants;
        this.jdbc = jdbc;
        this.vatAccounts = vatAccounts;
    }

    /** All that a refused command must leave exactly as it was. */
    record Snapshot(long vouchers, long entries, String balances, String nextNumbers, String locks, String returns) {}

    /** The eleven figures of a VAT return, in whole kroner. */
    record ReturnFigures(long salesVat, long purchaseVat, long goodsAbroad, long servicesAbroad, long rubrikAGoods, long rubrikAServices,
                         long rubrikBReported, long rubrikBNotReported, long rubrikBServices, long rubrikC, long payable) {
        static ReturnFigures of(VatReturn r) {
            return new ReturnFigures(r.salesVat(), r.purchaseVat(), r.vatOnGoodsPurchasesAbroad(), r.vatOnServicePurchasesAbroad(),
                    r.rubrikAGoods(), r.rubrikAServices(), r.rubrikBGoodsReported(), r.rubrikBGoodsNotReported(), r.rubrikBServices(),
                    r.rubrikC(), r.vatPayable());
        }
    }

    /** The return as the test computes it from the entries, and whether the VAT accounts hold anything to settle. */
    record ComputedReturn(ReturnFigures figures, boolean holdsVat) {}

    /** Checks every invariant against the model and returns the state a refused next command must leave. */
    Snapshot check(long companyId, LedgerModel model) {
        Snapshot snapshot = tenants.readInCompany(companyId, () -> {
            Snapshot now = snapshot(companyId);
            assertThat(now.nextNumbers()).as("next voucher number per fiscal year").isEqualTo(nextNumbers(model));
            assertThat(now.locks()).as("locked periods").isEqualTo(locks(model));
            assertThat(now.returns()).as("settled VAT periods").isEqualTo(String.join(",", model.settled().keySet().stream().sorted().toList()));
            assertThat(vouchers(companyId)).as("vouchers: numbers 1..n per fiscal year, dates, sources and reversal links").isEqualTo(vouchers(model));
            assertThat(malformedVouchers(companyId)).as("vouchers whose entries do not balance, are empty, beyond the limit or misdated").isEmpty();
            assertThat(monthlyBalancesDifferingFromEntries(companyId)).as("monthly balances that are not the sums of the entries").isEmpty();
            assertThat(vatLeftInSettledPeriods(companyId)).as("VAT left on a VAT account in a settled period").isEmpty();
            return now;
        });
        assertTrialBalancesAreZeroAndMatchEntries(companyId, model);
        return snapshot;
    }

    Snapshot snapshot(long companyId) {
        return tenants.readInCompany(companyId, () -> jdbc.sql("""
                select (select count(*) from vouchers where company_id = :company),
                       (select count(*) from entries where company_id = :company),
                       (select coalesce(string_agg(account || ':' || month || ':' || vat_code || ':' || debit || ':' || credit, ','
                                                   order by account, month, vat_code), '')
                        from account_balances where company_id = :company),
                       (select coalesce(string_agg(extract(year from start_date) || ':' || next_voucher_number, ',' order by start_date), '')
                        from fiscal_years where company_id = :company),
                       (select coalesce(string_agg(from_date || '..' || to_date, ',' order by from_date), '')
                        from period_locks where company_id = :company),
                       (select coalesce(string_agg(period, ',' order by period), '') from vat_returns where company_id = :company)""")
                .param("company", companyId)
                .query((rs, n) -> new Snapshot(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)))
                .single());
    }

    private static String nextNumbers(LedgerModel model) {
        return String.join(",", model.nextNumbers().entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + ":" + e.getValue()).toList());
    }

    private static String locks(LedgerModel model) {
        return String.join(",", model.locks().stream().sorted((a, b) -> a.from().compareTo(b.from())).map(l -> l.from() + ".." + l.to()).toList());
    }

    private List<String> vouchers(long companyId) {
        return jdbc.sql("""
                select extract(year from v.fiscal_year)::int || '/' || v.number || ' ' || v.date || ' ' || v.source
                       || coalesce(' reverses ' || extract(year from v.reverses_year)::int || '/' || v.reverses_number, '')
                       || coalesce(' reversed by ' || extract(year from r.fiscal_year)::int || '/' || r.number, '')
                from vouchers v
                left join vouchers r on r.company_id = v.company_id and r.reverses_year = v.fiscal_year and r.reverses_number = v.number
                where v.company_id = :company
                order by v.fiscal_year, v.number
                limit :limit""")
                .param("company", companyId).param("limit", VOUCHERS_PER_COMPANY_MAX)
                .query(String.class).list();
    }

    /** The model's vouchers in the same form; numbered 1..n per year by construction, so a gap or a stray shows. */
    private static List<String> vouchers(LedgerModel model) {
        Map<VoucherRef, String> lines = new TreeMap<>((a, b) -> a.fiscalYear() != b.fiscalYear()
                ? Integer.compare(a.fiscalYear(), b.fiscalYear()) : Integer.compare(a.number(), b.number()));
        for (LedgerModel.Kept kept : model.vouchers()) {
            Voucher v = kept.voucher();
            lines.put(v.ref(), v.ref().fiscalYear() + "/" + v.number() + " " + v.date() + " " + v.source()
                    + (v.reverses() == null ? "" : " reverses " + v.reverses().fiscalYear() + "/" + v.reverses().number())
                    + (kept.reversedBy() == null ? "" : " reversed by " + kept.reversedBy().fiscalYear() + "/" + kept.reversedBy().number()));
        }
        for (var next : model.nextNumbers().entrySet()) {
            for (int number = 1; number < next.getValue(); number++) {
                assertThat(lines).as("the model numbers fiscal year " + next.getKey() + " without gaps").containsKey(new VoucherRef(next.getKey(), number));
            }
        }
        return List.copyOf(lines.values());
    }

    private List<String> malformedVouchers(long companyId) {
        return jdbc.sql("""
                select extract(year from v.fiscal_year)::int || '/' || v.number || ': ' || count(e.line_number) || ' entries, sum '
                       || coalesce(sum(e.amount), 0) || ', ' || count(*) filter (where e.amount = 0) || ' of nothing, largest '
                       || coalesce(max(abs(e.amount)), 0) || ', misdated ' || count(*) filter (where e.date <> v.date)
                from vouchers v
                left join entries e on e.company_id = v.company_id and e.fiscal_year = v.fiscal_year and e.voucher_number = v.number
                where v.company_id = :company
                group by v.fiscal_year, v.number
                having count(e.line_number) < 2 or coalesce(sum(e.amount), 0) <> 0 or count(*) filter (where e.amount = 0) > 0
                    or max(abs(e.amount)) > :max or count(*) filter (where e.date <> v.date) > 0
                limit :shown""")
                .param("company", companyId).param("max", Amounts.MAX_ABS_MINOR).param("shown", MISMATCHES_SHOWN_MAX)
                .query(String.class).list();
    }

    private List<String> monthlyBalancesDifferingFromEntries(long companyId) {
        return jdbc.sql("""
                with from_entries as (
                    select account, date_trunc('month', date)::date as month, coalesce(vat_code, '') as vat_code,
                           sum(greatest(amount, 0))::bigint as debit, sum(least(amount, 0))::bigint as credit
                    from entries where company_id = :company
                    group by 1, 2, 3),
                kept as (
                    select account, month, vat_code, debit, credit from account_balances where company_id = :company)
                select coalesce(k.account, e.account) || ' ' || coalesce(k.month, e.month) || ' ' || coalesce(k.vat_code, e.vat_code)
                       || ': kept ' || coalesce(k.debit || '/' || k.credit, 'nothing') || ', entries ' || coalesce(e.debit || '/' || e.credit, 'nothing')
                from kept k
                full join from_entries e on e.account = k.account and e.month = k.month and e.vat_code = k.vat_code
                where k.debit is distinct from e.debit or k.credit is distinct from e.credit
                limit :shown""")
                .param("company", companyId).param("shown", MISMATCHES_SHOWN_MAX)
                .query(String.class).list();
    }

    private List<String> vatLeftInSettledPeriods(long companyId) {
        return jdbc.sql("""
                select r.period || ' account ' || e.account || ': ' || sum(e.amount)
                from vat_returns r
                join entries e on e.company_id = r.company_id and e.date between r.from_date and r.to_date
                where r.company_id = :company and e.account in (:vatAccounts)
                group by r.period, e.account
                having sum(e.amount) <> 0
                limit :shown""")
                .param("company", companyId).param("vatAccounts", List.copyOf(vatAccounts.vatHolding())).param("shown", MISMATCHES_SHOWN_MAX)
                .query(String.class).list();
    }

    /**
     * The trial balance through the facade, over the company's years and over ranges with partial
     * months, sums to zero, and each account's debit and credit are what its entries say.
     */
    private void assertTrialBalancesAreZeroAndMatchEntries(long companyId, LedgerModel model) {
        List<LocalDate[]> ranges = new ArrayList<>();
        ranges.add(new LocalDate[] {model.firstDay(), model.lastDay()});
        ranges.addAll(PARTIAL_RANGES);
        Map<Integer, Map<String, String>> fromEntries = tenants.readInCompany(companyId, () -> {
            Map<Integer, Map<String, String>> byRange = new TreeMap<>();
            for (int i = 0; i < ranges.size(); i++) byRange.put(i, new TreeMap<>());
            jdbc.sql("""
                    select r.n - 1, e.account || ':' || coalesce(e.vat_code, ''), sum(greatest(e.amount, 0))::bigint, sum(least(e.amount, 0))::bigint
                    from unnest(:froms::date[], :tos::date[]) with ordinality as r(from_date, to_date, n)
                    join entries e on e.company_id = :company and e.date between r.from_date and r.to_date
                    group by 1, 2""")
                    .param("company", companyId)
                    .param("froms", ranges.stream().map(r -> Date.valueOf(r[0])).toArray(Date[]::new))
                    .param("tos", ranges.stream().map(r -> Date.valueOf(r[1])).toArray(Date[]::new))
                    .query(rs -> {
                        byRange.get(rs.getInt(1)).put(rs.getString(2), rs.getLong(3) + "/" + rs.getLong(4));
                    });
            return byRange;
        });
        for (int i = 0; i < ranges.size(); i++) {
            LocalDate[] range = ranges.get(i);
            List<Balance> balances = ledger.balances(companyId, range[0], range[1]);
            assertThat(balances.stream().mapToLong(Balance::balance).sum()).as("trial balance " + range[0] + ".." + range[1]).isZero();
            Map<String, String> fromFacade = new TreeMap<>();
            for (Balance b : balances) fromFacade.put(b.account() + ":" + b.vatCode(), b.debit() + "/" + b.credit());
            assertThat(fromFacade).as("balances " + range[0] + ".." + range[1] + " against the entries").isEqualTo(fromEntries.get(i));
        }
    }

    /**
     * The VAT returns of {@code periods} from the entries, as the form defines them: VAT from the VAT
     * accounts, each box the net amount of its codes on other accounts, each rounded half-up to
     * whole kroner on its own, and the payable the sum of the rounded figures. Settlement vouchers
     * are left out: the return is what they settle. One query for all periods.
     */
    Map<String, ComputedReturn> computeReturns(long companyId, List<VatPeriod> periods) {
        Map<String, ComputedReturn> returns = new TreeMap<>();
        tenants.readInCompany(companyId, () -> {
            jdbc.sql("""
                with sums as (
                    select p.n,
                           coalesce(sum(e.amount) filter (where e.account = :sales), 0)::numeric as sales,
                           coalesce(sum(e.amount) filter (where e.account = :purchase), 0)::numeric as purchase,
                           coalesce(sum(e.amount) filter (where e.account = :goods), 0)::numeric as goods,
                           coalesce(sum(e.amount) filter (where e.account = :services), 0)::numeric as services,
                           coalesce(sum(e.amount) filter (where e.boxed and e.vat_code = 'EUV'), 0)::numeric as a_goods,
                           coalesce(sum(e.amount) filter (where e.boxed and e.vat_code = 'EUY'), 0)::numeric as a_services,
                           coalesce(sum(e.amount) filter (where e.boxed and e.vat_code = 'EUSV'), 0)::numeric as b_reported,
                           coalesce(sum(e.amount) filter (where e.boxed and e.vat_code = 'EUSVN'), 0)::numeric as b_not_reported,
                           coalesce(sum(e.amount) filter (where e.boxed and e.vat_code = 'EUSY'), 0)::numeric as b_services,
                           coalesce(sum(e.amount) filter (where e.boxed and e.vat_code = 'EKS'), 0)::numeric as c
                    from unnest(:froms::date[], :tos::date[]) with ordinality as p(from_date, to_date, n)
                    left join (
                        select e.date, e.account, e.amount, e.vat_code,
                               e.account not in (:holding) and e.account <> :settlement as boxed
                        from entries e
                        join vouchers v on v.company_id = e.company_id and v.fiscal_year = e.fiscal_year and v.number = e.voucher_number
                        where e.company_id = :company and v.source <> :settlementSource
                    ) e on e.date between p.from_date and p.to_date
                    group by p.n)
                -- numeric round() takes halves away from zero, which is half-up in BigDecimal's terms
                select n - 1, round(-sales / 100)::bigint, round(purchase / 100)::bigint, round(-goods / 100)::bigint, round(-services / 100)::bigint,
                       round(a_goods / 100)::bigint, round(a_services / 100)::bigint, round(-b_reported / 100)::bigint,
                       round(-b_not_reported / 100)::bigint, round(-b_services / 100)::bigint, round(-c / 100)::bigint,
                       sales <> 0 or purchase <> 0 or goods <> 0 or services <> 0
                from sums""")
                .param("company", companyId)
                .param("froms", periods.stream().map(p -> Date.valueOf(p.from())).toArray(Date[]::new))
                .param("tos", periods.stream().map(p -> Date.valueOf(p.to())).toArray(Date[]::new))
                .param("sales", vatAccounts.salesVat()).param("purchase", vatAccounts.purchaseVat())
                .param("goods", vatAccounts.goodsAbroadVat()).param("services", vatAccounts.servicesAbroadVat())
                .param("holding", List.copyOf(vatAccounts.vatHolding())).param("settlement", vatAccounts.settlement())
                .param("settlementSource", Ledger.SOURCE_VAT_SETTLEMENT)
                .query(rs -> {
                    long sales = rs.getLong(2), purchase = rs.getLong(3), goods = rs.getLong(4), services = rs.getLong(5);
                    returns.put(periods.get(rs.getInt(1)).label(), new ComputedReturn(new ReturnFigures(sales, purchase, goods, services,
                            rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11),
                            sales + goods + services - purchase), rs.getBoolean(12)));
                });
            return returns;
        });
        assertThat(returns.keySet()).as("a computed return for every period").hasSize(periods.size());
        return returns;
    }

    ComputedReturn computeReturn(long companyId, VatPeriod period) {
        return computeReturns(companyId, List.of(period)).get(period.label());
    }
}
