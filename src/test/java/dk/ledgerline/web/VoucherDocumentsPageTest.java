package dk.ledgerline.web;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.testing.Tenant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * A voucher's documents from its page: a PDF chosen in the file dialog and an image dropped on the
 * page are kept and listed; a text file named .pdf is refused with the reason in Danish.
 */
class VoucherDocumentsPageTest extends BrowserTest {
    static final Duration UPLOAD = Duration.ofSeconds(20);

    @Test
    void aChosenPdfAndADroppedImageAreKeptAndAFakePdfIsRefused() throws Exception {
        Tenant tenant = Tenant.create("QUARTER");
        ReportAndVoucherPagesTest.post(tenant, LocalDate.of(2025, 3, 1), "Husleje marts", 2030, "4000.00");
        browser.signInAs(tenant.api().token());
        String voucher = "/companies/" + tenant.companyId() + "/vouchers/2025/1";
        browser.open(voucher);
        assertThat(browser.text("#no-documents")).isEqualTo("Der er endnu intet dokument til dette bilag.");

        Path pdf = Files.createTempDirectory("bilag").resolve("husleje-marts.pdf");
        Files.write(pdf, dk.ledgerline.testing.SampleDocuments.PDF);
        browser.find("#document-file").sendKeys(pdf.toString());
        browser.waitForCount("#documents li", 1, UPLOAD);
        assertThat(browser.text("#documents li a")).isEqualTo("husleje-marts.pdf");
        String href = browser.find("#documents li a").getAttribute("href");
        assertThat(browser.getBytesWithSession(href.substring(href.indexOf("/companies/")))).isEqualTo(dk.ledgerline.testing.SampleDocuments.PDF);

        // a drop, as the browser fires it when a file is let go over the zone
        browser.script("""
                const bytes = Uint8Array.from(atob(arguments[0]), c => c.charCodeAt(0));
                const transfer = new DataTransfer();
                transfer.items.add(new File([bytes], 'kvittering.png', {type: 'image/png'}));
                document.getElementById('document-drop').dispatchEvent(new DragEvent('drop', {dataTransfer: transfer, bubbles: true, cancelable: true}));""",
                java.util.Base64.getEncoder().encodeToString(dk.ledgerline.testing.SampleDocuments.PNG));
        browser.waitForCount("#documents li", 2, UPLOAD);
        assertThat(browser.texts("#documents li a")).containsExactly("husleje-marts.pdf", "kvittering.png");

        Path fake = pdf.resolveSibling("faktura.pdf");
        Files.writeString(fake, "this is not a PDF", StandardCharsets.UTF_8);
        browser.find("#document-file").sendKeys(fake.toString());
        browser.waiting(UPLOAD).until(d -> browser.text("#document-status").contains("ikke en hel application/pdf-fil"));
        assertThat(browser.text("#document-status")).contains("dokumentet blev ikke gemt");
        browser.open(voucher);
        assertThat(browser.all("#documents li")).as("the fake was not kept").hasSize(2);
    }
}
