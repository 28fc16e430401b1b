package dk.ledgerline.ledger;

import java.time.LocalDate;

/** A fiscal year (regnskabsår); its label is the calendar year it starts in. */
public record FiscalYear(LocalDate start, LocalDate end, boolean closed) {
    public int label() {
        return start.getYear();
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(start) && !date.isAfter(end);
    }
}
