package dk.ledgerline.invoicing;

/**
 * A customer (debitor). {@code cvr} and {@code ean} (the GLN public bodies receive e-invoices at) may
 * be null; {@code vatNumber} is an EU customer's own VAT number, printed on a reverse-charge invoice.
 */
public record Customer(long id, int number, String name, String cvr, String ean, String address, String postalCode, String city,
                       String country, String email, int paymentDays, VatZone vatZone, String vatNumber) {
    public static final int NAME_LENGTH_MAX = 200;
    public static final int PAYMENT_DAYS_MAX = 365;
}
