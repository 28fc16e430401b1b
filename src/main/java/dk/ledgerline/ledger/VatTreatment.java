package dk.ledgerline.ledger;

import java.util.List;

/**
 * How a line's VAT code becomes entries. The ledger does not know VAT law; the VAT module does and
 * implements this, so posting stays one transaction without the ledger depending on VAT.
 */
public interface VatTreatment {

    /** Whether {@code code} is a VAT code this company may use. */
    boolean knows(String code);

    /**
     * The entries for each line, in order: the line's own account (net of VAT when the amount is
     * gross) and any VAT entries, in the line's currency. Each line's parts must sum to its amount.
     */
    List<Expansion> expand(long companyId, List<VoucherDraft.Line> lines);

    sealed interface Expansion {}

    record Expanded(List<Part> parts) implements Expansion {}

    /** {@code error} names the line's own field ("vatCode"); the caller puts the line in front of it. */
    record Invalid(dk.ledgerline.shared.ProblemException.FieldError error) implements Expansion {}

    /** {@code vat} tells a VAT entry from the base entry. */
    record Part(int account, long amount, String vatCode, boolean vat) {}
}
