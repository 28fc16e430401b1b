package dk.ledgerline.invoicing;

/** A product or service sold; {@code unitPrice} in øre without VAT; {@code revenueAccount} null means the default for the sale's VAT zone. */
public record Product(long id, String number, String name, String unit, long unitPrice, ProductKind kind, Integer revenueAccount) {}
