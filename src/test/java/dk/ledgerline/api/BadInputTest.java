package dk.ledgerline.api;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.testing.Api;
import dk.ledgerline.testing.Tenant;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input is a 4xx problem that says what is wrong, never a 500, and it stores nothing. */
class BadInputTest {
    static Tenant t;

    @BeforeAll
    static void aCompanyWithALockedQuarter() {
        t = Tenant.create("QUARTER");
        assertThat(t.postVoucher("{\"date\": \"2025-01-05\", \"text\": \"Indskud\", \"lines\": [{\"account\": 6480, \"amount\": \"100.00\"}, "
                + "{\"account\": 6530, \"amount\": \"-100.00\"}]}").status()).as("the books begin in 2025-Q1").isEqualTo(201);
        assertThat(t.api().post(t.path("/vat-returns/2025-Q1/settlement"), "").status()).isEqualTo(201);
    }

    static Stream<Arguments> badVouchers() {
        String ok = "{\"account\": 6480, \"amount\": \"100.00\"}, {\"account\": 1010, \"amount\": \"-100.00\"}";
        String manyLines = IntStream.range(0, 501).mapToObj(i -> "{\"account\": 6480, \"amount\": \"1.00\"}").collect(Collectors.joining(","));
        return Stream.of(
                Arguments.of("malformed JSON", "{\"date\": \"2025-05-01\", \"text\": ", 400, "not valid JSON"),
                Arguments.of("an empty body", "", 400, "missing"),
                Arguments.of("a JSON array instead of an object", "[1, 2]", 400, "the body must be a JSON object"),
                Arguments.of("an unknown field", "{\"date\": \"2025-05-01\", \"text\": \"x\", \"vatcode\": \"U25\", \"lines\": [" + ok + "]}", 400, "vatcode"),
                Arguments.of("an unknown account", "{\"date\": \"2025-05-01\", \"text\": \"x\", \"lines\": [{\"account\": 9999, \"amount\": \"100.00\"}, {\"account\": 1010, \"amount\": \"-100.00\"}]}", 422, "account 9999 does not exist"),
                Arguments.of("an unbalanced voucher", "{\"date\": \"2025-05-01\", \"text\": \"x\", \"lines\": [{\"account\": 6480, \"amount\": \"100.00\"}, {\"account\": 1010, \"amount\": \"-99.99\"}]}", 422, "does not balance"),
                Arguments.of("a wrong VAT code", "{\"date\": \"2025-05-01\", \"text\": \"x\", \"lines\": [{\"account\": 6480, \"amount\": \"100.00\"}, {\"account\": 1010, \"amount\": \"-100.00\", \"vatCode\": \"U26\"}]}", 422, "unknown VAT code"),
                Arguments.of("a date in a locked period", "{\"date\": \"2025-02-01\", \"text\": \"x\", \"lines\": [" + ok + "]}", 422, "locked period"),
                Arguments.of("a date in year 10000", "{\"date\": \"10000-01-01\", \"text\": \"x\", \"lines\": [" + ok + "]}", 422, "YYYY-MM-DD"),
                Arguments.of("a date that does not exist", "{\"date\": \"2025-02-30\", \"text\": \"x\", \"lines\": [" + ok + "]}", 422, "YYYY-MM-DD"),
                Arguments.of("a date outside any fiscal year", "{\"date\": \"2019-05-01\", \"text\": \"x\", \"lines\": [" + ok + "]}", 422, "no open fiscal year"),
                Arguments.of("an amount with three decimals", "{\"date\": \"2025-05-01\", \"text\": \"x\", \"lines\": [{\"account\": 6480, \"amount\": \"100.001\"}, {\"account\": 1010, \"amount\": \"-100.001\"}]}", 422, "decimal string"),
                Arguments.of("an amount that is not a number", "{\"date\": \"2025-05-01\", \"text\": \"x\", \"lines\": [{\"account\": 6480, \"amount\": \"1e5\"}, {\"account\": 1010, \"amount\": \"-1e5\"}]}", 422, "decimal string"),
                Arguments.of("an amount too large", "{\"date\": \"2025-05-01\", \"text\": \"x\", \"lines\": [{\"account\": 6480, \"amount\": \"9999999999999.00\"}, {\"account\": 1010, \"amount\": \"-9999999999999.00\"}]}", 422, "decimal string"),
                Arguments.of("a zero amount", "{\"date\": \"2025-05-01\", \"text\": \"x\", \"lines\": [{\"account\": 6480, \"amount\": \"0.00\"}, {\"account\": 1010, \"amount\": \"0.00\"}]}", 422, "must not be zero"),
                Arguments.of("a single line", "{\"date\": \"2025-05-01\", \"text\": \"x\", \"lines\": [{\"account\": 6480, \"amount\": \"0.01\"}]}", 422, "at least 2 lines"),
                Arguments.of("no lines", "{\"date\": \"2025-05-01\", \"text\": \"x\"}", 422, "lines"),
                Arguments.of("a missing text", "{\"date\": \"2025-05-01\", \"lines\": [" + ok + "]}", 422, "text"),
                Arguments.of("a text too long", "{\"date\": \"2025-05-01\", \"text\": \"" + "x".repeat(251) + "\", \"lines\": [" + ok + "]}", 422, "at most 250"),
                Arguments.of("an account given as text", "{\"date\": \"2025-05-01\", \"text\": \"x\", \"lines\": [{\"account\": \"bank\", \"amount\": \"1.00\"}, {\"account\": 1010, \"amount\": \"-1.00\"}]}", 400, "lines[0].account"),
                Arguments.of("a missing account", "{\"date\": \"2025-05-01\", \"text\": \"x\", \"lines\": [{\"amount\": \"1.00\"}, {\"account\": 1010, \"amount\": \"-1.00\"}]}", 422, "lines[0].account"),
                Arguments.of("more than 500 lines", "{\"date\": \"2025-05-01\", \"text\": \"x\", \"lines\": [" + manyLines + "]}", 422, "at most 500"),
                Arguments.of("a foreign currency without a rate", "{\"date\": \"2025-05-01\", \"text\": \"x\", \"currency\": \"EUR\", \"lines\": [" + ok + "]}", 422, "exchangeRate"),
                Arguments.of("a currency that is not ISO 4217", "{\"date\": \"2025-05-01\", \"text\": \"x\", \"currency\": \"euro\", \"exchangeRate\": \"7.46\", \"lines\": [" + ok + "]}", 422, "ISO 4217"),
                Arguments.of("a negative exchange rate", "{\"date\": \"2025-05-01\", \"text\": \"x\", \"currency\": \"EUR\", \"exchangeRate\": \"-7.46\", \"lines\": [" + ok + "]}", 422, "positive"),
                Arguments.of("the largest amount at the largest rate", "{\"date\": \"2025-05-01\", \"text\": \"x\", \"currency\": \"EUR\", \"exchangeRate\": \"100000\", \"lines\": [{\"account\": 6480, \"amount\": \"999999999999.99\"}, {\"account\": 1010, \"amount\": \"-999999999999.99\"}]}", 422, "largest amount"),
                Arguments.of("an amount a tiny rate turns into 0.00 DKK", "{\"date\": \"2025-05-01\", \"text\": \"x\", \"currency\": \"EUR\", \"exchangeRate\": \"0.000001\", \"lines\": [{\"account\": 6480, \"amount\": \"1.00\"}, {\"account\": 1010, \"amount\": \"-1.00\"}]}", 422, "0.00 DKK"));
    }

    @ParameterizedTest(name = "{0} is {2} and stores nothing")
    @MethodSource("badVouchers")
    void aBadVoucherIsAProblemAndStoresNothing(String what, String body, int status, String detail) {
        long before = voucherCount();
        Api.Response response = t.postVoucher(body);
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body()).contains(detail);
        assertThat(voucherCount()).isEqualTo(before);
    }

    @org.junit.jupiter.api.Test
    void aBodyOverOneMegabyteIsRefusedBeforeItIsRead() {
        long before = voucherCount();
        String huge = "{\"date\": \"2025-05-01\", \"text\": \"" + "x".repeat(1024 * 1024 + 10) + "\", \"lines\": []}";
        Api.Response response = t.postVoucher(huge);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(voucherCount()).isEqualTo(before);
    }

    @org.junit.jupiter.api.Test
    void aChunkedBodyOverOneMegabyteIsRefusedToo() {
        long before = voucherCount();
        byte[] chunk = "x".repeat(64 * 1024).getBytes();
        HttpRequest request = HttpRequest.newBuilder(URI.create(dk.ledgerline.testing.TestApp.get().baseUrl() + t.path("/vouchers")))
                .header("Authorization", "Bearer " + t.api().token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArrays(java.util.Collections.nCopies(20, chunk)))
                .build();
        Api.Response response = t.api().send(request);
        assertThat(response.status()).isEqualTo(413);
        assertThat(voucherCount()).isEqualTo(before);
    }

    @org.junit.jupiter.api.Test
    void aMissingOrForgedTokenIsUnauthorized() {
        Api anonymous = dk.ledgerline.testing.TestApp.get().api();
        assertThat(anonymous.get(t.path("/vouchers")).status()).isEqualTo(401);
        Api.Response forged = anonymous.withToken(t.api().token() + "x").get(t.path("/vouchers"));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.header("Content-Type")).startsWith("application/problem+json");
    }

    @org.junit.jupiter.api.Test
    void badQueryParametersAreBadRequests() {
        assertThat(t.api().get(t.path("/vouchers?from=yesterday")).status()).isEqualTo(400);
        assertThat(t.api().get(t.path("/vouchers?cursor=not-a-cursor")).status()).isEqualTo(400);
        assertThat(t.api().get(t.path("/vouchers/abc")).status()).isEqualTo(400);
        assertThat(t.api().get(t.path("/reports/trial-balance?from=2025-12-01&to=2025-01-01")).status()).isEqualTo(400);
        assertThat(t.api().get(t.path("/reports/account-statement")).status()).isEqualTo(400);
        assertThat(t.api().get(t.path("/vat-returns/2025-13")).status()).isEqualTo(422);
        assertThat(t.api().get(t.path("/vat-returns?year=99999")).status()).isEqualTo(400);
    }

    @org.junit.jupiter.api.Test
    void badCompaniesAndUsersAreRefusedWithTheFieldNamed() {
        Api.Response company = t.api().post("/api/v1/companies", "{\"name\": \"X\", \"cvr\": \"12345678\", \"vatPeriod\": \"WEEK\"}");
        assertThat(company.status()).isEqualTo(422);
        assertThat(company.body()).contains("modulus-11").contains("vatPeriod");
        Api.Response user = dk.ledgerline.testing.TestApp.get().api().post("/api/v1/users", "{\"email\": \"nope\", \"password\": \"short\", \"name\": \"\"}");
        assertThat(user.status()).isEqualTo(422);
        assertThat(user.body()).contains("email").contains("password").contains("name");
        Api.Response duplicate = dk.ledgerline.testing.TestApp.get().api().post("/api/v1/users",
                "{\"email\": \"" + t.email() + "\", \"password\": \"another long password\", \"name\": \"Again\"}");
        assertThat(duplicate.status()).isEqualTo(409);
    }

    private static long voucherCount() {
        return t.api().get(t.path("/vouchers?limit=200")).json().get("items").size();
    }
}
