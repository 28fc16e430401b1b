package dk.ledgerline.web;

import dk.ledgerline.identity.AuthenticationFilter;
import dk.ledgerline.identity.CompanyAccess;
import dk.ledgerline.identity.Principal;
import dk.ledgerline.ledger.Account;
import dk.ledgerline.ledger.AccountType;
import dk.ledgerline.ledger.Ledger;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.vat.Vat;
import dk.ledgerline.vat.VatCode;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The chart of accounts (kontoplan): list, create one account, export and import as CSV. */
@Controller
public class AccountPages {
    private final Ledger ledger;
    private final Vat vat;
    private final Frames frames;

    AccountPages(Ledger ledger, Vat vat, Frames frames) {
        this.ledger = ledger;
        this.vat = vat;
        this.frames = frames;
    }

    public record AccountForm(String number, String name, String type, String vatCode, String standardAccount) {
        static final AccountForm EMPTY = new AccountForm("", "", AccountType.EXPENSE.name(), "", "");
    }

    public record ImportForm(String csv) {
        static final ImportForm EMPTY = new ImportForm("");
    }

    public record AccountsPage(Frame frame, List<Account> accounts, List<VatCode> vatCodes, String notice,
                               AccountForm form, Failure formFailure, ImportForm importForm, Failure importFailure) {
        public List<AccountType> types() {
            return List.of(AccountType.values());
        }
    }

    @GetMapping("/companies/{companyId}/accounts")
    ModelAndView accounts(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                          @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                          @RequestParam(required = false) Integer created, @RequestParam(required = false) Integer imported,
                          @RequestParam(required = false) Integer updated, @RequestParam(required = false) Integer unchanged) {
        String notice = null;
        if (created != null) notice = Languages.t("notice.accountCreated", created);
        if (imported != null) notice = Languages.t("notice.chartImported", imported, updated == null ? 0 : updated, unchanged == null ? 0 : unchanged);
        return page(principal, access, notice, AccountForm.EMPTY, null, ImportForm.EMPTY, null, 200);
    }

    @PostMapping("/companies/{companyId}/accounts")
    ModelAndView create(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                        @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, AccountForm form) {
        access.requireBookkeeper();
        try {
            FormFields fields = new FormFields();
            Integer number = fields.wholeNumber("number", form.number());
            Integer standard = fields.optionalWholeNumber("standardAccount", form.standardAccount());
            AccountType type = type(form.type(), fields);
            fields.throwIfAny("form.accountNotCreated");
            Account created = ledger.createAccount(access.companyId(),
                    new Account(number, form.name(), type, FormFields.optionalText(form.vatCode()), standard));
            return Pages.seeOther("/companies/" + access.companyId() + "/accounts?created=" + created.number());
        } catch (ProblemException e) {
            return page(principal, access, null, form, Failure.of(e), ImportForm.EMPTY, null, e.status());
        }
    }

    @GetMapping("/companies/{companyId}/accounts.csv")
    ResponseEntity<String> export(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access) {
        return Downloads.csv("kontoplan-" + access.companyId() + ".csv", ledger.exportChart(access.companyId()));
    }

    @PostMapping("/companies/{companyId}/accounts/import")
    ModelAndView importChart(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                             @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, ImportForm form) {
        access.requireBookkeeper();
        try {
            Ledger.ImportResult result = ledger.importChart(access.companyId(), form.csv());
            return Pages.seeOther("/companies/" + access.companyId() + "/accounts?imported=" + result.created()
                    + "&updated=" + result.updated() + "&unchanged=" + result.unchanged());
        } catch (ProblemException e) {
            return page(principal, access, null, AccountForm.EMPTY, null, form, Failure.of(e), e.status());
        }
    }

    private ModelAndView page(Principal principal, CompanyAccess access, String notice, AccountForm form, Failure formFailure,
                              ImportForm importForm, Failure importFailure, int status) {
        Frame frame = frames.company(principal, access, Languages.t("title.accounts"), Frame.Section.ACCOUNTS);
        return Pages.render("accounts", new AccountsPage(frame, ledger.accounts(access.companyId()), vat.codes(), notice,
                form, formFailure, importForm, importFailure), status);
    }

    private static AccountType type(String text, FormFields fields) {
        for (AccountType type : AccountType.values()) {
            if (type.name().equals(text)) return type;
        }
        fields.add("type", "form.chooseAccountType");
        return null;
    }
}
