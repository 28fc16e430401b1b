package dk.ledgerline.web;

import dk.ledgerline.identity.AuthenticationFilter;
import dk.ledgerline.identity.CompanyAccess;
import dk.ledgerline.identity.Principal;
import dk.ledgerline.vat.Vat;
import dk.ledgerline.vat.VatPeriod;
import dk.ledgerline.vat.VatReturn;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.servlet.ModelAndView;

/** A company's front page: who it is, the caller's role, and the VAT periods that matter now. */
@Controller
public class DashboardPage {
    private final Frames frames;
    private final Vat vat;
    private final Clock clock;

    DashboardPage(Frames frames, Vat vat, Clock clock) {
        this.frames = frames;
        this.vat = vat;
        this.clock = clock;
    }

    /** The period running now, and the one before it, whose deadline is usually the next to meet. */
    public record Dashboard(Frame frame, VatReturn current, VatReturn previous) {}

    @GetMapping("/companies/{companyId}")
    ModelAndView dashboard(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                           @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access) {
        Frame frame = frames.company(principal, access, "Oversigt", Frame.Section.DASHBOARD);
        VatPeriod current = VatPeriod.containing(LocalDate.now(clock), frame.company().vatPeriod());
        VatPeriod previous = VatPeriod.containing(current.from().minusDays(1), frame.company().vatPeriod());
        return Pages.render("dashboard", new Dashboard(frame, vat.vatReturn(access.companyId(), current), vat.vatReturn(access.companyId(), previous)));
    }
}
