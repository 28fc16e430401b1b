package dk.ledgerline.invoicing;

import dk.ledgerline.invoicing.internal.InvoicingStore;
import dk.ledgerline.ledger.Account;
import dk.ledgerline.ledger.AccountType;
import dk.ledgerline.ledger.Ledger;
import dk.ledgerline.shared.Amounts;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.ProblemException.FieldError;
import dk.ledgerline.shared.ProblemException.Message;
import dk.ledgerline.shared.TenantTransactions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Products and services for sale (varer), found by name or number. */
@Service
public class Products {
    /** A product number is the company's own code ("A-100", "RÅDGIVNING"); a longer one is a description. */
    static final int NUMBER_LENGTH_MAX = 40;
    static final int NAME_LENGTH_MAX = 200;
    static final int UNIT_LENGTH_MAX = 20;

    private final InvoicingStore store;
    private final Ledger ledger;
    private final TenantTransactions tenants;
    private final Clock clock;

    Products(InvoicingStore store, Ledger ledger, TenantTransactions tenants, Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.tenants = tenants;
        this.clock = clock;
    }

    public Product create(long companyId, Product wanted) {
        List<FieldError> errors = new ArrayList<>();
        Product clean = clean(companyId, wanted, errors);
        if (!errors.isEmpty()) throw ProblemException.unprocessable(Message.of("product.notCreated"), errors);
        return tenants.inCompany(companyId, () -> insert(companyId, clean));
    }

    /** Inside the caller's transaction: the checked product kept. */
    Product insert(long companyId, Product clean) {
        long id = store.insertProduct(companyId, clean, clock.instant());
        if (id < 0) throw ProblemException.conflict(Message.of("product.exists", clean.number()));
        return new Product(id, clean.number(), clean.name(), clean.unit(), clean.unitPrice(), clean.kind(), clean.revenueAccount());
    }

    /** The product as it may be kept, trimmed, its unit "stk." when none; what is wrong goes to {@code errors}. */
    Product clean(long companyId, Product wanted, List<FieldError> errors) {
        String number = Customers.trimmed(wanted.number());
        if (number == null || number.length() > NUMBER_LENGTH_MAX) errors.add(FieldError.of("number", "length.between", 1, NUMBER_LENGTH_MAX));
        String name = Customers.trimmed(wanted.name());
        if (name == null || name.length() > NAME_LENGTH_MAX) errors.add(FieldError.of("name", "length.between", 1, NAME_LENGTH_MAX));
        String unit = Customers.trimmed(wanted.unit()) == null ? "stk." : wanted.unit().trim();
        if (unit.length() > UNIT_LENGTH_MAX) errors.add(FieldError.of("unit", "length.between", 1, UNIT_LENGTH_MAX));
        if (wanted.unitPrice() < 0 || wanted.unitPrice() > Amounts.MAX_ABS_MINOR) errors.add(FieldError.of("unitPrice", "product.price", Message.money(Amounts.MAX_ABS_MINOR)));
        if (wanted.kind() == null) errors.add(FieldError.of("kind", "product.kind"));
        if (wanted.revenueAccount() != null) {
            Optional<Account> account = ledger.account(companyId, wanted.revenueAccount());
            if (account.isEmpty()) errors.add(FieldError.of("revenueAccount", "account.missing", wanted.revenueAccount()));
            else if (account.get().type() != AccountType.REVENUE) errors.add(FieldError.of("revenueAccount", "product.revenueAccount", wanted.revenueAccount()));
        }
        return new Product(0, number, name, unit, wanted.unitPrice(), wanted.kind(), wanted.revenueAccount());
    }

    public Product product(long companyId, long id) {
        return tenants.readInCompany(companyId, () -> store.product(companyId, id))
                .orElseThrow(() -> ProblemException.notFound(Message.of("product.notFound", id)));
    }

    public List<Product> search(long companyId, String text) {
        String wanted = Customers.trimmed(text);
        return tenants.readInCompany(companyId, () -> store.products(companyId, wanted, InvoicingStore.LIST_MAX));
    }
}
