package dk.ledgerline.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.testing.Api;
import dk.ledgerline.testing.Tenant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The kassekladde: lines are edited freely, then posted together, all or nothing. */
class JournalsApiTest {

    @Test
    void aJournalIsPostedAsOneVoucherPerDocumentAndThenEmpty() {
        Tenant t = Tenant.create("QUARTER");
        long id = t.api().post(t.path("/journals"), "{\"name\": \"Kladde maj\"}").json().get("id").asLong();
        String lines = t.path("/journals/" + id + "/lines");
        assertThat(t.api().post(lines, "{\"date\": \"2025-05-02\", \"text\": \"Kontorartikler\", \"account\": 2450, \"amount\": \"250.00\", \"vatCode\": \"I25\", \"contraAccount\": 6480}").status()).isEqualTo(201);
        JsonNode sale = t.api().post(lines, "{\"date\": \"2025-05-03\", \"text\": \"Faktura 12\", \"account\": 6190, \"amount\": \"1000.00\"}").json();
        assertThat(sale.get("document").asInt()).isEqualTo(2);
        t.api().post(lines, "{\"document\": 2, \"date\": \"2025-05-03\", \"text\": \"Faktura 12\", \"account\": 1010, \"amount\": \"-1000.00\", \"vatCode\": \"U25\"}");

        Api.Response posted = t.api().post(t.path("/journals/" + id + "/posting"), "");

        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        JsonNode vouchers = posted.json().get("vouchers");
        assertThat(vouchers).hasSize(2);
        assertThat(dk.ledgerline.testing.Vouchers.entries(vouchers.get(0))).containsExactly("2450:200.00:I25", "7740:50.00:I25", "6480:-250.00:null");
        assertThat(dk.ledgerline.testing.Vouchers.entries(vouchers.get(1))).containsExactly("6190:1000.00:null", "1010:-800.00:U25", "7680:-200.00:U25");
        assertThat(vouchers.get(1).get("source").asString()).isEqualTo("JOURNAL");
        assertThat(t.api().get(t.path("/journals/" + id)).json().get("lines")).isEmpty();
    }

    @Test
    void aLineOnAnUnknownAccountIsRefusedWhenAddedAndAJournalThatDoesNotBalancePostsNothing() {
        Tenant t = Tenant.create("QUARTER");
        long id = t.api().post(t.path("/journals"), "{\"name\": \"Kladde\"}").json().get("id").asLong();
        String lines = t.path("/journals/" + id + "/lines");
        t.api().post(lines, "{\"date\": \"2025-05-02\", \"text\": \"OK\", \"account\": 2450, \"amount\": \"250.00\", \"contraAccount\": 6480}");
        Api.Response unknown = t.api().post(lines, "{\"date\": \"2025-05-02\", \"text\": \"Forkert\", \"account\": 4444, \"amount\": \"99.00\", \"contraAccount\": 4445}");
        assertThat(unknown.status()).as("known to be wrong at once, not first when posted").isEqualTo(422);
        assertThat(unknown.json().get("errors")).extracting(e -> e.get("field").asString() + ": " + e.get("message").asString())
                .containsExactly("account: account 4444 does not exist", "contraAccount: account 4445 does not exist");
        long unbalanced = t.api().post(lines, "{\"document\": 2, \"date\": \"2025-05-02\", \"text\": \"Halvt\", \"account\": 2450, \"amount\": \"99.00\"}")
                .json().get("id").asLong();

        Api.Response posted = t.api().post(t.path("/journals/" + id + "/posting"), "");

        assertThat(posted.status()).isEqualTo(422);
        assertThat(posted.body()).contains("document 2").contains("at least 2 lines");
        assertThat(t.api().get(t.path("/vouchers")).json().get("items")).isEmpty();
        assertThat(t.api().get(t.path("/journals/" + id)).json().get("lines")).hasSize(2);
        // fixing the line makes the journal postable, and numbering starts at 1: the rejection left no gap
        assertThat(t.api().put(lines + "/" + unbalanced, "{\"document\": 2, \"date\": \"2025-05-02\", \"text\": \"Rettet\", \"account\": 2450, \"amount\": \"99.00\", \"contraAccount\": 6480}").status()).isEqualTo(200);
        JsonNode vouchers = t.api().post(t.path("/journals/" + id + "/posting"), "").json().get("vouchers");
        assertThat(vouchers.get(0).get("number").asInt()).isEqualTo(1);
        assertThat(vouchers.get(1).get("number").asInt()).isEqualTo(2);
    }

    @Test
    void linesCanBeDeletedAndAnEmptyJournalIsNotPosted() {
        Tenant t = Tenant.create("QUARTER");
        long id = t.api().post(t.path("/journals"), "{\"name\": \"Kladde\"}").json().get("id").asLong();
        long line = t.api().post(t.path("/journals/" + id + "/lines"), "{\"date\": \"2025-05-02\", \"text\": \"x\", \"account\": 2450, \"amount\": \"1.00\", \"contraAccount\": 6480}").json().get("id").asLong();
        assertThat(t.api().delete(t.path("/journals/" + id + "/lines/" + line)).status()).isEqualTo(204);
        Api.Response posted = t.api().post(t.path("/journals/" + id + "/posting"), "");
        assertThat(posted.status()).isEqualTo(422);
        assertThat(posted.body()).contains("no lines to post");
        assertThat(t.api().delete(t.path("/journals/" + id)).status()).isEqualTo(204);
        assertThat(t.api().get(t.path("/journals/" + id)).status()).isEqualTo(404);
    }

    @Test
    void aDocumentWithTwoDatesIsRejected() {
        Tenant t = Tenant.create("QUARTER");
        long id = t.api().post(t.path("/journals"), "{\"name\": \"Kladde\"}").json().get("id").asLong();
        String lines = t.path("/journals/" + id + "/lines");
        t.api().post(lines, "{\"document\": 1, \"date\": \"2025-05-02\", \"text\": \"a\", \"account\": 6480, \"amount\": \"1.00\"}");
        t.api().post(lines, "{\"document\": 1, \"date\": \"2025-05-03\", \"text\": \"b\", \"account\": 1010, \"amount\": \"-1.00\"}");
        Api.Response posted = t.api().post(t.path("/journals/" + id + "/posting"), "");
        assertThat(posted.status()).isEqualTo(422);
        assertThat(posted.body()).contains("a voucher has one date");
    }
}
