package dk.ledgerline.web;

import dk.ledgerline.identity.CompanyAccess;
import dk.ledgerline.identity.Identity;
import dk.ledgerline.identity.Principal;
import dk.ledgerline.shared.ReadOnly;
import org.springframework.stereotype.Component;

/** Builds the layout's {@link Frame} for a page: one read for the user, one for the company. */
@Component
class Frames {
    private final Identity identity;
    private final ReadOnly readOnly;

    Frames(Identity identity, ReadOnly readOnly) {
        this.identity = identity;
        this.readOnly = readOnly;
    }

    static Frame anonymous(String title) {
        return new Frame(title, null, null, Frame.Section.NONE, null);
    }

    Frame user(Principal principal, String title) {
        return new Frame(title, userName(principal), null, Frame.Section.NONE, readOnlyBanner());
    }

    Frame company(Principal principal, CompanyAccess access, String title, Frame.Section section) {
        return new Frame(title, userName(principal), identity.company(access), section, readOnlyBanner());
    }

    private String readOnlyBanner() {
        return readOnly.reason().map(r -> r.planned()
                ? Languages.t("label.readOnlyPlanned", r.detail())
                : Languages.t("label.readOnlySwitching")).orElse(null);
    }

    private String userName(Principal principal) {
        // A user deleted while their session lives on still sees pages; the name is only a greeting.
        return identity.user(principal.userId()).map(Identity.User::name).orElse(Languages.t("label.userNumber", principal.userId()));
    }
}
