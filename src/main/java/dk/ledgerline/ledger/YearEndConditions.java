package dk.ledgerline.ledger;

import dk.ledgerline.shared.ProblemException.Message;
import java.util.List;

/**
 * What another module requires before a fiscal year is closed or reopened, asked inside the unit of
 * work that closes or reopens it (the VAT module: every VAT return of the year filed before closing;
 * none of the next year's filed before reopening). The ledger depends on no other module; they
 * answer through this.
 */
public interface YearEndConditions {
    /** Why {@code year} cannot be closed now, one reason each; empty when nothing stands in the way. */
    List<Message> beforeClosing(long companyId, FiscalYear year);

    /** Why {@code year} cannot be reopened now, one reason each; empty when nothing stands in the way. */
    List<Message> beforeReopening(long companyId, FiscalYear year);
}
