package dk.ledgerline.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.demo.DemoCompany;
import dk.ledgerline.testing.Api;
import dk.ledgerline.testing.TestApp;
import dk.ledgerline.testing.Tenant;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The journal export read by an independent accounting tool, hledger, gives the same balance per
 * account as Ledgerline's own trial balance: over the demo company's whole year of bookkeeping.
 */
class HledgerCrossCheckTest {

    @Test
    void hledgerComputesTheSameBalancesAsTheTrialBalance() throws Exception {
        TestApp.get().bean(DemoCompany.class).ensure();
        Api demo = TestApp.get().api().withToken(Tenant.token(TestApp.get().api(), DemoCompany.EMAIL, DemoCompany.PASSWORD));
        long companyId = demo.get("/api/v1/companies").json().get("items").get(0).get("id").asLong();
        String base = "/api/v1/companies/" + companyId;
        String from = TestApp.get().today().minusMonths(13).withDayOfMonth(1).toString();
        String to = TestApp.get().today().plusDays(1).toString();

        Api.Response export = demo.get(base + "/exports/journal.ledger?from=" + from + "&to=" + to);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Content-Type")).startsWith("text/plain");
        Path journal = Files.createTempFile("ledgerline-", ".ledger");
        Files.writeString(journal, export.body(), StandardCharsets.UTF_8);

        Map<String, String> ours = new TreeMap<>();
        JsonNode trial = demo.get(base + "/reports/trial-balance?from=" + from + "&to=" + to).json();
        for (JsonNode a : trial.get("accounts")) {
            if (!a.get("balance").asString().equals("0.00")) ours.put(a.get("number").asString(), a.get("balance").asString());
        }
        assertThat(ours).hasSizeGreaterThan(20);

        Map<String, String> theirs = hledgerBalances(journal);
        assertThat(theirs).isEqualTo(ours);
    }

    /** Account number → balance, from {@code hledger bal --flat -O csv} with {@code options} (a date limit, say). */
    static Map<String, String> hledgerBalances(Path journal, String... options) throws Exception {
        File hledger = new File("/usr/bin/hledger");
        assertThat(hledger).as("hledger is missing: run bin/install-test-deps").exists();
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(hledger.getPath(), "-f", journal.toString(), "bal", "--flat", "--no-total", "-O", "csv"));
        command.addAll(java.util.List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Map<String, String> balances = new TreeMap<>();
        java.util.regex.Pattern row = java.util.regex.Pattern.compile("^\"(\\d+) [^\"]*\",\"([^\"]*)\"$");
        for (String line : output.split("\n")) {
            java.util.regex.Matcher m = row.matcher(line.strip());
            if (!m.matches()) continue;
            String number = m.group(1);
            String amount = m.group(2).replace("DKK", "").trim();
            if (!amount.equals("0") && !amount.equals("0.00")) balances.put(number, amount);
        }
        return balances;
    }
}
