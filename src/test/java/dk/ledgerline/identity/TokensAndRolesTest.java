package dk.ledgerline.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.identity.internal.TokenSigner;
import dk.ledgerline.testing.Api;
import dk.ledgerline.testing.TestApp;
import dk.ledgerline.testing.Tenant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Who may do what, and tokens that need no database to check. */
class TokensAndRolesTest {

    @Test
    void aTokenIsCheckedWithoutTheDatabaseSoAnotherNodeWithTheSameKeyAcceptsIt() {
        byte[] key = new byte[32];
        key[0] = 7;
        TokenSigner node1 = new TokenSigner(key);
        TokenSigner node2 = new TokenSigner(key.clone());
        Instant now = Instant.parse("2026-03-01T08:00:00Z");
        String token = node1.issue(42, now, now.plusSeconds(3600));
        assertThat(node2.verify(token, now)).map(Principal::userId).contains(42L);
        assertThat(node2.verify(token, now)).map(Principal::issuedAt).contains(now);
        assertThat(node2.verify(token, now.plusSeconds(3600))).as("expired").isEmpty();
        assertThat(new TokenSigner(new byte[32]).verify(token, now)).as("another key").isEmpty();
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(("v2.43." + now.toEpochMilli() + "." + now.plusSeconds(3600).getEpochSecond() + ".abc").getBytes(StandardCharsets.UTF_8))
                + token.substring(token.indexOf('.'));
        assertThat(node1.verify(tampered, now)).as("another user id under the old signature").isEmpty();
        assertThat(node1.verify("garbage", now)).isEmpty();
        assertThat(node1.verify("x".repeat(10_000), now)).isEmpty();
        assertThat(node1.verify(node1.issue(42, now, now.plusSeconds(60), "session-1"), now)).map(Principal::tokenId).as("a renewal keeps its session's id").contains("session-1");
    }

    @Test
    void theSigningKeyIsKeptInTheDataFolderSoARestartLogsNobodyOut() throws Exception {
        // The running test app created its key in its data folder; a restarted app reads the same file.
        var key = Files.readString(TestApp.get().dataDirectory().resolve("signing.key")).trim();
        Api api = TestApp.get().api();
        Tenant t = Tenant.create("QUARTER");
        TokenSigner restarted = new TokenSigner(Base64.getDecoder().decode(key));
        assertThat(restarted.verify(t.api().token(), TestApp.get().clock().instant())).isPresent();
        assertThat(api.withToken(t.api().token()).get("/api/v1/me").status()).isEqualTo(200);
    }

    @Test
    void aViewerReadsButCannotPostAndAnAccountantSeesEachOfTheirCompanies() {
        Tenant owner = Tenant.create("QUARTER");
        Tenant other = Tenant.create("MONTH");
        Tenant accountant = Tenant.create("HALF_YEAR");
        assertThat(owner.api().post(owner.path("/members"), "{\"email\": \"" + accountant.email() + "\", \"role\": \"VIEWER\"}").status()).isEqualTo(201);
        assertThat(other.api().post(other.path("/members"), "{\"email\": \"" + accountant.email() + "\", \"role\": \"BOOKKEEPER\"}").status()).isEqualTo(201);

        var companies = accountant.api().get("/api/v1/companies").json().get("items");
        assertThat(companies).hasSize(3);
        String voucher = "{\"date\": \"2025-05-01\", \"text\": \"x\", \"lines\": [{\"account\": 6480, \"amount\": \"1.00\"}, {\"account\": 6530, \"amount\": \"-1.00\"}]}";
        assertThat(accountant.api().get(owner.path("/vouchers")).status()).isEqualTo(200);
        Api.Response forbidden = accountant.api().post(owner.path("/vouchers"), voucher);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.body()).contains("VIEWER");
        assertThat(accountant.api().post(other.path("/vouchers"), voucher).status()).isEqualTo(201);
        assertThat(accountant.api().post(other.path("/members"), "{\"email\": \"" + owner.email() + "\", \"role\": \"OWNER\"}").status()).isEqualTo(403);
        assertThat(owner.api().get(owner.path("/vouchers")).json().get("items")).isEmpty();
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() {
        Tenant t = Tenant.create("QUARTER");
        Api anonymous = TestApp.get().api();
        Api.Response wrong = anonymous.post("/api/v1/auth/token", "{\"email\": \"" + t.email() + "\", \"password\": \"not the password\"}", null);
        Api.Response unknown = anonymous.post("/api/v1/auth/token", "{\"email\": \"nobody-" + System.nanoTime() + "@example.dk\", \"password\": \"not the password\"}", null);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.json().get("detail")).isEqualTo(unknown.json().get("detail"));
    }

    @Test
    void passwordsAreStoredAsArgon2idHashes() {
        Tenant t = Tenant.create("QUARTER");
        String hash = org.springframework.jdbc.core.simple.JdbcClient.create(TestApp.get().dataSource())
                .sql("select password_hash from users where email = ?").param(t.email()).query(String.class).single();
        assertThat(hash).startsWith("$argon2id$").doesNotContain(t.password());
    }

    @Test
    void cvrNumbersAreCheckedWithModulus11() {
        assertThat(Cvr.problem("12345674")).isNull();
        assertThat(Cvr.problem("29876509")).isNull();
        assertThat(Cvr.problem("12345678").english()).contains("modulus-11");
        assertThat(Cvr.problem("1234567").english()).contains("8 digits");
        assertThat(Cvr.problem("02345674").english()).contains("cannot start with 0");
        assertThat(Cvr.problem(null)).isNotNull();
    }

}
