package dk.ledgerline.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.testing.Api;
import dk.ledgerline.testing.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Trial balance, profit and loss, balance sheet and account statement on a small, hand-checked ledger. */
class ReportsTest {
    static Tenant t;

    @BeforeAll
    static void aSmallYear() {
        t = Tenant.create("QUARTER");
        post("2025-01-02", "Kapital", "{\"account\": 6480, \"amount\": \"40000.00\"}, {\"account\": 6530, \"amount\": \"-40000.00\"}");
        post("2025-01-15", "Faktura 1", "{\"account\": 6190, \"amount\": \"12500.00\"}, {\"account\": 1010, \"amount\": \"-12500.00\", \"vatCode\": \"U25\"}");
        post("2025-02-01", "Husleje", "{\"account\": 2030, \"amount\": \"5000.00\", \"vatCode\": \"I25\"}, {\"account\": 6480, \"amount\": \"-5000.00\"}");
        post("2025-02-20", "Indbetaling", "{\"account\": 6480, \"amount\": \"12500.00\"}, {\"account\": 6190, \"amount\": \"-12500.00\"}");
        post("2025-03-31", "Løn", "{\"account\": 2850, \"amount\": \"3000.00\"}, {\"account\": 6480, \"amount\": \"-3000.00\"}");
    }

    static void post(String date, String text, String lines) {
        Api.Response r = t.postVoucher("{\"date\": \"" + date + "\", \"text\": \"" + text + "\", \"lines\": [" + lines + "]}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    @Test
    void theTrialBalanceShowsDebitCreditAndBalancePerAccountAndSumsToZero() {
        JsonNode tb = t.api().get(t.path("/reports/trial-balance?from=2025-01-01&to=2025-12-31")).json();
        assertThat(rows(tb.get("accounts"))).containsExactly(
                "1010 Salg af varer og ydelser:0.00:-10000.00:-10000.00",
                "2030 Husleje, ekskl. el, vand og varme:4000.00:0.00:4000.00",
                "2850 Lønninger:3000.00:0.00:3000.00",
                "6190 Tilgodehavender fra salg og tjenesteydelser:12500.00:-12500.00:0.00",
                "6480 Bankkonto:52500.00:-8000.00:44500.00",
                "6530 Virksomhedskapital:0.00:-40000.00:-40000.00",
                "7680 Salgsmoms:0.00:-2500.00:-2500.00",
                "7740 Købsmoms:1000.00:0.00:1000.00");
        assertThat(tb.get("totals").get("debit").asString()).isEqualTo("73000.00");
        assertThat(tb.get("totals").get("credit").asString()).isEqualTo("-73000.00");
        assertThat(tb.get("totals").get("balance").asString()).isEqualTo("0.00");
    }

    @Test
    void aRangeThatCutsMonthsCountsOnlyTheDaysInside() {
        JsonNode tb = t.api().get(t.path("/reports/trial-balance?from=2025-01-10&to=2025-02-19")).json();
        assertThat(rows(tb.get("accounts"))).containsExactly(
                "1010 Salg af varer og ydelser:0.00:-10000.00:-10000.00",
                "2030 Husleje, ekskl. el, vand og varme:4000.00:0.00:4000.00",
                "6190 Tilgodehavender fra salg og tjenesteydelser:12500.00:0.00:12500.00",
                "6480 Bankkonto:0.00:-5000.00:-5000.00",
                "6530 Virksomhedskapital:0.00:0.00:0.00",
                "7680 Salgsmoms:0.00:-2500.00:-2500.00",
                "7740 Købsmoms:1000.00:0.00:1000.00");
        assertThat(tb.get("totals").get("balance").asString()).isEqualTo("0.00");
        JsonNode capital = tb.get("accounts").get(4);
        assertThat(capital.get("opening").asString()).as("posted before the range, so it opens it").isEqualTo("-40000.00");
        assertThat(capital.get("closing").asString()).isEqualTo("-40000.00");
        JsonNode bank = tb.get("accounts").get(3);
        assertThat(bank.get("opening").asString()).isEqualTo("40000.00");
        assertThat(bank.get("closing").asString()).isEqualTo("35000.00");
        assertThat(tb.get("totals").get("opening").asString()).isEqualTo("0.00");
        assertThat(tb.get("totals").get("closing").asString()).isEqualTo("0.00");
    }

    /**
     * Partial months are read either from their entries or as their month less the rest, whichever is
     * shorter; cut anywhere, two adjacent ranges add up to the range they make together.
     */
    @Test
    void rangesCutAnywhereAddUp() {
        java.util.Random random = new java.util.Random(20261201);
        java.time.LocalDate first = java.time.LocalDate.of(2025, 1, 1);
        for (int i = 0; i < 30; i++) {
            java.time.LocalDate from = first.plusDays(random.nextInt(100));
            java.time.LocalDate cut = from.plusDays(random.nextInt(60));
            java.time.LocalDate to = cut.plusDays(1 + random.nextInt(60));
            Map<Integer, Long> whole = balances(from, to);
            Map<Integer, Long> sum = new TreeMap<>(balances(from, cut));
            balances(cut.plusDays(1), to).forEach((account, balance) -> sum.merge(account, balance, Long::sum));
            sum.values().removeIf(balance -> balance == 0);
            whole.values().removeIf(balance -> balance == 0);
            assertThat(sum).as(from + ".." + cut + " and on to " + to).isEqualTo(whole);
        }
        assertThat(balances(java.time.LocalDate.of(2025, 1, 3), java.time.LocalDate.of(2025, 2, 27)))
                .as("all but the first and last voucher, each cut out of a month read the other way round")
                .containsExactlyEntriesOf(new TreeMap<>(Map.of(1010, -1_000_000L, 2030, 400_000L, 6190, 0L, 6480, 750_000L, 6530, 0L, 7680, -250_000L, 7740, 100_000L)));
    }

    private static Map<Integer, Long> balances(java.time.LocalDate from, java.time.LocalDate to) {
        JsonNode tb = t.api().get(t.path("/reports/trial-balance?from=" + from + "&to=" + to)).json();
        Map<Integer, Long> out = new TreeMap<>();
        for (JsonNode a : tb.get("accounts")) out.put(a.get("number").asInt(), Math.round(Double.parseDouble(a.get("balance").asString()) * 100));
        return out;
    }

    @Test
    void profitAndLossShowsRevenueExpensesAndTheResult() {
        JsonNode pl = t.api().get(t.path("/reports/profit-and-loss?from=2025-01-01&to=2025-12-31")).json();
        assertThat(pl.get("revenue").get("total").asString()).isEqualTo("-10000.00");
        assertThat(pl.get("expenses").get("total").asString()).isEqualTo("7000.00");
        assertThat(pl.get("result").asString()).isEqualTo("3000.00");
        assertThat(rows(pl, "amount")).containsExactly(
                "group revenue Nettoomsætning 10000.00 [1010 10000.00]",
                "subtotal grossProfit Dækningsbidrag 10000.00 []",
                "group otherExternalExpenses Andre eksterne omkostninger -4000.00 [2030 -4000.00]",
                "group staffCosts Personaleomkostninger -3000.00 [2850 -3000.00]",
                "subtotal resultBeforeDepreciation Resultat før af- og nedskrivninger 3000.00 []",
                "subtotal operatingResult Resultat før finansielle poster 3000.00 []",
                "subtotal resultBeforeTax Resultat før skat 3000.00 []",
                "subtotal result Årets resultat 3000.00 []");
        assertThat(pl.get("comparisonFrom").asString()).isEqualTo("2024-01-01");
        assertThat(pl.get("comparisonResult").asString()).as("nothing was posted in 2024").isEqualTo("0.00");
    }

    @Test
    void theProfitAndLossComparesWithAnyPeriodAsked() {
        JsonNode pl = t.api().get(t.path("/reports/profit-and-loss?from=2025-02-01&to=2025-03-31&compareFrom=2025-01-01&compareTo=2025-01-31")).json();
        assertThat(rows(pl, "amount")).contains("group revenue Nettoomsætning 0.00 []", "subtotal result Årets resultat -7000.00 []");
        assertThat(rows(pl, "comparison")).contains("group revenue Nettoomsætning 10000.00 [1010 10000.00]", "subtotal result Årets resultat 10000.00 []");
        assertThat(t.api().get(t.path("/reports/profit-and-loss?from=2025-02-01&to=2025-03-31&compareFrom=2025-01-01")).status()).isEqualTo(400);
    }

    @Test
    void theBalanceSheetIsGroupedAsTheStandardChartWithLastYearBeside() {
        JsonNode bs = t.api().get(t.path("/reports/balance-sheet?at=2025-12-31")).json();
        assertThat(bs.get("comparisonAt").asString()).isEqualTo("2024-12-31");
        assertThat(rows(bs, "amount")).containsExactly(
                "subtotal fixedAssets Anlægsaktiver i alt 0.00 []",
                "group cash Likvide beholdninger 44500.00 [6480 44500.00]",
                "subtotal currentAssets Omsætningsaktiver i alt 44500.00 []",
                "subtotal totalAssets Aktiver i alt 44500.00 []",
                "group equity Egenkapital 43000.00 [6530 40000.00, null 3000.00]",
                "group shortTermDebt Kortfristede gældsforpligtelser 1500.00 [7680 2500.00, 7740 -1000.00]",
                "subtotal liabilities Gældsforpligtelser i alt 1500.00 []",
                "subtotal totalLiabilitiesAndEquity Passiver i alt 44500.00 []");
    }

    /** Each row as "kind key name figure [account figure, …]", for one column of a grouped statement. */
    private static java.util.List<String> rows(JsonNode report, String column) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (JsonNode row : report.get("rows")) {
            java.util.List<String> lines = new java.util.ArrayList<>();
            for (JsonNode line : row.get("lines")) {
                if (!line.get(column).asString().equals("0.00")) lines.add((line.get("account").isNull() ? "null" : line.get("account").asString()) + " " + line.get(column).asString());
            }
            out.add(row.get("kind").asString() + " " + row.get("key").asString() + " " + row.get("name").asString() + " " + row.get(column).asString() + " " + lines);
        }
        return out;
    }

    @Test
    void theBalanceSheetBalancesWithTheResultNotYetTransferred() {
        JsonNode bs = t.api().get(t.path("/reports/balance-sheet?at=2025-12-31")).json();
        assertThat(bs.get("assets").get("total").asString()).isEqualTo("44500.00");
        assertThat(bs.get("liabilities").get("total").asString()).isEqualTo("-1500.00");
        assertThat(bs.get("equity").get("total").asString()).isEqualTo("-40000.00");
        assertThat(bs.get("resultNotTransferred").asString()).isEqualTo("3000.00");
        assertThat(bs.get("totalAssets").asString()).isEqualTo("44500.00");
        assertThat(bs.get("totalLiabilitiesAndEquity").asString()).isEqualTo("44500.00");
    }

    @Test
    void theAccountStatementRunsTheBalanceFromTheOpeningBalanceAcrossPages() {
        JsonNode first = t.api().get(t.path("/reports/account-statement?account=6480&from=2025-01-15&to=2025-12-31&limit=1")).json();
        assertThat(first.get("opening").asString()).isEqualTo("40000.00");
        assertThat(first.get("entries")).hasSize(1);
        assertThat(first.get("entries").get(0).get("balance").asString()).isEqualTo("35000.00");
        assertThat(first.get("entries").get(0).get("voucher").asString()).isEqualTo("2025/3");
        assertThat(first.get("entries").get(0).get("text").asString()).isEqualTo("Husleje");
        String cursor = first.get("next").asString();
        JsonNode second = t.api().get(t.path("/reports/account-statement?account=6480&from=2025-01-15&to=2025-12-31&limit=5&cursor=" + cursor)).json();
        assertThat(second.get("opening").asString()).isEqualTo("35000.00");
        List<String> balances = new ArrayList<>();
        for (JsonNode e : second.get("entries")) balances.add(e.get("amount").asString() + "→" + e.get("balance").asString());
        assertThat(balances).containsExactly("12500.00→47500.00", "-3000.00→44500.00");
        assertThat(second.get("closing").asString()).isEqualTo("44500.00");
        assertThat(second.get("next").isNull()).isTrue();
    }

    @Test
    void reportsComeAsSemicolonSeparatedCsvOnRequest() {
        Api.Response csv = t.api().get(t.path("/reports/trial-balance?from=2025-01-01&to=2025-12-31"), "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("number;name;type;debit;credit;balance;opening;yearEnd;closing\n"
                + "1010;Salg af varer og ydelser;REVENUE;0.00;-10000.00;-10000.00;0.00;0.00;-10000.00\n");
        assertThat(csv.body()).endsWith(";total;;73000.00;-73000.00;0.00;0.00;0.00;0.00\n");
        Api.Response byParameter = t.api().get(t.path("/reports/profit-and-loss?from=2025-01-01&to=2025-12-31&format=csv"));
        assertThat(byParameter.header("Content-Type")).startsWith("text/csv");
        assertThat(byParameter.body()).startsWith("group;number;name;amount;comparison\n")
                .contains("revenue;1010;Salg af varer og ydelser;10000.00;0.00\n").contains("result;;subtotal;3000.00;0.00\n");
        Api.Response statement = t.api().get(t.path("/reports/account-statement?account=6480&from=2025-01-01&to=2025-12-31&format=csv"));
        assertThat(statement.body()).contains("2025-03-31;2025/5;Løn;-3000.00;44500.00;");
        assertThat(t.api().get(t.path("/reports/balance-sheet?at=2025-12-31&format=csv")).body()).contains("totalAssets;;subtotal;44500.00;0.00\n");
    }

    @Test
    void vouchersArePagedByDateWithACursor() {
        JsonNode first = t.api().get(t.path("/vouchers?from=2025-01-01&to=2025-12-31&limit=2")).json();
        assertThat(first.get("items")).hasSize(2);
        List<Integer> numbers = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = t.api().get(t.path("/vouchers?from=2025-01-01&to=2025-12-31&limit=2" + (cursor == null ? "" : "&cursor=" + cursor))).json();
            for (JsonNode v : page.get("items")) numbers.add(v.get("number").asInt());
            cursor = page.get("next").isNull() ? null : page.get("next").asString();
        } while (cursor != null);
        assertThat(numbers).containsExactly(1, 2, 3, 4, 5);
        assertThat(t.api().get(t.path("/vouchers?from=2025-02-01&to=2025-02-28")).json().get("items")).hasSize(2);
    }

    static List<String> rows(JsonNode accounts) {
        List<String> out = new ArrayList<>();
        for (JsonNode a : accounts) {
            out.add(a.get("number").asInt() + " " + a.get("name").asString() + ":" + a.get("debit").asString() + ":" + a.get("credit").asString() + ":" + a.get("balance").asString());
        }
        return out;
    }
}
