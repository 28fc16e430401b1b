package dk.ledgerline.web;

import dk.ledgerline.identity.AuthenticationFilter;
import dk.ledgerline.identity.CompanyAccess;
import dk.ledgerline.identity.Identity;
import dk.ledgerline.identity.Principal;
import dk.ledgerline.identity.Role;
import dk.ledgerline.shared.ProblemException;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** Who works in the company, and (for owners) adding someone already registered, changing their role, or removing them. */
@Controller
public class MemberPages {
    private static final java.util.regex.Pattern E_MAIL = java.util.regex.Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}");
    private final Identity identity;
    private final Frames frames;

    MemberPages(Identity identity, Frames frames) {
        this.identity = identity;
        this.frames = frames;
    }

    public record MemberForm(String email, String role) {
        static final MemberForm EMPTY = new MemberForm("", Role.BOOKKEEPER.name());
    }

    public record MembersPage(Frame frame, List<Identity.Member> members, MemberForm form, String notice, Failure failure) {
        public List<Role> roles() {
            return List.of(Role.values());
        }
    }

    @GetMapping("/companies/{companyId}/members")
    ModelAndView members(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                         @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                         @RequestParam(required = false) String added, @RequestParam(required = false) String removed) {
        // Only an e-mail address is echoed: a link cannot put words of its own on the page.
        String notice = added != null && E_MAIL.matcher(added).matches() ? Languages.t("notice.memberAdded", added)
                : removed != null && E_MAIL.matcher(removed).matches() ? Languages.t("notice.memberRemoved", removed) : null;
        return page(principal, access, MemberForm.EMPTY, notice, null, 200);
    }

    @PostMapping("/companies/{companyId}/members")
    ModelAndView add(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                     @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, MemberForm form) {
        access.requireOwner();
        try {
            Role role = role(form.role());
            Identity.Member member = identity.addMember(access, form.email(), role);
            return Pages.seeOther(Pages.path("/companies/" + access.companyId() + "/members").queryParam("added", member.email())
                    .encode().build().toUriString());
        } catch (ProblemException e) {
            return page(principal, access, form, null, Failure.of(e), e.status());
        }
    }

    /** Their access to the company ends; they keep their login and their other companies. */
    @PostMapping("/companies/{companyId}/members/{userId}/remove")
    ModelAndView remove(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                        @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long userId) {
        access.requireOwner();
        String email = identity.members(access).stream().filter(m -> m.userId() == userId).map(Identity.Member::email).findFirst().orElse(null);
        try {
            identity.removeMember(access, userId);
        } catch (ProblemException e) {
            return page(principal, access, MemberForm.EMPTY, null, Failure.of(e), e.status());
        }
        if (userId == principal.userId()) return Pages.seeOther("/");
        var target = Pages.path("/companies/" + access.companyId() + "/members");
        if (email != null) target = target.queryParam("removed", email);
        return Pages.seeOther(target.encode().build().toUriString());
    }

    private ModelAndView page(Principal principal, CompanyAccess access, MemberForm form, String notice, Failure failure, int status) {
        Frame frame = frames.company(principal, access, Languages.t("title.members"), Frame.Section.MEMBERS);
        return Pages.render("members", new MembersPage(frame, identity.members(access), form, notice, failure), status);
    }

    /** Null for anything else; the service names the field and the allowed roles. */
    private static Role role(String text) {
        for (Role role : Role.values()) {
            if (role.name().equals(text)) return role;
        }
        return null;
    }
}
