package dk.ledgerline.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.testing.Api;
import dk.ledgerline.testing.Tenant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Year-end closing by figures worked by hand: a first year with 50 000 of capital, a sale of 10 000
 * (+ 2 500 VAT) and 4 000 of rent, so a result of 6 000; a second year with a sale of 2 000. Closing
 * 2025 moves the 6 000 to 6950 Overført resultat, the balances carry into 2026 as opening balances,
 * and hledger, reading the journal export, agrees on both years.
 */
class YearEndClosingTest {

    static Tenant books() {
        Tenant t = Tenant.create("QUARTER");
        post(t, "2025-01-02", "Indskud", "{\"account\": 6480, \"amount\": \"50000.00\"}, {\"account\": 6530, \"amount\": \"-50000.00\"}");
        post(t, "2025-05-10", "Faktura 1", "{\"account\": 6190, \"amount\": \"12500.00\"}, {\"account\": 1010, \"amount\": \"-12500.00\", \"vatCode\": \"U25\"}");
        post(t, "2025-11-01", "Husleje", "{\"account\": 2030, \"amount\": \"4000.00\"}, {\"account\": 6480, \"amount\": \"-4000.00\"}");
        post(t, "2026-02-03", "Faktura 2", "{\"account\": 6480, \"amount\": \"2000.00\"}, {\"account\": 1010, \"amount\": \"-2000.00\"}");
        return t;
    }

    static void post(Tenant t, String date, String text, String lines) {
        Api.Response posted = t.postVoucher("{\"date\": \"" + date + "\", \"text\": \"" + text + "\", \"lines\": [" + lines + "]}");
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
    }

    static void settle(Tenant t, String... periods) {
        for (String period : periods) {
            Api.Response settled = t.api().post(t.path("/vat-returns/" + period + "/settlement"), "");
            assertThat(settled.status()).as(period + ": " + settled).isEqualTo(201);
        }
    }

    static Api.Response close(Tenant t, int year) {
        return t.api().post(t.path("/fiscal-years/" + year + "/closing"), "");
    }

    @Test
    void closingMovesTheResultToEquityAndClosesTheYearWhileItsReportsStillShowTheResult() throws Exception {
        Tenant t = books();
        Api.Response early = close(t, 2025);
        assertThat(early.status()).as(early.toString()).isEqualTo(422);
        assertThat(early.body()).contains("2025-Q1").contains("2025-Q4").contains("not settled");
        settle(t, "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4");

        Api.Response closed = close(t, 2025);
        assertThat(closed.status()).as(closed.toString()).isEqualTo(201);
        assertThat(closed.json().get("result").asString()).isEqualTo("6000.00");
        assertThat(closed.json().get("resultAccount").asInt()).isEqualTo(6950);
        int number = closed.json().get("voucher").get("number").asInt();
        JsonNode voucher = t.api().get(t.path("/vouchers/" + number + "?fiscalYear=2025")).json();
        assertThat(voucher.get("date").asString()).isEqualTo("2025-12-31");
        assertThat(entries(voucher)).containsExactlyInAnyOrder("1010:10000.00", "2030:-4000.00", "6950:-6000.00");

        assertThat(t.api().get(t.path("/fiscal-years")).json().get("items").get(0).get("closed").asBoolean()).isTrue();
        Api.Response late = t.postVoucher("{\"date\": \"2025-06-01\", \"text\": \"For sent\", \"lines\": [{\"account\": 2030, \"amount\": \"1.00\"}, {\"account\": 6480, \"amount\": \"-1.00\"}]}");
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.body()).contains("closed");
        assertThat(close(t, 2025).status()).isEqualTo(409);

        JsonNode pl = t.api().get(t.path("/reports/profit-and-loss?from=2025-01-01&to=2025-12-31")).json();
        assertThat(pl.get("result").asString()).as("the closing moves the result; it does not make one").isEqualTo("6000.00");
        assertThat(row(pl, "revenue").get("amount").asString()).isEqualTo("10000.00");
        assertThat(row(pl, "grossProfit").get("amount").asString()).isEqualTo("10000.00");
        assertThat(row(pl, "otherExternalExpenses").get("amount").asString()).isEqualTo("-4000.00");
        assertThat(row(pl, "resultBeforeTax").get("amount").asString()).isEqualTo("6000.00");
        assertThat(row(pl, "result").get("amount").asString()).isEqualTo("6000.00");

        JsonNode yearEnd = t.api().get(t.path("/reports/balance-sheet?at=2025-12-31")).json();
        assertThat(yearEnd.get("currentResult").asString()).as("moved to 6950 by the closing").isEqualTo("0.00");
        assertThat(line(yearEnd, "equity", 6950).get("amount").asString()).isEqualTo("6000.00");
        assertThat(row(yearEnd, "equity").get("amount").asString()).isEqualTo("56000.00");
        assertThat(yearEnd.get("totalAssets").asString()).isEqualTo("58500.00");
        assertThat(yearEnd.get("totalLiabilitiesAndEquity").asString()).isEqualTo("58500.00");

        JsonNode next = t.api().get(t.path("/reports/balance-sheet?at=2026-06-30")).json();
        assertThat(next.get("currentResult").asString()).as("2026's own result, not 2025's as well").isEqualTo("2000.00");
        assertThat(next.get("priorResult").asString()).isEqualTo("0.00");
        assertThat(row(next, "equity").get("comparison").asString()).as("beside 30 June 2025: capital and that year's result so far").isEqualTo("60000.00");
    }

    @Test
    void theNextYearOpensWithTheClosedYearsBalancesAndHledgerAgreesOnBothYears() throws Exception {
        Tenant t = books();
        settle(t, "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4");
        assertThat(close(t, 2025).status()).isEqualTo(201);

        JsonNode first = t.api().get(t.path("/reports/trial-balance?from=2025-01-01&to=2025-12-31")).json();
        assertThat(account(first, 1010)).containsEntry("opening", "0.00").containsEntry("balance", "-10000.00")
                .containsEntry("yearEnd", "10000.00").containsEntry("closing", "0.00");
        assertThat(account(first, 6950)).containsEntry("balance", "0.00").containsEntry("yearEnd", "-6000.00").containsEntry("closing", "-6000.00");
        assertThat(first.get("totals").get("closing").asString()).isEqualTo("0.00");

        JsonNode second = t.api().get(t.path("/reports/trial-balance?from=2026-01-01&to=2026-12-31")).json();
        assertThat(account(second, 6480)).containsEntry("opening", "46000.00").containsEntry("balance", "2000.00").containsEntry("closing", "48000.00");
        assertThat(account(second, 6950)).containsEntry("opening", "-6000.00").containsEntry("closing", "-6000.00");
        assertThat(account(second, 6530)).containsEntry("opening", "-50000.00");
        assertThat(account(second, 6190)).containsEntry("opening", "12500.00");
        assertThat(account(second, 7840)).containsEntry("opening", "-2500.00");
        assertThat(account(second, 1010)).as("a result account opens the year at zero").containsEntry("opening", "0.00").containsEntry("closing", "-2000.00");
        assertThat(second.get("totals").get("priorResult").asString()).isEqualTo("0.00");
        assertThat(second.get("totals").get("opening").asString()).isEqualTo("0.00");

        Path journal = Files.createTempFile("ledgerline-", ".ledger");
        Files.writeString(journal, t.api().get(t.path("/exports/journal.ledger?from=2025-01-01&to=2026-12-31")).body(), StandardCharsets.UTF_8);
        assertThat(HledgerCrossCheckTest.hledgerBalances(journal, "-e", "2026-01-01")).as("2025 closed, by hledger").isEqualTo(closing(first));
        assertThat(HledgerCrossCheckTest.hledgerBalances(journal)).as("2025 and 2026, by hledger").isEqualTo(closing(second));
    }

    @Test
    void aYearIsReopenedByReversingItsClosingUntilTheNextYearsVatIsFiled() {
        Tenant t = books();
        settle(t, "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4");
        int closing = close(t, 2025).json().get("voucher").get("number").asInt();
        Api.Response reversedAlone = t.api().post(t.path("/vouchers/" + closing + "/reversal?fiscalYear=2025"), "{}");
        assertThat(reversedAlone.status()).as(reversedAlone.toString()).isEqualTo(422);
        assertThat(reversedAlone.body()).contains("reopen the year");

        Api.Response reopened = t.api().delete(t.path("/fiscal-years/2025/closing"));
        assertThat(reopened.status()).as(reopened.toString()).isEqualTo(200);
        JsonNode reversal = t.api().get(t.path("/vouchers/" + reopened.json().get("reversal").get("number").asInt() + "?fiscalYear=2025")).json();
        assertThat(entries(reversal)).containsExactlyInAnyOrder("1010:-10000.00", "2030:4000.00", "6950:6000.00");
        assertThat(t.api().get(t.path("/reports/balance-sheet?at=2026-06-30")).json().get("priorResult").asString())
                .as("2025's result is not transferred any more").isEqualTo("6000.00");
        assertThat(t.api().get(t.path("/fiscal-years")).json().get("items").get(0).get("closed").asBoolean()).isFalse();

        Api.Response again = close(t, 2025);
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.json().get("voucher").get("number").asInt()).isNotEqualTo(closing);
        assertThat(again.json().get("result").asString()).isEqualTo("6000.00");
        assertThat(t.api().get(t.path("/reports/profit-and-loss?from=2025-01-01&to=2025-12-31")).json().get("result").asString()).isEqualTo("6000.00");
        assertThat(t.api().get(t.path("/reports/balance-sheet?at=2026-06-30")).json().get("priorResult").asString()).isEqualTo("0.00");

        settle(t, "2026-Q1");
        Api.Response tooLate = t.api().delete(t.path("/fiscal-years/2025/closing"));
        assertThat(tooLate.status()).as(tooLate.toString()).isEqualTo(422);
        assertThat(tooLate.body()).contains("2026-Q1");
    }

    @Test
    void aYearThatHasNotEndedOrFollowsAnOpenYearCannotBeClosed() {
        Tenant t = books();
        Api.Response notEnded = close(t, 2026);
        assertThat(notEnded.status()).isEqualTo(422);
        assertThat(notEnded.body()).contains("2025 comes first").contains("can be closed from 2027-01-01");
        Api.Response elsewhere = t.api().post(t.path("/fiscal-years/2025/closing"), "{\"resultAccount\": 6480}");
        assertThat(elsewhere.status()).isEqualTo(422);
        assertThat(elsewhere.body()).contains("6480 is ASSET, not EQUITY");
        assertThat(t.api().get(t.path("/fiscal-years")).json().get("items").get(0).get("closed").asBoolean()).isFalse();
    }

    static JsonNode row(JsonNode report, String key) {
        for (JsonNode row : report.get("rows")) if (row.get("key").asString().equals(key)) return row;
        throw new AssertionError("no row " + key + " in " + report);
    }

    static JsonNode line(JsonNode report, String group, int account) {
        for (JsonNode line : row(report, group).get("lines")) {
            if (!line.get("account").isNull() && line.get("account").asInt() == account) return line;
        }
        throw new AssertionError("no account " + account + " in " + group);
    }

    static Map<String, String> account(JsonNode trial, int number) {
        for (JsonNode a : trial.get("accounts")) {
            if (a.get("number").asInt() == number) {
                Map<String, String> figures = new TreeMap<>();
                for (String field : List.of("opening", "debit", "credit", "balance", "yearEnd", "closing")) figures.put(field, a.get(field).asString());
                return figures;
            }
        }
        throw new AssertionError("no account " + number + " in the trial balance");
    }

    /** Account number → closing balance, the accounts that have one, as hledger lists them. */
    static Map<String, String> closing(JsonNode trial) {
        Map<String, String> closing = new TreeMap<>();
        for (JsonNode a : trial.get("accounts")) {
            if (!a.get("closing").asString().equals("0.00")) closing.put(a.get("number").asString(), a.get("closing").asString());
        }
        return closing;
    }

    static List<String> entries(JsonNode voucher) {
        List<String> entries = new ArrayList<>();
        for (JsonNode e : voucher.get("entries")) entries.add(e.get("account").asInt() + ":" + e.get("amount").asString());
        return entries;
    }
}
