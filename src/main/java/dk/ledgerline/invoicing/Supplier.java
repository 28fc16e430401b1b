package dk.ledgerline.invoicing;

/**
 * A supplier (kreditor): the same particulars as a customer, found by CVR or EAN when its e-invoice
 * comes in. {@code vatZone} says how its invoices' VAT is booked: Danish input VAT, or reverse
 * charge for one in the EU or outside.
 */
public record Supplier(long id, int number, String name, String cvr, String ean, String address, String postalCode, String city,
                       String country, String email, int paymentDays, VatZone vatZone, String vatNumber) {
    Customer asParty() {
        return new Customer(id, number, name, cvr, ean, address, postalCode, city, country, email, paymentDays, vatZone, vatNumber);
    }

    static Supplier of(Customer p) {
        return new Supplier(p.id(), p.number(), p.name(), p.cvr(), p.ean(), p.address(), p.postalCode(), p.city(), p.country(), p.email(),
                p.paymentDays(), p.vatZone(), p.vatNumber());
    }
}
