package dk.ledgerline.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.testing.Api;
import dk.ledgerline.testing.Tenant;
import dk.ledgerline.testing.TestApp;
import org.junit.jupiter.api.Test;

/** Signed tokens that can still end before they expire: logging out, everywhere, and by a new password. */
class SessionsTest {
    @Test
    void loggingOutEndsThatTokenAndNoOther() {
        Tenant t = Tenant.create("QUARTER");
        Api anonymous = TestApp.get().api();
        Api other = anonymous.withToken(Tenant.token(anonymous, t.email(), t.password()));
        assertThat(t.api().delete("/api/v1/auth/token").status()).isEqualTo(204);
        assertThat(t.api().get("/api/v1/me").status()).isEqualTo(401);
        assertThat(t.api().get(t.path("")).status()).as("nor does it open the company").isEqualTo(401);
        assertThat(other.get("/api/v1/me").status()).as("another session of the same user goes on").isEqualTo(200);
    }

    @Test
    void endingAllSessionsEndsEveryTokenOfTheUserAndALoginAfterworksWorks() {
        Tenant t = Tenant.create("QUARTER");
        Api anonymous = TestApp.get().api();
        Api other = anonymous.withToken(Tenant.token(anonymous, t.email(), t.password()));
        Tenant stranger = Tenant.create("QUARTER");
        assertThat(other.delete("/api/v1/me/sessions").status()).isEqualTo(204);
        assertThat(other.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(t.api().get("/api/v1/me").status()).isEqualTo(401);
        assertThat(stranger.api().get("/api/v1/me").status()).as("other users are not touched").isEqualTo(200);
        Api again = anonymous.withToken(Tenant.token(anonymous, t.email(), t.password()));
        assertThat(again.get(t.path("")).status()).isEqualTo(200);
    }

    @Test
    void aNewPasswordEndsEverySessionAndGivesTheCallerANewToken() {
        Tenant t = Tenant.create("QUARTER");
        Api anonymous = TestApp.get().api();
        Api other = anonymous.withToken(Tenant.token(anonymous, t.email(), t.password()));
        Api.Response wrong = t.api().put("/api/v1/me/password", "{\"currentPassword\": \"not it at all\", \"newPassword\": \"a new long password\"}");
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.body()).contains("currentPassword");
        assertThat(t.api().put("/api/v1/me/password", "{\"currentPassword\": \"" + t.password() + "\", \"newPassword\": \"short\"}").status()).isEqualTo(422);
        assertThat(other.get("/api/v1/me").status()).as("a refused change ends nothing").isEqualTo(200);

        Api.Response changed = t.api().put("/api/v1/me/password", "{\"currentPassword\": \"" + t.password() + "\", \"newPassword\": \"a new long password\"}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(t.api().get("/api/v1/me").status()).isEqualTo(401);
        assertThat(other.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(anonymous.withToken(changed.json().get("token").asString()).get(t.path("")).status()).isEqualTo(200);
        assertThat(anonymous.post("/api/v1/auth/token", "{\"email\": \"" + t.email() + "\", \"password\": \"" + t.password() + "\"}", null).status())
                .as("the old password no longer logs in").isEqualTo(401);
        assertThat(anonymous.post("/api/v1/auth/token", "{\"email\": \"" + t.email() + "\", \"password\": \"a new long password\"}", null).status()).isEqualTo(200);
    }
}
