package dk.ledgerline.vat.internal;

import dk.ledgerline.identity.Identity;
import dk.ledgerline.ledger.FiscalYear;
import dk.ledgerline.ledger.YearEndConditions;
import dk.ledgerline.shared.ProblemException.Message;
import dk.ledgerline.vat.Vat;
import dk.ledgerline.vat.VatPeriod;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A year is closed only when every VAT period that ends in it is filed: a closed year takes no
 * settlement voucher, so a return left open would have nowhere to go. It is reopened only while no
 * VAT return after it is filed, since those figures already stand on the closed year's.
 */
@Component
class VatYearEnd implements YearEndConditions {
    /** The end of every range the ledger can hold (posting refuses dates after it). */
    private static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);
    private final VatStore store;
    private final Identity identity;
    private final Vat vat;

    VatYearEnd(VatStore store, Identity identity, Vat vat) {
        this.store = store;
        this.identity = identity;
        this.vat = vat;
    }

    @Override
    public List<Message> beforeClosing(long companyId, FiscalYear year) {
        // nothing before the company's first period here is required of it
        LocalDate beginning = vat.firstPeriod(companyId).from();
        Set<String> settled = new HashSet<>(store.settledPeriods(companyId, year.start(), year.end()));
        List<Message> reasons = new ArrayList<>();
        for (int calendarYear = year.start().getYear(); calendarYear <= year.end().getYear(); calendarYear++) {
            for (VatPeriod period : VatPeriod.ofYear(calendarYear, identity.vatPeriod(companyId))) {
                boolean endsInYear = year.contains(period.to());
                if (endsInYear && !period.to().isBefore(beginning) && !settled.contains(period.label())) {
                    reasons.add(Message.of("yearEnd.vatOpen", period.label()));
                }
            }
        }
        return reasons;
    }

    @Override
    public List<Message> beforeReopening(long companyId, FiscalYear year) {
        return store.settledPeriods(companyId, year.end().plusDays(1), LAST_DAY).stream()
                .limit(1)
                .map(label -> Message.of("yearEnd.vatFiledAfter", label))
                .toList();
    }
}
