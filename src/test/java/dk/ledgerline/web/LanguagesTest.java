package dk.ledgerline.web;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.shared.Texts;
import dk.ledgerline.testing.Tenant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every page in Danish and in English: a user switches with one click, the choice is kept in their
 * account (a new login on a fresh browser reads in it), and no page shows a text its language lacks.
 */
class LanguagesTest extends BrowserTest {
    @Test
    void aUserSwitchesToEnglishEveryPageSpeaksItAndTheChoiceFollowsThemToTheirNextLogin() {
        Tenant tenant = Tenant.create("QUARTER");
        var posted = tenant.postVoucher("""
                {"date": "2025-03-10", "text": "Husleje", "lines": [{"account": 2030, "amount": "8000.00", "vatCode": "I25"}, {"account": 6480, "amount": "-8000.00"}]}""");
        assertThat(posted.status()).isEqualTo(201);
        long journalId = tenant.api().post(tenant.path("/journals"), "{\"name\": \"Kladde\"}").json().get("id").asLong();
        browser.logIn(tenant.email(), tenant.password());
        String base = "/companies/" + tenant.companyId();

        browser.open(base);
        assertThat(browser.script("return document.documentElement.lang")).isEqualTo("da");
        assertThat(browser.text("nav.sections")).contains("Oversigt").contains("Kontoplan");
        browser.clickAndWaitForPage("#language-switch button");
        assertThat(browser.path()).as("the same page, in the other language").isEqualTo(base);
        assertThat(browser.script("return document.documentElement.lang")).isEqualTo("en");
        assertThat(browser.text("nav.sections")).contains("Overview").doesNotContain("Oversigt");
        browser.screenshot("dashboard-english");

        Set<String> pages = new LinkedHashSet<>(List.of("/", base, base + "/accounts", base + "/journals", base + "/journals/" + journalId,
                base + "/vouchers", base + "/vouchers/2025/1", base + "/reports", base + "/reports/trial-balance?from=2025-01-01&to=2025-12-31",
                base + "/reports/profit-and-loss?from=2025-01-01&to=2025-12-31", base + "/reports/balance-sheet?at=2025-12-31",
                base + "/reports/account-statement?account=6480&from=2025-01-01&to=2025-12-31", base + "/vat?year=2025",
                base + "/vat/2025-Q1/settlement", base + "/fiscal-years", base + "/fiscal-years/2025/closing", base + "/members"));
        for (String language : List.of("en", "da")) {
            for (String path : pages) {
                browser.open(path);
                assertThat(browser.script("return document.documentElement.lang")).as(path).isEqualTo(language);
                assertThat(browser.text("body")).as(path + " in " + language).doesNotContain("⟦");
            }
            if (language.equals("en")) {
                browser.open(base + "/vat?year=2025");
                assertThat(browser.text("#vat-returns")).contains("Q1 2025");
                browser.open(base + "/vouchers?amount=1.250");
                assertThat(browser.text(".failure")).as("a service's message, in English").contains("The search could not be read.").contains("ambiguous");
                browser.open(base + "/journals/" + journalId);
                browser.fill("#add-line", Browser.fields("account", "9999"));
                browser.find("#add-line [name='account']").click();
                browser.find("#add-line [name='amount']").click();
                assertThat(browser.text("#add-line .field-error")).as("the grid's own words").isEqualTo("account 9999 is not in the chart of accounts");
                browser.open(base);
                browser.clickAndWaitForPage("#language-switch button");
            }
        }
        assertThat(Texts.missing()).as("texts a page asked for that its language lacks").isEmpty();

        browser.open(base);
        browser.clickAndWaitForPage("#language-switch button");
        assertThat(browser.script("return document.documentElement.lang")).isEqualTo("en");
        browser.deleteCookie(Languages.COOKIE);
        browser.deleteCookie(dk.ledgerline.identity.AuthenticationFilter.SESSION_COOKIE);
        browser.open("/login");
        assertThat(browser.script("return document.documentElement.lang")).as("a browser that knows no one reads Danish").isEqualTo("da");
        browser.logIn(tenant.email(), tenant.password());
        browser.open(base);
        assertThat(browser.script("return document.documentElement.lang")).as("the user's choice, from their account").isEqualTo("en");
    }
}
