package dk.ledgerline.bench;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * A user with one company, made through the public API as a new customer would: sign up, get a
 * token, create the company. Vouchers are dated in the company's current fiscal year, up to today.
 */
record BenchTenant(long companyId, String email, String token, LocalDate postFrom, LocalDate postTo) {
    /** A valid CVR number (modulus 11), as the API requires. */
    static final String CVR = "12345674";
    static final String PASSWORD = "benchmark password 1";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    static BenchTenant create(LedgerlineClient api, String runId, String label) throws IOException, InterruptedException {
        String email = "bench-" + runId + "-" + SEQUENCE.incrementAndGet() + "@example.dk";
        api.expect(201, api.post("/api/v1/users", null, java.util.UUID.randomUUID().toString(), """
                {"email": "%s", "password": "%s", "name": "Benchmark %s"}""".formatted(email, PASSWORD, label)), "sign-up of " + email);
        String token = api.expect(200, api.post("/api/v1/auth/token", null, null, """
                {"email": "%s", "password": "%s"}""".formatted(email, PASSWORD)), "token for " + email).get("token").asString();
        JsonNode company = api.expect(201, api.post("/api/v1/companies", token, java.util.UUID.randomUUID().toString(), """
                {"name": "%s ApS", "cvr": "%s", "vatPeriod": "QUARTER"}""".formatted(label, CVR)), "company for " + email);
        long companyId = company.get("id").asLong();
        JsonNode years = api.expect(200, api.get("/api/v1/companies/" + companyId + "/fiscal-years", token), "fiscal years").get("items");
        // Danish bookkeeping dates are Copenhagen dates; the app's clock uses the same zone.
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Copenhagen"));
        for (JsonNode year : years) {
            LocalDate start = LocalDate.parse(year.get("start").asString());
            LocalDate end = LocalDate.parse(year.get("end").asString());
            if (!today.isBefore(start) && !today.isAfter(end)) {
                return new BenchTenant(companyId, email, token, start, today);
            }
        }
        throw new IllegalStateException("company " + companyId + " has no fiscal year holding " + today + ": " + years);
    }

    String path(String rest) {
        return "/api/v1/companies/" + companyId + rest;
    }
}
