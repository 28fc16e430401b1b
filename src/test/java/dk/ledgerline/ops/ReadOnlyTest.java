package dk.ledgerline.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.ledgerline.testing.Api;
import dk.ledgerline.testing.SecondNode;
import dk.ledgerline.testing.Tenant;
import dk.ledgerline.testing.TestApp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An operator's read-only switch for planned maintenance: every node refuses writes with its reason, and reading goes on. */
class ReadOnlyTest {
    static final String VOUCHER = """
            {"date": "%s", "text": "Salg", "lines": [{"account": 6190, "amount": "125.00"}, {"account": 1010, "amount": "-125.00", "vatCode": "U25"}]}""";

    @Test
    void everyNodeRefusesWritesWithTheOperatorsReasonWhileReadingAndLoggingInGoOn() {
        Tenant tenant = Tenant.create("QUARTER");
        String voucher = VOUCHER.formatted(TestApp.get().today());
        assertThat(tenant.postVoucher(voucher).status()).isEqualTo(201);
        try (SecondNode second = SecondNode.start()) {
            Api there = second.api().withToken(tenant.api().token());
            try {
                Api.Response on = operator(TestApp.get().baseUrl(), "PUT", "{\"reason\": \"PostgreSQL opgraderes til kl. 06\"}");
                assertThat(on.status()).isEqualTo(200);
                assertThat(on.json().get("refusingWrites").asBoolean()).isTrue();

                Api.Response refused = tenant.postVoucher(voucher);
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.header("Retry-After")).isEqualTo("30");
                assertThat(refused.json().get("title").asString()).isEqualTo("Read-only for a moment");
                assertThat(refused.json().get("detail").asString()).contains("PostgreSQL opgraderes til kl. 06");
                await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                        .until(() -> there.post(tenant.path("/vouchers"), voucher).status() == 503);

                assertThat(tenant.api().get(tenant.path("/vouchers")).json().get("items")).hasSize(1);
                assertThat(there.get(tenant.path("/reports/trial-balance")).status()).isEqualTo(200);
                assertThat(Tenant.token(TestApp.get().api(), tenant.email(), tenant.password())).as("logging in reads only").isNotBlank();
                Api.Response page = TestApp.get().api().send(HttpRequest.newBuilder(URI.create(TestApp.get().baseUrl() + "/companies/" + tenant.companyId()))
                        .header("Cookie", "ledgerline_session=" + tenant.api().token()).GET().build());
                assertThat(page.status()).isEqualTo(200);
                assertThat(page.body()).contains("read-only-banner").contains("Skrivebeskyttet under vedligeholdelse: PostgreSQL opgraderes til kl. 06");
            } finally {
                assertThat(operator(TestApp.get().baseUrl(), "DELETE", null).status()).isEqualTo(200);
            }
            assertThat(tenant.postVoucher(voucher).status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                    .until(() -> there.post(tenant.path("/vouchers"), voucher).status() == 201);
        }
        assertThat(tenant.api().get(tenant.path("/vouchers")).json().get("items")).hasSize(3);
    }

    @Test
    void aReadOnlySwitchWithoutAReasonIsRefused() {
        Api.Response refused = operator(TestApp.get().baseUrl(), "PUT", "{\"reason\": \" \"}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(operator(TestApp.get().baseUrl(), "GET", null).json().get("refusingWrites").asBoolean()).isFalse();
    }

    private static Api.Response operator(String base, String method, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/ops/v1/read-only")).header("Authorization", "Bearer " + TestApp.OPS_TOKEN);
        request = json == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        return TestApp.get().api().send(request.build());
    }
}
