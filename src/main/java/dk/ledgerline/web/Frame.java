package dk.ledgerline.web;

import dk.ledgerline.identity.Company;

/**
 * What the layout around every page needs: the title, who is logged in, and the company whose
 * pages the navigation leads to. {@code userName} and {@code company} are null where there are none;
 * {@code readOnly} says, while Ledgerline takes no writes, why (null otherwise).
 */
public record Frame(String title, String userName, Company company, Section section, String readOnly) {

    /** The part of a company's pages the navigation marks as current. */
    public enum Section { DASHBOARD, ACCOUNTS, JOURNALS, VOUCHERS, INVOICES, REPORTS, VAT, MEMBERS, NONE }

    /** The words of the page, in the language of the request. */
    public dk.ledgerline.shared.Texts t() {
        return Languages.texts();
    }

    public boolean loggedIn() {
        return userName != null;
    }

    public boolean canBookkeep() {
        return company != null && company.role().canBookkeep();
    }

    public boolean isOwner() {
        return company != null && company.role().canManageMembers();
    }

    /** The path of the company's pages, "/companies/7", to which page paths are appended. */
    public String base() {
        if (company == null) throw new IllegalStateException("the page \"" + title + "\" has no company");
        return "/companies/" + company.id();
    }
}
