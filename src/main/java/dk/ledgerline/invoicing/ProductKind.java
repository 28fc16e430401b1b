package dk.ledgerline.invoicing;

/** Goods or services: an EU sale of each lands in its own box of the VAT return (Rubrik B goods or services). */
public enum ProductKind { GOODS, SERVICES }
