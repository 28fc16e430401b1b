package dk.ledgerline.invoicing;

import dk.ledgerline.invoicing.internal.InvoicingStore;
import dk.ledgerline.invoicing.internal.PurchaseStore;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.ProblemException.FieldError;
import dk.ledgerline.shared.ProblemException.Message;
import dk.ledgerline.shared.TenantTransactions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/** Suppliers (kreditorer): created by hand or from an incoming e-invoice, found by name, number, CVR or EAN. */
@Service
public class Suppliers {
    private final PurchaseStore store;
    private final TenantTransactions tenants;
    private final Clock clock;

    Suppliers(PurchaseStore store, TenantTransactions tenants, Clock clock) {
        this.store = store;
        this.tenants = tenants;
        this.clock = clock;
    }

    /** Checked as a customer is; {@code number} 0 takes the next free one. */
    public Supplier create(long companyId, Supplier wanted) {
        List<FieldError> errors = new ArrayList<>();
        Customer clean = Customers.clean(wanted.asParty(), errors);
        if (!errors.isEmpty()) throw ProblemException.unprocessable(Message.of("supplier.notCreated"), errors);
        return tenants.inCompany(companyId, () -> insert(companyId, Supplier.of(clean)));
    }

    /** Inside the caller's transaction: the supplier numbered and kept. */
    Supplier insert(long companyId, Supplier clean) {
        int number = clean.number() == 0 ? store.nextSupplierNumber(companyId) : clean.number();
        Supplier numbered = Supplier.of(Customers.withNumber(clean.asParty(), 0, number));
        long id = store.insertSupplier(companyId, numbered, clock.instant());
        if (id < 0) throw ProblemException.conflict(Message.of("supplier.exists", number));
        return Supplier.of(Customers.withNumber(numbered.asParty(), id, number));
    }

    public Supplier supplier(long companyId, long id) {
        return tenants.readInCompany(companyId, () -> store.supplier(companyId, id))
                .orElseThrow(() -> ProblemException.notFound(Message.of("supplier.notFound", id)));
    }

    public List<Supplier> search(long companyId, String text) {
        String wanted = Customers.trimmed(text);
        return tenants.readInCompany(companyId, () -> store.suppliers(companyId, wanted, InvoicingStore.LIST_MAX));
    }
}
