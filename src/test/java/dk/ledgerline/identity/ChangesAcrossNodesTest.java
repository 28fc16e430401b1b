package dk.ledgerline.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.ledgerline.identity.internal.Memberships;
import dk.ledgerline.identity.internal.Sessions;
import dk.ledgerline.testing.Api;
import dk.ledgerline.testing.SecondNode;
import dk.ledgerline.testing.Tenant;
import dk.ledgerline.testing.TestApp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What is ended on one node is refused on the other within moments, long before the other's
 * memory of it would have gone stale by itself: each wait below is shorter than that memory's
 * life, so only the notification between the nodes can make it pass.
 */
class ChangesAcrossNodesTest {
    /** Far below {@link Sessions#FRESH_FOR} and {@link Memberships#FRESH_FOR}. */
    static final Duration SEEN_WITHIN = Duration.ofSeconds(3);

    static SecondNode second;

    @BeforeAll
    static void startTheSecondNode() {
        assertThat(SEEN_WITHIN).isLessThan(Sessions.FRESH_FOR).isLessThan(Memberships.FRESH_FOR);
        TestApp.get();
        second = SecondNode.start();
    }

    @AfterAll
    static void stopTheSecondNode() {
        if (second != null) second.close();
    }

    @Test
    void aMemberRemovedOnOneNodeIsRefusedOnTheOther() {
        Tenant owner = Tenant.create("QUARTER");
        Tenant member = Tenant.create("QUARTER");
        assertThat(owner.api().post(owner.path("/members"), "{\"email\": \"" + member.email() + "\", \"role\": \"BOOKKEEPER\"}").status()).isEqualTo(201);
        long memberId = member.api().get("/api/v1/me").json().get("id").asLong();
        Api memberThere = second.api().withToken(member.api().token());
        assertThat(memberThere.get(owner.path("/vouchers")).status()).as("the second node now remembers the membership").isEqualTo(200);

        assertThat(owner.api().delete(owner.path("/members/" + memberId)).status()).isEqualTo(204);

        assertThat(member.api().get(owner.path("/vouchers")).status()).as("on the node that removed them: at once").isEqualTo(404);
        await().atMost(SEEN_WITHIN).pollInterval(Duration.ofMillis(50))
                .until(() -> memberThere.get(owner.path("/vouchers")).status() == 404);
        assertThat(memberThere.get(member.path("/vouchers")).status()).as("their own company is theirs still").isEqualTo(200);
    }

    @Test
    void anOperatorEndingAUsersSessionsAndALogoutCountOnTheOtherNode() {
        Tenant user = Tenant.create("QUARTER");
        Api there = second.api().withToken(user.api().token());
        assertThat(there.get("/api/v1/me").status()).isEqualTo(200);

        Api.Response ended = TestApp.get().api().send(HttpRequest.newBuilder(URI.create(TestApp.get().baseUrl() + "/ops/v1/users/" + user.email() + "/sessions"))
                .header("Authorization", "Bearer " + TestApp.OPS_TOKEN).DELETE().build());
        assertThat(ended.status()).isEqualTo(204);
        assertThat(user.api().get("/api/v1/me").status()).isEqualTo(401);
        await().atMost(SEEN_WITHIN).pollInterval(Duration.ofMillis(50)).until(() -> there.get("/api/v1/me").status() == 401);

        Api again = TestApp.get().api().withToken(Tenant.token(TestApp.get().api(), user.email(), user.password()));
        Api againThere = second.api().withToken(again.token());
        assertThat(againThere.get("/api/v1/me").status()).as("a new login counts on both").isEqualTo(200);
        assertThat(again.delete("/api/v1/auth/token").status()).isEqualTo(204);
        await().atMost(SEEN_WITHIN).pollInterval(Duration.ofMillis(50)).until(() -> againThere.get("/api/v1/me").status() == 401);
    }

    @Test
    void theOperatorsApiWantsTheOperatorsToken() {
        Tenant user = Tenant.create("QUARTER");
        String path = "/ops/v1/users/" + user.email() + "/sessions";
        assertThat(user.api().delete(path).status()).as("a user's token is no operator's").isEqualTo(401);
        assertThat(TestApp.get().api().delete(path).status()).isEqualTo(401);
        Api.Response unknown = TestApp.get().api().send(HttpRequest.newBuilder(URI.create(TestApp.get().baseUrl() + "/ops/v1/users/nobody-" + System.nanoTime() + "@example.dk/sessions"))
                .header("Authorization", "Bearer " + TestApp.OPS_TOKEN).DELETE().build());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(user.api().get("/api/v1/me").status()).isEqualTo(200);
    }

    @Test
    void theLastOwnerCannotLeaveNorBeMadeLessThanOwner() {
        Tenant owner = Tenant.create("QUARTER");
        long ownerId = owner.api().get("/api/v1/me").json().get("id").asLong();
        Api.Response leave = owner.api().delete(owner.path("/members/" + ownerId));
        assertThat(leave.status()).isEqualTo(422);
        assertThat(leave.body()).contains("at least one owner");
        Api.Response demote = owner.api().post(owner.path("/members"), "{\"email\": \"" + owner.email() + "\", \"role\": \"VIEWER\"}");
        assertThat(demote.status()).isEqualTo(422);
        assertThat(owner.api().get(owner.path("/members")).json().get("items").get(0).get("role").asString()).isEqualTo("OWNER");

        Tenant partner = Tenant.create("QUARTER");
        assertThat(owner.api().post(owner.path("/members"), "{\"email\": \"" + partner.email() + "\", \"role\": \"OWNER\"}").status()).isEqualTo(201);
        assertThat(owner.api().delete(owner.path("/members/" + ownerId)).status()).as("with another owner, an owner may leave").isEqualTo(204);
        assertThat(owner.api().get(owner.path("/vouchers")).status()).isEqualTo(404);
    }
}
