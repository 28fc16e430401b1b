package dk.ledgerline.api;

import dk.ledgerline.identity.CompanyAccess;
import dk.ledgerline.ledger.Account;
import dk.ledgerline.ledger.AccountType;
import dk.ledgerline.ledger.Ledger;
import dk.ledgerline.ledger.StandardChart;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.ProblemException.FieldError;
import dk.ledgerline.vat.Vat;
import dk.ledgerline.vat.VatCode;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/companies/{companyId}", produces = "application/json")
class ChartApi {
    private final Ledger ledger;
    private final Vat vat;

    ChartApi(Ledger ledger, Vat vat) {
        this.ledger = ledger;
        this.vat = vat;
    }

    record StandardAccountView(int number, String name) {}

    record AccountView(int number, String name, AccountType type, String vatCode, StandardAccountView standardAccount) {
        static AccountView of(Account a) {
            StandardAccountView standard = a.standardAccount() == null ? null
                    : new StandardAccountView(a.standardAccount(), StandardChart.name(a.standardAccount()).orElse(null));
            return new AccountView(a.number(), a.name(), a.type(), a.vatCode(), standard);
        }
    }

    @GetMapping("/accounts")
    Items<AccountView> accounts(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access) {
        return new Items<>(ledger.accounts(access.companyId()).stream().map(AccountView::of).toList());
    }

    @GetMapping("/accounts/{number}")
    AccountView account(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable int number) {
        return ledger.account(access.companyId(), number).map(AccountView::of).orElseThrow(() -> ProblemException.notFound("account " + number));
    }

    record NewAccount(Integer number, String name, String type, String vatCode, Integer standardAccount) {}

    @PostMapping("/accounts")
    ResponseEntity<AccountView> createAccount(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @RequestBody NewAccount body) {
        access.requireBookkeeper();
        // Unknown values are passed on as none, so that they are reported together with every other field error.
        AccountType type = java.util.Arrays.stream(AccountType.values()).filter(a -> a.name().equals(body.type())).findFirst().orElse(null);
        Account created = ledger.createAccount(access.companyId(), new Account(body.number() == null ? 0 : body.number(), body.name(), type,
                body.vatCode() == null || body.vatCode().isBlank() ? null : body.vatCode(), body.standardAccount()));
        return ResponseEntity.created(URI.create("/api/v1/companies/" + access.companyId() + "/accounts/" + created.number())).body(AccountView.of(created));
    }

    @GetMapping(path = "/accounts.csv", produces = "text/csv;charset=UTF-8")
    ResponseEntity<String> exportChart(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access) {
        return ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"kontoplan-" + access.companyId() + ".csv\"")
                .body(ledger.exportChart(access.companyId()));
    }

    @PostMapping(path = "/accounts.csv", consumes = {"text/csv", "text/plain"})
    Ledger.ImportResult importChart(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @RequestBody String csv) {
        access.requireBookkeeper();
        return ledger.importChart(access.companyId(), csv);
    }

    record VatCodeView(String code, String name, String rate, String standardCode, String treatment, String box) {
        static VatCodeView of(VatCode c) {
            return new VatCodeView(c.name(), c.description(), c.ratePercent() + ".00", c.standardCode(), c.treatment().name(), c.box().name());
        }
    }

    @GetMapping("/vat-codes")
    Items<VatCodeView> vatCodes(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access) {
        return new Items<>(vat.codes().stream().map(VatCodeView::of).toList());
    }
}
