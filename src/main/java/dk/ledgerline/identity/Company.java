package dk.ledgerline.identity;

import dk.ledgerline.shared.VatPeriodType;

public record Company(long id, String name, String cvr, VatPeriodType vatPeriod, int fiscalYearStartMonth, Role role) {}
