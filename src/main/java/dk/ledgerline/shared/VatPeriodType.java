package dk.ledgerline.shared;

/** How often a company files its VAT return (momsperiode). */
public enum VatPeriodType {
    MONTH, QUARTER, HALF_YEAR
}
