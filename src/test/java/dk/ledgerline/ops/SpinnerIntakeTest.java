package dk.ledgerline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.identity.AuthenticationFilter;
import dk.ledgerline.testing.TestApp;
import dk.ledgerline.testing.Tenant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The beacon intake over HTTP: what it takes, what it drops, and its allowance per user. */
class SpinnerIntakeTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void aUserGetsTheBurstAllowanceAndNoMoreWhileTheRestIsDroppedSilently() throws Exception {
        Tenant tenant = Tenant.create("QUARTER");
        String page = "/companies/" + tenant.companyId() + "/journals/3";
        for (int beacon = 0; beacon < 3; beacon++) {
            String reports = IntStream.range(0, Spinners.REPORTS_PER_BEACON_MAX)
                    .mapToObj(i -> "{\"requestId\":\"" + UUID.randomUUID() + "\",\"page\":\"" + page + "\",\"action\":\"burst\",\"durationMs\":1500,\"outcome\":\"ok\"}")
                    .collect(Collectors.joining(","));
            assertThat(beacon(tenant.api().token(), "{\"reports\":[" + reports + "]}").statusCode()).isEqualTo(204);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stored("burst")).isEqualTo(Spinners.USER_BURST_MAX));
        Thread.sleep(1500); // a flush or two later: still no more than the allowance
        assertThat(stored("burst")).isEqualTo(Spinners.USER_BURST_MAX);
    }

    @Test
    void malformedReportsAreDroppedAndTheWellFormedOnesOfTheSameBeaconKept() throws Exception {
        Tenant tenant = Tenant.create("QUARTER");
        String page = "/companies/" + tenant.companyId() + "/vouchers";
        String good = "{\"requestId\":\"good-1\",\"page\":\"" + page + "\",\"action\":\"mixed\",\"durationMs\":2100,\"outcome\":\"timeout\"}";
        String body = "{\"reports\":[" + good + ","
                + "{\"requestId\":\"bad outcome\",\"page\":\"" + page + "\",\"action\":\"mixed\",\"durationMs\":2100,\"outcome\":\"fine\"},"
                + "{\"requestId\":\"x\",\"page\":\"https://evil.example/\",\"action\":\"mixed\",\"durationMs\":2100,\"outcome\":\"ok\"},"
                + "{\"requestId\":\"y\",\"page\":\"" + page + "\",\"action\":\"<script>\",\"durationMs\":2100,\"outcome\":\"ok\"},"
                + "{\"requestId\":\"z\",\"page\":\"" + page + "\",\"action\":\"mixed\",\"durationMs\":-5,\"outcome\":\"ok\"},"
                + "{\"requestId\":\"no-outcome\",\"page\":\"" + page + "\",\"action\":\"mixed\",\"durationMs\":2100},"
                // 200 characters of path that grow past the column once their ids are replaced
                + "{\"requestId\":\"long\",\"page\":\"" + "/1".repeat(100) + "\",\"action\":\"mixed\",\"durationMs\":2100,\"outcome\":\"ok\"}]}";
        assertThat(beacon(tenant.api().token(), body).statusCode()).isEqualTo(204);
        assertThat(beacon(tenant.api().token(), "not json at all").statusCode()).isEqualTo(204);

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(recent(tenant, "mixed")).hasSize(1));
        SpinnerSummary.Recent kept = recent(tenant, "mixed").getFirst();
        assertThat(kept.requestId()).isEqualTo("good-1");
        assertThat(kept.page()).isEqualTo("/companies/{id}/vouchers");
        assertThat(kept.outcome()).isEqualTo("timeout");
        assertThat(kept.cause()).as("the server never logged good-1 as slow").isEqualTo(SpinnerSummary.Cause.NETWORK);
    }

    @Test
    void aReportNamesACompanyOnlyWhenItsUserIsAMember() throws Exception {
        Tenant tenant = Tenant.create("QUARTER");
        Tenant other = Tenant.create("QUARTER");
        String body = "{\"reports\":[{\"requestId\":\"someone-elses\",\"page\":\"/companies/" + other.companyId()
                + "/vouchers\",\"action\":\"foreign\",\"durationMs\":1500,\"outcome\":\"ok\"}]}";
        assertThat(beacon(tenant.api().token(), body).statusCode()).isEqualTo(204);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stored("foreign", "/companies/{id}/vouchers")).isEqualTo(1));
        assertThat(lastHour().recent())
                .filteredOn(r -> r.action().equals("foreign")).singleElement().satisfies(r -> assertThat(r.companyId()).isNull());
    }

    @Test
    void aBeaconWithoutASessionStoresNothing() throws Exception {
        HttpResponse<String> response = beacon(null, "{\"reports\":[{\"requestId\":\"anon\",\"page\":\"/\",\"action\":\"anonymous\",\"durationMs\":1500,\"outcome\":\"ok\"}]}");
        assertThat(response.statusCode()).isEqualTo(302);
        Thread.sleep(1500);
        assertThat(lastHour().recent())
                .noneMatch(r -> r.action().equals("anonymous"));
    }

    @Test
    void pagesAreGroupedWithTheirIdsReplaced() {
        assertThat(Spinners.route("/companies/12/journals/345")).isEqualTo("/companies/{id}/journals/{id}");
        assertThat(Spinners.route("/companies/12/vouchers/2025/7")).isEqualTo("/companies/{id}/vouchers/{id}/{id}");
        assertThat(Spinners.route("/operators/spinners")).isEqualTo("/operators/spinners");
        assertThat(Spinners.route("/companies/12/reports/trial-balance")).isEqualTo("/companies/{id}/reports/trial-balance");
    }

    /** What the operators' page would show for the test application's last hour (and a minute ahead, for reports of this moment). */
    private static SpinnerSummary lastHour() {
        Instant now = TestApp.get().clock().instant();
        return TestApp.get().bean(Spinners.class).summary(now.minusSeconds(3600), now.plusSeconds(60), Duration.ofMinutes(1));
    }

    private static HttpResponse<String> beacon(String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TestApp.get().baseUrl() + "/telemetry/spinners"))
                .header("Content-Type", "text/plain;charset=UTF-8").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) request.header("Cookie", AuthenticationFilter.SESSION_COOKIE + "=" + token);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<SpinnerSummary.Recent> recent(Tenant tenant, String action) {
        return lastHour().recent().stream()
                .filter(r -> r.companyId() != null && r.companyId() == tenant.companyId() && r.action().equals(action)).toList();
    }

    private static long stored(String action) {
        return stored(action, "/companies/{id}/journals/{id}");
    }

    private static long stored(String action, String page) {
        return lastHour().places().stream()
                .filter(p -> p.action().equals(action) && p.page().equals(page)).mapToLong(p -> p.count()).sum();
    }
}
