package dk.ledgerline.invoicing;

/**
 * What a company's invoices say about it beyond its name and CVR: its address and how it is paid —
 * a Danish bank account (registration and account number), an IBAN and BIC for payments from abroad,
 * and a creditor number for FIK (+71) payment slips. Any of them may be absent.
 */
public record InvoicingProfile(String address, String postalCode, String city, String country, String email, String phone,
                               String bankReg, String bankAccount, String iban, String bic, String fikCreditor) {
    public static final InvoicingProfile EMPTY = new InvoicingProfile("", "", "", "DK", null, null, null, null, null, null, null);

    public boolean hasBankAccount() {
        return bankReg != null && bankAccount != null;
    }
}
