package dk.ledgerline.invoicing;

/**
 * Where a customer is, for VAT: at home (25 % Danish VAT), in another EU country (no Danish VAT; the
 * buyer accounts for it, and the sale counts in Rubrik B), or outside the EU (export, Rubrik C).
 */
public enum VatZone { DOMESTIC, EU, OUTSIDE_EU }
