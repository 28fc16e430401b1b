package dk.ledgerline.web;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.testing.Tenant;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The vouchers list (newest first, searched, paged both ways), the statements as an accountant reads
 * them (grouped, with last year beside, every figure leading to its entries, as Danish CSV and as
 * PDF), and year-end closing from the pages, in a real browser.
 */
class ReportAndVoucherPagesTest extends BrowserTest {
    static void post(Tenant t, LocalDate date, String text, int account, String amount) {
        var posted = t.postVoucher("{\"date\": \"" + date + "\", \"text\": \"" + text + "\", \"lines\": [{\"account\": " + account + ", \"amount\": \""
                + amount + "\"}, {\"account\": 6480, \"amount\": \"-" + amount + "\"}]}");
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
    }

    @Test
    void theVouchersListIsNewestFirstSearchableAndPagedBothWays() {
        Tenant tenant = Tenant.create("QUARTER");
        LocalDate day = LocalDate.of(2025, 1, 1);
        for (int i = 1; i <= 60; i++) post(tenant, day.plusDays(i), (i % 10 == 0 ? "Husleje " : "Kontorartikler ") + i, i % 10 == 0 ? 2030 : 2450, i + ".00");
        browser.signInAs(tenant.api().token());
        String base = "/companies/" + tenant.companyId();

        browser.open(base + "/vouchers");
        List<List<String>> first = browser.rows("#vouchers tbody tr");
        assertThat(first).hasSize(50);
        assertThat(first.getFirst().subList(0, 3)).containsExactly("2025/60", "02.03.2025", "Husleje 60");
        assertThat(first.getLast().getFirst()).isEqualTo("2025/11");
        assertThat(browser.all("#newer-page")).as("the newest page has nothing newer").isEmpty();

        browser.clickAndWaitForPage("#older-page");
        assertThat(browser.rows("#vouchers tbody tr")).extracting(List::getFirst).containsExactly(
                "2025/10", "2025/9", "2025/8", "2025/7", "2025/6", "2025/5", "2025/4", "2025/3", "2025/2", "2025/1");
        assertThat(browser.all("#older-page")).isEmpty();
        browser.clickAndWaitForPage("#newer-page");
        assertThat(browser.rows("#vouchers tbody tr")).as("back to the newest page").isEqualTo(first);

        browser.fill("#voucher-search", Browser.fields("q", "husleje"));
        browser.submit("#voucher-search");
        assertThat(browser.rows("#vouchers tbody tr")).extracting(List::getFirst).containsExactly("2025/60", "2025/50", "2025/40", "2025/30", "2025/20", "2025/10");
        browser.open(base + "/vouchers?amount=" + java.net.URLEncoder.encode("33,00", java.nio.charset.StandardCharsets.UTF_8));
        assertThat(browser.rows("#vouchers tbody tr")).extracting(List::getFirst).containsExactly("2025/33");
        browser.open(base + "/vouchers?account=2030&number=40");
        assertThat(browser.rows("#vouchers tbody tr")).extracting(List::getFirst).containsExactly("2025/40");
        browser.open(base + "/vouchers?q=" + java.net.URLEncoder.encode("100%_\\", java.nio.charset.StandardCharsets.UTF_8));
        assertThat(browser.text("#no-vouchers")).as("% and _ are letters to search for, not patterns").isEqualTo("Ingen bilag passer til søgningen.");
        browser.open(base + "/vouchers?amount=1.250");
        assertThat(browser.text(".failure li")).contains("tvetydigt");
    }

    @Test
    void theStatementsAreGroupedWithLastYearBesideEachFigureLeadsToItsEntriesAndTheyDownloadAsDanishCsvAndPdf() throws Exception {
        Tenant tenant = Tenant.create("QUARTER", 2024);
        post(tenant, LocalDate.of(2024, 3, 1), "Husleje 2024", 2030, "3000.00");
        post(tenant, LocalDate.of(2025, 3, 1), "Husleje 2025", 2030, "4000.00");
        var sale = tenant.postVoucher("{\"date\": \"2025-04-01\", \"text\": \"Faktura\", \"lines\": [{\"account\": 6480, \"amount\": \"10000.00\"}, {\"account\": 1010, \"amount\": \"-10000.00\"}]}");
        assertThat(sale.status()).isEqualTo(201);
        browser.signInAs(tenant.api().token());
        String base = "/companies/" + tenant.companyId();

        browser.open(base + "/reports/profit-and-loss?from=2025-01-01&to=2025-12-31");
        assertThat(browser.texts("#profit-and-loss thead th")).containsExactly("Nr.", "Konto", "01.01.2025–31.12.2025", "01.01.2024–31.12.2024");
        assertThat(browser.rows("#profit-and-loss tr[data-account='2030']")).containsExactly(
                List.of("2030", "Husleje, ekskl. el, vand og varme", "-4.000,00", "-3.000,00"));
        assertThat(browser.rows("#profit-and-loss tr[data-subtotal='grossProfit']")).containsExactly(List.of("", "10.000,00", "0,00"));
        assertThat(browser.rows("#profit-and-loss tr[data-subtotal='result']")).containsExactly(List.of("", "6.000,00", "-3.000,00"));
        browser.screenshot("profit-and-loss");
        browser.clickAndWaitForPage("#profit-and-loss tr[data-account='2030'] a");
        assertThat(browser.pathAndQuery()).isEqualTo(base + "/reports/account-statement?from=2025-01-01&to=2025-12-31&account=2030");
        assertThat(browser.text("main")).contains("Husleje 2025").doesNotContain("Husleje 2024");

        HttpResponse<String> csv = browser.getWithSession(base + "/reports/profit-and-loss.csv?from=2025-01-01&to=2025-12-31");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).startsWith("\uFEFFGruppe;Kontonr.;Konto;01-01-2025 - 31-12-2025;01-01-2024 - 31-12-2024\n")
                .contains("Andre eksterne omkostninger;2030;Husleje, ekskl. el, vand og varme;-4000,00;-3000,00\n")
                .contains("Årets resultat;;Årets resultat;6000,00;-3000,00\n");

        browser.open(base + "/reports/balance-sheet?at=2025-12-31");
        assertThat(browser.rows("#balance-sheet tr[data-subtotal='totalAssets']")).containsExactly(List.of("", "3.000,00", "-3.000,00"));
        assertThat(browser.rows("#balance-sheet tr[data-subtotal='totalLiabilitiesAndEquity']")).containsExactly(List.of("", "3.000,00", "-3.000,00"));
        assertThat(browser.texts("#balance-sheet tbody[data-group='equity'] tr[data-account=''] td:nth-child(2)"))
                .as("this year's result apart from last year's, which no closing has moved")
                .containsExactly("Årets resultat, ikke overført", "Resultat fra tidligere år, ikke overført");
        browser.screenshot("balance-sheet");

        Path pdf = Files.createTempFile("resultatopgoerelse-", ".pdf");
        Files.write(pdf, browser.getBytesWithSession(base + "/reports/profit-and-loss.pdf?from=2025-01-01&to=2025-12-31"));
        assertThat(Files.readAllBytes(pdf)).startsWith("%PDF-".getBytes());
        assertThat(pdfText(pdf)).contains("Resultatopgørelse 01.01.2025–31.12.2025").contains("Dækningsbidrag").contains("6.000,00").contains("-3.000,00");
        // as an image, the way a reader sees it (pdftoppm): kept with the pages' screenshots
        Path png = Path.of("target/screenshots/profit-and-loss-pdf.png");
        Files.createDirectories(png.getParent());
        Process render = new ProcessBuilder("pdftoppm", "-png", "-r", "80", "-singlefile", pdf.toString(),
                png.toString().replaceAll("\\.png$", "")).redirectErrorStream(true).start();
        assertThat(render.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(render.exitValue()).isZero();
        assertThat(Files.size(png)).isGreaterThan(10_000);
        Files.write(pdf, browser.getBytesWithSession(base + "/reports/trial-balance.pdf?from=2025-01-01&to=2025-12-31"));
        assertThat(pdfText(pdf)).contains("Saldobalance").contains("Husleje, ekskl. el, vand og varme");
    }

    @Test
    void anOwnerClosesTheYearFromThePagesAfterSeeingWhatItPostsAndCanReopenIt() {
        Tenant tenant = Tenant.create("QUARTER");
        post(tenant, LocalDate.of(2025, 3, 1), "Husleje", 2030, "4000.00");
        for (String period : List.of("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4")) {
            assertThat(tenant.api().post(tenant.path("/vat-returns/" + period + "/settlement"), "").status()).isEqualTo(201);
        }
        browser.signInAs(tenant.api().token());
        String base = "/companies/" + tenant.companyId();
        browser.open(base + "/reports");
        browser.clickAndWaitForPage("#fiscal-years-link");
        assertThat(browser.text("#fiscal-years tr[data-year='2025'] .status")).isEqualTo("Slut, ikke afsluttet");
        assertThat(browser.all("#close-2026")).as("a year still running cannot be closed").isEmpty();

        browser.clickAndWaitForPage("#close-2025");
        assertThat(browser.text("#year-result")).isEqualTo("-4.000,00");
        assertThat(browser.rows("#closing-entries tbody tr")).containsExactly(
                List.of("2030", "Husleje, ekskl. el, vand og varme", "", "4.000,00"),
                List.of("6950", "Overført resultat", "4.000,00", ""));
        browser.clickAndWaitForPage("#close-year button");
        assertThat(browser.text(".notice")).startsWith("Regnskabsåret 2025 er afsluttet");
        assertThat(browser.text("#fiscal-years tr[data-year='2025'] .status")).isEqualTo("Afsluttet");
        assertThat(tenant.api().get(tenant.path("/fiscal-years")).json().get("items").get(0).get("closed").asBoolean()).isTrue();

        browser.script("window.confirm = () => true");
        browser.clickAndWaitForPage("#reopen-2025");
        assertThat(browser.text(".notice")).startsWith("Regnskabsåret 2025 er genåbnet");
        assertThat(tenant.api().get(tenant.path("/fiscal-years")).json().get("items").get(0).get("closed").asBoolean()).isFalse();
    }

    /** The text of a PDF as poppler's pdftotext reads it. */
    static String pdfText(Path pdf) throws Exception {
        Process process = new ProcessBuilder("pdftotext", "-layout", pdf.toString(), "-").redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(text).isZero();
        return text;
    }
}
