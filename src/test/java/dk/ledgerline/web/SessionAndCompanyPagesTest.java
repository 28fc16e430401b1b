package dk.ledgerline.web;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.shared.VatPeriodType;
import dk.ledgerline.testing.Tenant;
import dk.ledgerline.testing.TestApp;
import dk.ledgerline.vat.VatPeriod;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signing up, logging in and out, creating a company, and one tenant never seeing another's pages. */
class SessionAndCompanyPagesTest extends BrowserTest {
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);
    @BeforeEach
    void startLoggedOut() {
        browser.forgetSession();
    }

    @Test
    void aNewUserSignsUpLogsOutAndLogsInAgainThroughThePages() {
        String email = "web" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() + "@example.dk";

        browser.open("/signup");
        browser.type("#signup", "name", "Anne Bogholder");
        browser.type("#signup", "email", email);
        browser.type("#signup", "password", "en lang adgangskode");
        browser.submit("#signup");

        assertThat(browser.path()).isEqualTo("/");
        assertThat(browser.text("header .user")).isEqualTo("Anne Bogholder");
        assertThat(browser.text("#no-companies")).isEqualTo("Du er ikke med i nogen virksomhed endnu. Opret den første herunder.");

        browser.clickAndWaitForPage("#logout");
        assertThat(browser.path()).isEqualTo("/login");
        assertThat(browser.sessionCookie()).isNull();
        browser.open("/");
        assertThat(browser.path()).as("a logged-out browser is sent to the login page").isEqualTo("/login");

        browser.logIn(email, "en lang adgangskode");
        assertThat(browser.path()).isEqualTo("/");
        assertThat(browser.text("header .user")).isEqualTo("Anne Bogholder");
    }

    @Test
    void aWrongPasswordIsRefusedWithoutSayingWhetherTheEmailExists() {
        Tenant tenant = Tenant.create("QUARTER");

        browser.logIn(tenant.email(), "not the password");

        assertThat(browser.path()).isEqualTo("/login");
        assertThat(browser.text(".failure .failure-message")).isEqualTo("Forkert e-mail eller adgangskode.");
        assertThat(browser.find("#login [name='email']").getAttribute("value")).isEqualTo(tenant.email());
        assertThat(browser.find("#login [name='password']").getAttribute("value")).isEmpty();
        assertThat(browser.sessionCookie()).isNull();
    }

    @Test
    void aUserCreatesACompanyAndLandsOnItsDashboardWithTheCurrentVatPeriod() {
        Tenant tenant = Tenant.create("QUARTER");
        browser.signInAs(tenant.api().token());
        browser.open("/");

        browser.fill("#new-company", Browser.fields("name", "Bageriet ApS", "cvr", "12345674", "vatPeriod", "QUARTER", "fiscalYearStartMonth", "1"));
        browser.submit("#new-company");

        assertThat(browser.path()).matches("/companies/\\d+");
        assertThat(browser.text("#company-name")).isEqualTo("Bageriet ApS");
        assertThat(browser.text("#company-cvr")).isEqualTo("12345674");
        assertThat(browser.text("#company-role")).isEqualTo("Ejer");
        VatPeriod current = VatPeriod.containing(TestApp.get().today(), VatPeriodType.QUARTER);
        assertThat(browser.text("#vat-next .figure")).as("a new company's first VAT period is the one running").isEqualTo(Labels.vatPeriod(current));
        assertThat(browser.text("#vat-next")).contains("Løber til " + Labels.date(current.to()) + "; frist " + Labels.date(current.deadline()))
                .contains("Tilsvar indtil nu 0,00");
        assertThat(browser.text("#drafts .figure")).isEqualTo("0");
        assertThat(browser.text("#key-result .figure")).isEqualTo("0,00");

        browser.open("/");
        assertThat(browser.rows("#companies tbody tr")).contains(List.of("Bageriet ApS", "12345674", "Ejer"));
    }

    @Test
    void aCompanyWithAnInvalidCvrIsRefusedWithTheReasonAndTheFormKeepsWhatWasTyped() {
        Tenant tenant = Tenant.create("QUARTER");
        browser.signInAs(tenant.api().token());
        browser.open("/");

        browser.fill("#new-company", Browser.fields("name", "Fejl ApS", "cvr", "12345678"));
        browser.submit("#new-company");

        assertThat(browser.path()).as("the layer shows the answer in place of the page").isEqualTo("/");
        assertThat(browser.texts(".failure li"))
                .as("the service's message, in the page's language").containsExactly("CVR-nummer: CVR-nummeret 12345678 består ikke modulus 11-kontrollen");
        assertThat(browser.find("#new-company [name='name']").getAttribute("value")).isEqualTo("Fejl ApS");
        assertThat(browser.rows("#companies tbody tr")).containsExactly(List.of("Test ApS", Tenant.CVR, "Ejer"));
    }

    @Test
    void aUserOfOneCompanyOpeningAnotherCompanysPageGets404AndSeesNothingOfIt() {
        Tenant a = Tenant.create("QUARTER");
        Tenant b = Tenant.create("QUARTER");
        browser.signInAs(a.api().token());

        browser.open("/companies/" + b.companyId() + "/accounts");

        assertThat(browser.text(".failure .status")).isEqualTo("Fejl 404");
        assertThat(browser.text("h1")).isEqualTo("Siden findes ikke");
        assertThat(browser.all("nav.sections")).as("no company navigation on the 404 page").isEmpty();
        HttpResponse<String> response = browser.getWithSession("/companies/" + b.companyId() + "/accounts");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("Siden findes ikke").doesNotContain("Salg af varer og ydelser");
        assertThat(browser.getWithSession("/companies/" + a.companyId() + "/accounts").statusCode()).isEqualTo(200);
    }

    @Test
    void anOwnerRemovesAMemberButNotTheLastOwner() {
        Tenant owner = Tenant.create("QUARTER");
        Tenant member = Tenant.create("QUARTER");
        assertThat(owner.api().post(owner.path("/members"), "{\"email\": \"" + member.email() + "\", \"role\": \"VIEWER\"}").status()).isEqualTo(201);
        long ownerId = owner.api().get("/api/v1/me").json().get("id").asLong();
        long memberId = member.api().get("/api/v1/me").json().get("id").asLong();
        browser.signInAs(owner.api().token());
        browser.open("/companies/" + owner.companyId() + "/members");
        assertThat(browser.texts("#members tbody tr")).hasSize(2);

        browser.submit("form[action$='/members/" + memberId + "/remove']");

        assertThat(browser.text(".notice")).isEqualTo(member.email() + " er fjernet.");
        assertThat(browser.texts("#members tbody tr")).hasSize(1);
        assertThat(member.api().get(owner.path("/vouchers")).status()).isEqualTo(404);

        browser.submit("form[action$='/members/" + ownerId + "/remove']");

        assertThat(browser.text(".failure")).contains("mindst én ejer");
        assertThat(browser.texts("#members tbody tr")).hasSize(1);
    }
}
