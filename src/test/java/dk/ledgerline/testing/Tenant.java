package dk.ledgerline.testing;

import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * A fresh user with a fresh company, through the public API, for one test. The company's fiscal
 * years are opened back to {@code firstYear}, so tests may post in fixed past years whatever today is.
 */
public record Tenant(Api api, long companyId, String email, String password) {
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);
    /** Valid CVR numbers (modulus 11), so every test company passes validation. */
    public static final String CVR = "12345674";

    public static Tenant create(String vatPeriod) {
        return create(vatPeriod, 2025);
    }

    public static Tenant create(String vatPeriod, int firstYear) {
        Api anonymous = TestApp.get().api();
        String email = "user" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() + "@example.dk";
        String password = "correct horse battery";
        var user = anonymous.post("/api/v1/users", """
                {"email": "%s", "password": "%s", "name": "Test User"}""".formatted(email, password));
        if (user.status() != 201) throw new IllegalStateException("sign-up failed: " + user);
        Api api = anonymous.withToken(token(anonymous, email, password));
        var company = api.post("/api/v1/companies", """
                {"name": "Test ApS", "cvr": "%s", "vatPeriod": "%s"}""".formatted(CVR, vatPeriod));
        if (company.status() != 201) throw new IllegalStateException("company creation failed: " + company);
        long companyId = company.json().get("id").asLong();
        Tenant tenant = new Tenant(api, companyId, email, password);
        tenant.openFiscalYearsFrom(firstYear);
        return tenant;
    }

    public static String token(Api anonymous, String email, String password) {
        var token = anonymous.post("/api/v1/auth/token", """
                {"email": "%s", "password": "%s"}""".formatted(email, password), null);
        if (token.status() != 200) throw new IllegalStateException("login failed: " + token);
        return token.json().get("token").asString();
    }

    public String path(String rest) {
        return "/api/v1/companies/" + companyId + rest;
    }

    /** Opens earlier fiscal years (calendar years) until {@code year} is open. */
    public void openFiscalYearsFrom(int year) {
        JsonNode years = api.get(path("/fiscal-years")).json().get("items");
        int first = years.get(0).get("label").asInt();
        for (int y = first - 1; y >= year; y--) {
            var opened = api.post(path("/fiscal-years"), "{\"start\": \"" + LocalDate.of(y, 1, 1) + "\"}");
            if (opened.status() != 201) throw new IllegalStateException("could not open fiscal year " + y + ": " + opened);
        }
    }

    public Api.Response postVoucher(String json) {
        return api.post(path("/vouchers"), json);
    }
}
