package dk.ledgerline.testing;

import dk.ledgerline.identity.Identity;
import dk.ledgerline.shared.VatPeriodType;
import java.util.UUID;

/**
 * A fresh user owning a fresh company, made through the facades in process, for tests that drive
 * the modules directly (to hold a unit of work open, say) rather than over HTTP.
 */
public record InProcessCompany(long userId, long companyId) {

    /** Its first fiscal year is the one holding the app's today; quarterly VAT. */
    public static InProcessCompany create(String name) {
        Identity identity = TestApp.get().bean(Identity.class);
        long userId = identity.register("in-process-" + UUID.randomUUID() + "@example.dk", "in-process password", name).id();
        long companyId = identity.createCompany(userId, name, Tenant.CVR, VatPeriodType.QUARTER, 1).id();
        return new InProcessCompany(userId, companyId);
    }
}
