/**
 * Invoicing: customers and products, sales invoices and credit notes with gapless numbers, booked
 * into the ledger by the customer's VAT zone, payments against them and the open items (debitorer).
 */
package dk.ledgerline.invoicing;
