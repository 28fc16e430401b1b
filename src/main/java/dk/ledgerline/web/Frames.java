package dk.ledgerline.web;

import dk.ledgerline.identity.CompanyAccess;
import dk.ledgerline.identity.Identity;
import dk.ledgerline.identity.Principal;
import org.springframework.stereotype.Component;

/** Builds the layout's {@link Frame} for a page: one read for the user, one for the company. */
@Component
class Frames {
    private final Identity identity;

    Frames(Identity identity) {
        this.identity = identity;
    }

    static Frame anonymous(String title) {
        return new Frame(title, null, null, Frame.Section.NONE);
    }

    Frame user(Principal principal, String title) {
        return new Frame(title, userName(principal), null, Frame.Section.NONE);
    }

    Frame company(Principal principal, CompanyAccess access, String title, Frame.Section section) {
        return new Frame(title, userName(principal), identity.company(access), section);
    }

    private String userName(Principal principal) {
        // A user deleted while their session lives on still sees pages; the name is only a greeting.
        return identity.user(principal.userId()).map(Identity.User::name).orElse("bruger " + principal.userId());
    }
}
