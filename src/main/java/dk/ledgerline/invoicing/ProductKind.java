package dk.ledgerline.invoicing;

/**
 * What a product is for VAT: goods or services, whose EU sales land in their own boxes of the return
 * (Rubrik B goods or services), or a supply exempt from VAT (momsfri, momsloven § 13: insurance,
 * teaching, health care and the like), sold without VAT wherever the customer is (VAT code FRI).
 */
public enum ProductKind { GOODS, SERVICES, EXEMPT }
