package dk.ledgerline.invoicing;

import dk.ledgerline.invoicing.internal.InvoicingStore;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.ProblemException.FieldError;
import dk.ledgerline.shared.ProblemException.Message;
import dk.ledgerline.shared.TenantTransactions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/** A company's invoicing profile: read by every invoice it prints or sends, written by its owner. */
@Service
public class InvoicingProfiles {
    private static final Pattern BANK_REG = Pattern.compile("\\d{4}");
    private static final Pattern BANK_ACCOUNT = Pattern.compile("\\d{1,10}");
    private static final Pattern IBAN = Pattern.compile("[A-Z]{2}\\d{2}[A-Z0-9]{10,30}");
    private static final Pattern BIC = Pattern.compile("[A-Z0-9]{8}([A-Z0-9]{3})?");
    private static final Pattern FIK_CREDITOR = Pattern.compile("\\d{8}");
    private static final Pattern PHONE = Pattern.compile("[0-9 +()-]{1,30}");

    private final InvoicingStore store;
    private final TenantTransactions tenants;
    private final Clock clock;

    InvoicingProfiles(InvoicingStore store, TenantTransactions tenants, Clock clock) {
        this.store = store;
        this.tenants = tenants;
        this.clock = clock;
    }

    public InvoicingProfile profile(long companyId) {
        return tenants.readInCompany(companyId, () -> store.profile(companyId)).orElse(InvoicingProfile.EMPTY);
    }

    /** Replaces the profile; an IBAN is checked by its ISO 13616 check digits, a bank account needs its registration number. */
    public InvoicingProfile save(long companyId, InvoicingProfile wanted) {
        List<FieldError> errors = new ArrayList<>();
        Customers.Address where = Customers.Address.clean(wanted.address(), wanted.postalCode(), wanted.city(), wanted.country(), wanted.email(), errors);
        String phone = Customers.trimmed(wanted.phone());
        if (phone != null && !PHONE.matcher(phone).matches()) errors.add(FieldError.of("phone", "profile.phone"));
        String bankReg = digits(wanted.bankReg()), bankAccount = digits(wanted.bankAccount());
        if (bankReg != null && !BANK_REG.matcher(bankReg).matches()) errors.add(FieldError.of("bankReg", "profile.bankReg"));
        if (bankAccount != null && !BANK_ACCOUNT.matcher(bankAccount).matches()) errors.add(FieldError.of("bankAccount", "profile.bankAccount"));
        if ((bankReg == null) != (bankAccount == null)) errors.add(FieldError.of(bankReg == null ? "bankReg" : "bankAccount", "profile.bankPair"));
        String iban = compact(wanted.iban());
        if (iban != null && (!IBAN.matcher(iban).matches() || !ibanChecks(iban))) errors.add(FieldError.of("iban", "profile.iban"));
        String bic = compact(wanted.bic());
        if (bic != null && !BIC.matcher(bic).matches()) errors.add(FieldError.of("bic", "profile.bic"));
        String fik = digits(wanted.fikCreditor());
        if (fik != null && !FIK_CREDITOR.matcher(fik).matches()) errors.add(FieldError.of("fikCreditor", "profile.fikCreditor"));
        if (!errors.isEmpty()) throw ProblemException.unprocessable(Message.of("profile.notSaved"), errors);
        InvoicingProfile clean = new InvoicingProfile(where.address(), where.postalCode(), where.city(), where.country(), where.email(), phone,
                bankReg, bankAccount, iban, bic, fik);
        tenants.inCompany(companyId, () -> {
            store.saveProfile(companyId, clean, clock.instant());
            return null;
        });
        return clean;
    }

    /** ISO 13616: the country and check digits moved to the end, letters as 10–35, the number mod 97 is 1. */
    static boolean ibanChecks(String iban) {
        String moved = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (char c : moved.toCharArray()) {
            int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = value < 10 ? (remainder * 10 + value) % 97 : (remainder * 100 + value) % 97;
        }
        return remainder == 1;
    }

    private static String digits(String text) {
        String t = Customers.trimmed(text);
        return t == null ? null : t.replace(" ", "").replace("-", "");
    }

    private static String compact(String text) {
        String t = Customers.trimmed(text);
        return t == null ? null : t.replace(" ", "").toUpperCase(Locale.ROOT);
    }
}
