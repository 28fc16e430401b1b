package dk.ledgerline.vat.internal;

import dk.ledgerline.shared.CompanyCreated;
import dk.ledgerline.vat.VatAccounts;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A new company posts VAT to the standard chart's VAT accounts. */
@Component
class VatSetup {
    private final VatStore store;

    VatSetup(VatStore store) {
        this.store = store;
    }

    @EventListener
    void on(CompanyCreated created) {
        store.insertSettings(created.companyId(), VatAccounts.STANDARD);
    }
}
