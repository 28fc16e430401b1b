package dk.ledgerline.reporting;

import java.util.List;

/**
 * A financial statement as an accountant reads it: groups of accounts in the order of the Danish
 * standard chart (omsætning, vareforbrug, …), each with its total, and subtotals between them
 * (dækningsbidrag, resultat før skat, …), every figure beside its comparison figure. Amounts are as
 * the statement shows them: in the profit and loss, what a line adds to the result (revenue
 * positive, costs negative); in the balance sheet, assets and the claims on them both positive.
 * Keys name groups and subtotals for the pages to translate; names are the Danish ones.
 */
public record Statement(List<Row> rows) {
    public sealed interface Row {
        String key();

        String name();

        long amount();

        long comparison();
    }

    /** A group of accounts; {@code lines} are its accounts with a figure in either column. */
    public record Group(String key, String name, List<Line> lines, long amount, long comparison) implements Row {}

    /** A total of the groups above it that it names. */
    public record Subtotal(String key, String name, long amount, long comparison) implements Row {}

    /** One account's figures; {@code account} is null for a line of the result that no account holds yet. */
    public record Line(Integer account, String name, long amount, long comparison) {}

    public Row row(String key) {
        return rows.stream().filter(r -> r.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the statement has no row " + key));
    }
}
