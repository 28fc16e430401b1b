package dk.ledgerline.identity;

import dk.ledgerline.shared.ProblemException;

/** The company a request works on, and the caller's role there; checked before any handler runs. */
public record CompanyAccess(long companyId, long userId, Role role) {
    public static final String REQUEST_ATTRIBUTE = "ledgerline.companyAccess";

    public void requireBookkeeper() {
        if (!role.canBookkeep()) {
            throw ProblemException.forbidden(ProblemException.Message.of("role.bookkeeping", role));
        }
    }

    public void requireOwner() {
        if (!role.canManageMembers()) {
            throw ProblemException.forbidden(ProblemException.Message.of("role.owner", role));
        }
    }
}
