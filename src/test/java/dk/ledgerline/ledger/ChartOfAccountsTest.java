package dk.ledgerline.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.testing.Api;
import dk.ledgerline.testing.Tenant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The default Danish chart, built on the standard chart of accounts, and its CSV export and import. */
class ChartOfAccountsTest {

    @Test
    void aNewCompanyStartsFromTheStandardChartWithTypesVatCodesAndMapping() throws IOException {
        Tenant t = Tenant.create("QUARTER");
        JsonNode accounts = t.api().get(t.path("/accounts")).json().get("items");
        assertThat(accounts.size()).isGreaterThan(60);
        Map<Integer, String> standard = standardChart();
        Map<Integer, JsonNode> byNumber = new HashMap<>();
        for (JsonNode a : accounts) {
            byNumber.put(a.get("number").asInt(), a);
            JsonNode mapped = a.get("standardAccount");
            assertThat(mapped.isNull()).as(a.toString()).isFalse();
            assertThat(standard).as("standard account of " + a).containsKey(mapped.get("number").asInt());
            assertThat(mapped.get("name").asString()).isEqualTo(standard.get(mapped.get("number").asInt()));
        }
        assertThat(byNumber.get(1010).get("type").asString()).isEqualTo("REVENUE");
        assertThat(byNumber.get(1010).get("vatCode").asString()).isEqualTo("U25");
        assertThat(byNumber.get(2030).get("type").asString()).isEqualTo("EXPENSE");
        assertThat(byNumber.get(2030).get("vatCode").asString()).isEqualTo("I25");
        assertThat(byNumber.get(1630).get("vatCode").asString()).isEqualTo("EUV");
        assertThat(byNumber.get(6480).get("type").asString()).isEqualTo("ASSET");
        assertThat(byNumber.get(6530).get("type").asString()).isEqualTo("EQUITY");
        assertThat(byNumber.get(7840).get("name").asString()).isEqualTo("Skyldig moms");
        assertThat(byNumber.get(7840).get("type").asString()).isEqualTo("LIABILITY");
        for (int vatAccount : new int[] {7680, 7700, 7720, 7740, 7840}) assertThat(byNumber).containsKey(vatAccount);
    }

    @Test
    void theChartExportsAsSemicolonCsvAndImportsBackUnchanged() {
        Tenant t = Tenant.create("QUARTER");
        Api.Response csv = t.api().get(t.path("/accounts.csv"));
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("number;name;type;vatCode;standardAccount\n1010;Salg af varer og ydelser;REVENUE;U25;1010\n");
        Api.Response again = t.api().postRaw(t.path("/accounts.csv"), "text/csv", csv.body());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("created").asInt()).isZero();
        assertThat(again.json().get("updated").asInt()).isZero();
        assertThat(again.json().get("unchanged").asInt()).isEqualTo(t.api().get(t.path("/accounts")).json().get("items").size());
    }

    @Test
    void anImportCreatesAndRenamesAndReportsEveryBadLineWithoutWritingAny() {
        Tenant t = Tenant.create("QUARTER");
        Api.Response bad = t.api().postRaw(t.path("/accounts.csv"), "text/csv", """
                number;name;type;vatCode;standardAccount
                1011;Salg af konsulentydelser;REVENUE;U25;1010
                abc;Forkert;ASSET;;
                1012;Forkert type;INCOME;;
                1013;Forkert moms;REVENUE;X99;
                """);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("line 3").contains("line 4").contains("line 5").doesNotContain("line 2\"");
        assertThat(t.api().get(t.path("/accounts/1011")).status()).isEqualTo(404);

        Api.Response good = t.api().postRaw(t.path("/accounts.csv"), "text/csv", """
                number;name;type;vatCode;standardAccount
                1011;Salg af konsulentydelser;REVENUE;U25;1010
                6480;Bankkonto Danske Bank;ASSET;;6480
                """);
        assertThat(good.status()).as(good.toString()).isEqualTo(200);
        assertThat(good.json().get("created").asInt()).isEqualTo(1);
        assertThat(good.json().get("updated").asInt()).isEqualTo(1);
        assertThat(t.api().get(t.path("/accounts/6480")).json().get("name").asString()).isEqualTo("Bankkonto Danske Bank");
    }

    @Test
    void anAccountWithPostingsKeepsItsType() {
        Tenant t = Tenant.create("QUARTER");
        t.postVoucher("{\"date\": \"2025-05-01\", \"text\": \"x\", \"lines\": [{\"account\": 6480, \"amount\": \"1.00\"}, {\"account\": 6530, \"amount\": \"-1.00\"}]}");
        Api.Response changed = t.api().postRaw(t.path("/accounts.csv"), "text/csv", "6480;Bank;EXPENSE;;6480\n");
        assertThat(changed.status()).isEqualTo(422);
        assertThat(changed.body()).contains("has postings");
        assertThat(t.api().get(t.path("/accounts/6480")).json().get("type").asString()).isEqualTo("ASSET");
    }

    @Test
    void anAccountIsCreatedOnceWithValidFields() {
        Tenant t = Tenant.create("QUARTER");
        Api.Response created = t.api().post(t.path("/accounts"), "{\"number\": 6481, \"name\": \"Opsparingskonto\", \"type\": \"ASSET\", \"standardAccount\": 6480}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(t.api().post(t.path("/accounts"), "{\"number\": 6481, \"name\": \"Igen\", \"type\": \"ASSET\"}").status()).isEqualTo(409);
        Api.Response invalid = t.api().post(t.path("/accounts"), "{\"name\": \"\", \"type\": \"MONEY\", \"vatCode\": \"Z\"}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.body()).contains("\"number\"").contains("\"name\"").contains("\"type\"").contains("\"vatCode\"");
    }

    static Map<Integer, String> standardChart() throws IOException {
        Map<Integer, String> names = new HashMap<>();
        var lines = Files.readAllLines(Path.of("src/main/resources/ledger/standard-chart.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(";", 2);
            names.put(Integer.parseInt(cells[0]), cells[1]);
        }
        return names;
    }
}
