package dk.ledgerline.api;

import dk.ledgerline.identity.AuthenticationFilter;
import dk.ledgerline.identity.Company;
import dk.ledgerline.identity.CompanyAccess;
import dk.ledgerline.identity.Identity;
import dk.ledgerline.identity.Principal;
import dk.ledgerline.identity.Role;
import dk.ledgerline.ledger.FiscalYear;
import dk.ledgerline.ledger.Ledger;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.ProblemException.FieldError;
import dk.ledgerline.shared.VatPeriodType;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1", produces = "application/json")
class IdentityApi {
    private final Identity identity;
    private final Ledger ledger;

    IdentityApi(Identity identity, Ledger ledger) {
        this.identity = identity;
        this.ledger = ledger;
    }

    record NewUser(String email, String password, String name) {}

    record UserView(long id, String email, String name) {}

    @PostMapping("/users")
    ResponseEntity<UserView> register(@RequestBody NewUser body) {
        Identity.User user = identity.register(body.email(), body.password(), body.name());
        return ResponseEntity.created(URI.create("/api/v1/me")).body(new UserView(user.id(), user.email(), user.name()));
    }

    @GetMapping("/me")
    UserView me(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal) {
        Identity.User user = identity.user(principal.userId()).orElseThrow(() -> ProblemException.notFound("user " + principal.userId()));
        return new UserView(user.id(), user.email(), user.name());
    }

    record Credentials(String email, String password) {}

    record TokenView(String token, Instant expiresAt) {}

    @PostMapping("/auth/token")
    TokenView token(@RequestBody Credentials body) {
        return identity.authenticate(body.email(), body.password(), Identity.API_TOKEN_LIFETIME)
                .map(t -> new TokenView(t.token(), t.expiresAt()))
                .orElseThrow(() -> new ProblemException(401, "Unauthorized", "e-mail or password is wrong"));
    }

    /** Logging out: this token stops working (on other nodes within a few seconds); other sessions go on. */
    @DeleteMapping("/auth/token")
    ResponseEntity<Void> logout(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal) {
        identity.endSession(principal);
        return ResponseEntity.noContent().build();
    }

    /** Every session and token of the caller ends, this one too: "log me out everywhere". */
    @DeleteMapping("/me/sessions")
    ResponseEntity<Void> endAllSessions(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal) {
        identity.endAllSessions(principal.userId());
        return ResponseEntity.noContent().build();
    }

    record PasswordChange(String currentPassword, String newPassword) {}

    /** A new password ends every session and token of the caller; the answer is a new token for this client. */
    @PutMapping("/me/password")
    TokenView changePassword(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal, @RequestBody PasswordChange body) {
        Identity.IssuedToken token = identity.changePassword(principal, body.currentPassword(), body.newPassword(), Identity.API_TOKEN_LIFETIME);
        return new TokenView(token.token(), token.expiresAt());
    }

    record NewCompany(String name, String cvr, String vatPeriod, Integer fiscalYearStartMonth) {}

    record CompanyView(long id, String name, String cvr, VatPeriodType vatPeriod, int fiscalYearStartMonth, Role role) {
        static CompanyView of(Company c) {
            return new CompanyView(c.id(), c.name(), c.cvr(), c.vatPeriod(), c.fiscalYearStartMonth(), c.role());
        }
    }

    @PostMapping("/companies")
    ResponseEntity<CompanyView> createCompany(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal, @RequestBody NewCompany body) {
        // An unknown period is passed on as none, so that it is reported together with every other field error.
        VatPeriodType period = java.util.Arrays.stream(VatPeriodType.values()).filter(p -> p.name().equals(body.vatPeriod())).findFirst().orElse(null);
        Company company = identity.createCompany(principal.userId(), body.name(), body.cvr(), period, body.fiscalYearStartMonth());
        return ResponseEntity.created(URI.create("/api/v1/companies/" + company.id())).body(CompanyView.of(company));
    }

    @GetMapping("/companies")
    Items<CompanyView> companies(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal) {
        return new Items<>(identity.companies(principal.userId()).stream().map(CompanyView::of).toList());
    }

    @GetMapping("/companies/{companyId}")
    CompanyView company(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access) {
        return CompanyView.of(identity.company(access));
    }

    record MemberView(long userId, String email, String name, Role role) {}

    record NewMember(String email, String role) {}

    @GetMapping("/companies/{companyId}/members")
    Items<MemberView> members(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access) {
        return new Items<>(identity.members(access).stream().map(m -> new MemberView(m.userId(), m.email(), m.name(), m.role())).toList());
    }

    @PostMapping("/companies/{companyId}/members")
    ResponseEntity<MemberView> addMember(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @RequestBody NewMember body) {
        Role role = null;
        try {
            if (body.role() != null) role = Role.valueOf(body.role());
        } catch (IllegalArgumentException e) {
            // reported below as a field error
        }
        Identity.Member m = identity.addMember(access, body.email(), role);
        return ResponseEntity.status(201).body(new MemberView(m.userId(), m.email(), m.name(), m.role()));
    }

    /** 204, also when the user was no member (the end state is the same); the last owner stays. */
    @DeleteMapping("/companies/{companyId}/members/{userId}")
    ResponseEntity<Void> removeMember(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long userId) {
        identity.removeMember(access, userId);
        return ResponseEntity.noContent().build();
    }

    record FiscalYearView(int label, LocalDate start, LocalDate end, boolean closed) {
        static FiscalYearView of(FiscalYear y) {
            return new FiscalYearView(y.label(), y.start(), y.end(), y.closed());
        }
    }

    record NewFiscalYear(String start) {}

    @GetMapping("/companies/{companyId}/fiscal-years")
    Items<FiscalYearView> fiscalYears(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access) {
        return new Items<>(ledger.fiscalYears(access.companyId()).stream().map(FiscalYearView::of).toList());
    }

    @PostMapping("/companies/{companyId}/fiscal-years")
    ResponseEntity<FiscalYearView> openFiscalYear(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @RequestBody NewFiscalYear body) {
        access.requireOwner();
        List<FieldError> errors = new ArrayList<>();
        LocalDate start = Params.date("start", body.start(), errors);
        if (!errors.isEmpty()) throw ProblemException.unprocessable("the fiscal year cannot be opened", errors);
        Company company = identity.company(access);
        if (start.getDayOfMonth() != 1 || start.getMonthValue() != company.fiscalYearStartMonth()) {
            throw ProblemException.unprocessable("the fiscal year cannot be opened", List.of(new FieldError("start",
                    "the company's fiscal years start on the 1st of month " + company.fiscalYearStartMonth())));
        }
        return ResponseEntity.status(201).body(FiscalYearView.of(ledger.openFiscalYear(access.companyId(), start)));
    }

    @GetMapping("/companies/{companyId}/locks")
    Items<Ledger.Lock> locks(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access) {
        return new Items<>(ledger.locks(access.companyId()));
    }
}
