package dk.ledgerline.documents;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.testing.Api;
import dk.ledgerline.testing.SampleDocuments;
import dk.ledgerline.testing.Tenant;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A voucher's documents through the API: kept by content, the same file once however often it is
 * sent, read back byte for byte; a file that is not what it says, too large, empty or of a kind a
 * voucher does not keep is refused naming why, and nothing of it is kept.
 */
class DocumentsTest {
    static final byte[] PDF = SampleDocuments.PDF;
    static final byte[] PNG = SampleDocuments.PNG;

    @Test
    void aVouchersPdfAndImageAreKeptOnceAndReadBackAsTheyWere() throws Exception {
        Tenant t = Tenant.create("QUARTER");
        int first = voucher(t, "Husleje marts");
        int second = voucher(t, "Husleje april");

        Api.Response attached = t.api().postBytes(t.path("/vouchers/" + first + "/documents?fileName=faktura%20marts.pdf"), "application/pdf", PDF);
        assertThat(attached.status()).as(attached.toString()).isEqualTo(201);
        String sha = attached.json().get("sha256").asString();
        assertThat(sha).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(PDF)));
        assertThat(attached.json().get("fileName").asString()).isEqualTo("faktura marts.pdf");
        assertThat(t.api().postBytes(t.path("/vouchers/" + first + "/documents"), "application/pdf", PDF).status())
                .as("the same file again attaches nothing new").isEqualTo(200);
        assertThat(t.api().postBytes(t.path("/vouchers/" + first + "/documents?fileName=kvittering.png"), "image/png", PNG).status()).isEqualTo(201);
        assertThat(t.api().postBytes(t.path("/vouchers/" + second + "/documents"), "application/pdf; name=x.pdf", PDF).status())
                .as("the same content on another voucher").isEqualTo(201);

        JsonNode firsts = t.api().get(t.path("/vouchers/" + first + "/documents")).json().get("items");
        assertThat(firsts).hasSize(2);
        assertThat(firsts.get(0).get("mediaType").asString()).isEqualTo("application/pdf");
        assertThat(firsts.get(1).get("mediaType").asString()).isEqualTo("image/png");
        assertThat(t.api().get(t.path("/vouchers/" + second + "/documents")).json().get("items").get(0).get("sha256").asString()).isEqualTo(sha);

        HttpResponse<byte[]> back = t.api().getBytes(t.path("/documents/" + sha));
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(back.body()).isEqualTo(PDF);
        assertThat(back.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
        assertThat(back.headers().firstValue("Content-Disposition").orElse("")).contains("inline");

        Tenant other = Tenant.create("QUARTER");
        assertThat(other.api().getBytes(other.path("/documents/" + sha)).statusCode()).as("another company's document is not there").isEqualTo(404);
    }

    @Test
    void aFileThatIsNotWhatItSaysOrTooLargeOrEmptyIsRefusedNamingWhyAndNothingIsKept() {
        Tenant t = Tenant.create("QUARTER");
        int number = voucher(t, "Kontorartikler");
        String path = t.path("/vouchers/" + number + "/documents");

        refused(t.api().postBytes(path, "application/pdf", "<html><body>not a pdf</body></html>".getBytes(StandardCharsets.UTF_8)), 422, "not a whole application/pdf");
        refused(t.api().postBytes(path, "application/pdf", PNG), 422, "its content is image/png");
        refused(t.api().postBytes(path, "application/pdf", Arrays.copyOf(PDF, PDF.length - 8)), 422, "not a whole application/pdf");
        refused(t.api().postBytes(path, "image/jpeg", PDF), 422, "its content is application/pdf");
        refused(t.api().postBytes(path, "text/html", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8)), 415, "PDF, PNG or JPEG");
        refused(t.api().postBytes(path, "application/pdf", new byte[0]), 422, "empty");
        byte[] huge = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(PDF, 0, huge, 0, PDF.length);
        assertThat(t.api().postBytes(path, "application/pdf", huge).status()).isEqualTo(413);
        refused(t.api().postBytes(t.path("/vouchers/9999/documents"), "application/pdf", PDF), 404, "9999");

        assertThat(t.api().get(path).json().get("items")).as("nothing of a refused file is kept").isEmpty();
    }

    private static void refused(Api.Response response, int status, String says) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).contains("problem+json");
        assertThat(response.body()).contains(says);
    }

    static int voucher(Tenant t, String text) {
        Api.Response posted = t.postVoucher("{\"date\": \"2025-03-01\", \"text\": \"" + text + "\", \"lines\": [{\"account\": 2030, \"amount\": \"1000.00\"},"
                + " {\"account\": 6480, \"amount\": \"-1000.00\"}]}");
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        return posted.json().get("number").asInt();
    }
}
