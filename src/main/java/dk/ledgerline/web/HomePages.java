package dk.ledgerline.web;

import dk.ledgerline.identity.AuthenticationFilter;
import dk.ledgerline.identity.Company;
import dk.ledgerline.identity.Identity;
import dk.ledgerline.identity.Principal;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.VatPeriodType;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.servlet.ModelAndView;

/** The start page: the user's companies, and a form to create one. */
@Controller
public class HomePages {
    private final Identity identity;
    private final Frames frames;

    HomePages(Identity identity, Frames frames) {
        this.identity = identity;
        this.frames = frames;
    }

    public record CompanyForm(String name, String cvr, String vatPeriod, String fiscalYearStartMonth) {
        static final CompanyForm EMPTY = new CompanyForm("", "", VatPeriodType.QUARTER.name(), "1");
    }

    /** {@code operator}: the user is one of Ledgerline's platform operators, who get a link to their pages. */
    public record HomePage(Frame frame, List<Company> companies, CompanyForm form, Failure failure, boolean operator) {}

    @GetMapping("/")
    ModelAndView home(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal) {
        return page(principal, CompanyForm.EMPTY, null, 200);
    }

    @PostMapping("/companies")
    ModelAndView create(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal, CompanyForm form) {
        try {
            FormFields fields = new FormFields();
            VatPeriodType period = vatPeriod(form.vatPeriod(), fields);
            Integer startMonth = fields.wholeNumber("fiscalYearStartMonth", form.fiscalYearStartMonth());
            fields.throwIfAny("form.companyNotCreated");
            String cvr = form.cvr() == null ? null : form.cvr().strip();
            Company company = identity.createCompany(principal.userId(), form.name(), cvr, period, startMonth);
            return Pages.seeOther("/companies/" + company.id());
        } catch (ProblemException e) {
            return page(principal, form, Failure.of(e), e.status());
        }
    }

    private ModelAndView page(Principal principal, CompanyForm form, Failure failure, int status) {
        HomePage page = new HomePage(frames.user(principal, Languages.t("title.companies")), identity.companies(principal.userId()), form, failure,
                identity.isPlatformOperator(principal.userId()));
        return Pages.render("home", page, status);
    }

    private static VatPeriodType vatPeriod(String text, FormFields fields) {
        for (VatPeriodType type : VatPeriodType.values()) {
            if (type.name().equals(text)) return type;
        }
        fields.add("vatPeriod", "form.chooseVatPeriod");
        return null;
    }
}
