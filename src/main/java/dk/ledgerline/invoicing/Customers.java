package dk.ledgerline.invoicing;

import dk.ledgerline.identity.Cvr;
import dk.ledgerline.invoicing.internal.InvoicingStore;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.ProblemException.FieldError;
import dk.ledgerline.shared.ProblemException.Message;
import dk.ledgerline.shared.TenantTransactions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/** Customers (debitorer): created, found by name, number, CVR or EAN. */
@Service
public class Customers {
    private static final Pattern EAN = Pattern.compile("\\d{13}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final int EMAIL_LENGTH_MAX = 254;
    /** Address fields as the database keeps them: enough for any Danish or foreign postal address. */
    private static final int ADDRESS_LENGTH_MAX = 200;
    private static final int CITY_LENGTH_MAX = 100;
    private static final int POSTAL_CODE_LENGTH_MAX = 20;
    private static final int VAT_NUMBER_LENGTH_MAX = 20;

    private final InvoicingStore store;
    private final TenantTransactions tenants;
    private final Clock clock;

    Customers(InvoicingStore store, TenantTransactions tenants, Clock clock) {
        this.store = store;
        this.tenants = tenants;
        this.clock = clock;
    }

    /** {@code number} null takes the next free one. A Danish customer's CVR is checked; an EU customer's VAT number is required. */
    public Customer create(long companyId, Customer wanted) {
        List<FieldError> errors = new ArrayList<>();
        Customer clean = clean(wanted, errors);
        if (!errors.isEmpty()) throw ProblemException.unprocessable(Message.of("customer.notCreated"), errors);
        return tenants.inCompany(companyId, () -> insert(companyId, clean));
    }

    /** Inside the caller's transaction: the checked customer numbered (the next free number when 0) and kept. */
    Customer insert(long companyId, Customer clean) {
        int number = clean.number() == 0 ? store.nextCustomerNumber(companyId) : clean.number();
        Customer numbered = withNumber(clean, 0, number);
        long id = store.insertCustomer(companyId, numbered, clock.instant());
        if (id < 0) throw ProblemException.conflict(Message.of("customer.exists", number));
        return withNumber(numbered, id, number);
    }

    /**
     * A party to an invoice as it may be kept, customer or supplier: trimmed, the country upper
     * case, the CVR checked, an EU party's VAT number required; what is wrong goes to {@code errors}.
     */
    static Customer clean(Customer wanted, List<FieldError> errors) {
        String name = trimmed(wanted.name());
        if (name == null || name.length() > Customer.NAME_LENGTH_MAX) errors.add(FieldError.of("name", "length.between", 1, Customer.NAME_LENGTH_MAX));
        String cvr = trimmed(wanted.cvr());
        if (cvr != null) {
            Message problem = Cvr.problem(cvr);
            if (problem != null) errors.add(new FieldError("cvr", problem.english(), problem));
        }
        String ean = trimmed(wanted.ean());
        if (ean != null && !EAN.matcher(ean).matches()) errors.add(FieldError.of("ean", "customer.ean"));
        Address where = Address.clean(wanted.address(), wanted.postalCode(), wanted.city(), wanted.country(), wanted.email(), errors);
        if (wanted.paymentDays() < 0 || wanted.paymentDays() > Customer.PAYMENT_DAYS_MAX) errors.add(FieldError.of("paymentDays", "number.range", 0, Customer.PAYMENT_DAYS_MAX));
        if (wanted.vatZone() == null) errors.add(FieldError.of("vatZone", "customer.vatZone"));
        String vatNumber = trimmed(wanted.vatNumber());
        if (wanted.vatZone() == VatZone.EU && vatNumber == null) errors.add(FieldError.of("vatNumber", "customer.vatNumberRequired"));
        if (vatNumber != null && vatNumber.length() > VAT_NUMBER_LENGTH_MAX) errors.add(FieldError.of("vatNumber", "text.tooLong", VAT_NUMBER_LENGTH_MAX));
        if (wanted.number() < 0 || wanted.number() > 99_999_999) errors.add(FieldError.of("number", "number.range", 1, 99_999_999));
        return new Customer(wanted.id(), wanted.number(), name, cvr, ean, where.address(), where.postalCode(), where.city(), where.country(),
                where.email(), wanted.paymentDays(), wanted.vatZone(), vatNumber);
    }

    /** Where a party, or the company itself on its invoices, is found: its postal address and e-mail, as they are kept. */
    record Address(String address, String postalCode, String city, String country, String email) {
        /** Trimmed, the country upper case (DK when none), each checked for length and form; what is wrong goes to {@code errors}. */
        static Address clean(String address, String postalCode, String city, String country, String email, List<FieldError> errors) {
            String street = orEmpty(address), zip = orEmpty(postalCode), town = orEmpty(city);
            if (street.length() > ADDRESS_LENGTH_MAX) errors.add(FieldError.of("address", "text.tooLong", ADDRESS_LENGTH_MAX));
            if (zip.length() > POSTAL_CODE_LENGTH_MAX) errors.add(FieldError.of("postalCode", "text.tooLong", POSTAL_CODE_LENGTH_MAX));
            if (town.length() > CITY_LENGTH_MAX) errors.add(FieldError.of("city", "text.tooLong", CITY_LENGTH_MAX));
            String code = trimmed(country) == null ? "DK" : country.trim().toUpperCase(java.util.Locale.ROOT);
            if (!COUNTRY.matcher(code).matches()) errors.add(FieldError.of("country", "customer.country"));
            String mail = trimmed(email);
            if (mail != null && (mail.length() > EMAIL_LENGTH_MAX || !EMAIL.matcher(mail).matches())) errors.add(FieldError.of("email", "email.invalid", EMAIL_LENGTH_MAX));
            return new Address(street, zip, town, code, mail);
        }
    }

    static Customer withNumber(Customer c, long id, int number) {
        return new Customer(id, number, c.name(), c.cvr(), c.ean(), c.address(), c.postalCode(), c.city(), c.country(), c.email(),
                c.paymentDays(), c.vatZone(), c.vatNumber());
    }

    public Customer customer(long companyId, long id) {
        return tenants.readInCompany(companyId, () -> store.customer(companyId, id))
                .orElseThrow(() -> ProblemException.notFound(Message.of("customer.notFound", id)));
    }

    /** Customers whose name holds {@code text}, or whose number, CVR or EAN it is; every customer for null. */
    public List<Customer> search(long companyId, String text) {
        String wanted = trimmed(text);
        return tenants.readInCompany(companyId, () -> store.customers(companyId, wanted, InvoicingStore.LIST_MAX));
    }

    static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text.trim();
    }
}
