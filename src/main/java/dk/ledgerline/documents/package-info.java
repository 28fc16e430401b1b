/**
 * Documents: the files vouchers are booked from (PDF, PNG, JPEG) and e-invoices as they came (XML),
 * kept content-addressed beside the books and never changed; attached to vouchers.
 */
package dk.ledgerline.documents;
