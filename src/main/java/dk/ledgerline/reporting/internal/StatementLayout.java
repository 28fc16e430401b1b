package dk.ledgerline.reporting.internal;

import dk.ledgerline.ledger.Account;
import dk.ledgerline.ledger.AccountType;
import dk.ledgerline.reporting.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each account stands in the profit and loss and the balance sheet: by its standard account
 * (or, without one, its own number) in the ranges of the Danish standard chart, whose numbers follow
 * the order of årsregnskabsloven's schedules; an account outside every range of its type goes to
 * that type's catch-all group. Subtotals name the groups they add up.
 */
public final class StatementLayout {
    public sealed interface Item permits GroupDefinition, SubtotalDefinition {}

    /**
     * A group of the standard chart: accounts of {@code types} whose standard number lies in [from, to].
     * A catch-all group with no range of its own has an empty one (from 1 to 0).
     */
    public record GroupDefinition(String key, String name, Set<AccountType> types, int from, int to) implements Item {
        boolean holds(AccountType type, int number) {
            return types.contains(type) && number >= from && number <= to;
        }
    }

    public record SubtotalDefinition(String key, String name, List<String> groups) implements Item {}

    private static final Set<AccountType> RESULT = Set.of(AccountType.REVENUE, AccountType.EXPENSE);
    private static final Set<AccountType> ASSETS = Set.of(AccountType.ASSET);
    private static final Set<AccountType> EQUITY = Set.of(AccountType.EQUITY);
    private static final Set<AccountType> LIABILITIES = Set.of(AccountType.LIABILITY);

    public static final StatementLayout PROFIT_AND_LOSS = new StatementLayout(List.of(
            new GroupDefinition("revenue", "Nettoomsætning", RESULT, 1000, 1299),
            new GroupDefinition("changeInInventories", "Ændring i lagre og igangværende arbejder", RESULT, 1300, 1499),
            new GroupDefinition("otherOperatingIncome", "Andre driftsindtægter", RESULT, 1500, 1599),
            new GroupDefinition("costOfSales", "Vareforbrug og direkte omkostninger", RESULT, 1600, 1819),
            new SubtotalDefinition("grossProfit", "Dækningsbidrag", List.of("revenue", "changeInInventories", "otherOperatingIncome", "costOfSales")),
            new GroupDefinition("otherExternalExpenses", "Andre eksterne omkostninger", RESULT, 1820, 2849),
            new GroupDefinition("staffCosts", "Personaleomkostninger", RESULT, 2850, 2999),
            new SubtotalDefinition("resultBeforeDepreciation", "Resultat før af- og nedskrivninger", List.of("grossProfit", "otherExternalExpenses", "staffCosts")),
            new GroupDefinition("depreciation", "Af- og nedskrivninger", RESULT, 3000, 3159),
            new GroupDefinition("otherOperatingExpenses", "Andre driftsomkostninger", RESULT, 3160, 3199),
            new SubtotalDefinition("operatingResult", "Resultat før finansielle poster", List.of("resultBeforeDepreciation", "depreciation", "otherOperatingExpenses")),
            new GroupDefinition("financialIncome", "Finansielle indtægter", RESULT, 3200, 3549),
            new GroupDefinition("financialExpenses", "Finansielle omkostninger", RESULT, 3550, 3699),
            new SubtotalDefinition("resultBeforeTax", "Resultat før skat", List.of("operatingResult", "financialIncome", "financialExpenses")),
            new GroupDefinition("tax", "Skat af årets resultat", RESULT, 3700, 3999),
            new SubtotalDefinition("result", "Årets resultat", List.of("resultBeforeTax", "tax"))),
            Map.of(AccountType.REVENUE, "otherOperatingIncome", AccountType.EXPENSE, "otherExternalExpenses"));

    public static final StatementLayout BALANCE_SHEET = new StatementLayout(List.of(
            new GroupDefinition("intangibleAssets", "Immaterielle anlægsaktiver", ASSETS, 5000, 5149),
            new GroupDefinition("tangibleAssets", "Materielle anlægsaktiver", ASSETS, 5150, 5799),
            new GroupDefinition("financialFixedAssets", "Finansielle anlægsaktiver", ASSETS, 5800, 6069),
            new SubtotalDefinition("fixedAssets", "Anlægsaktiver i alt", List.of("intangibleAssets", "tangibleAssets", "financialFixedAssets")),
            new GroupDefinition("inventories", "Varebeholdninger", ASSETS, 6070, 6179),
            new GroupDefinition("receivables", "Tilgodehavender", ASSETS, 6180, 6419),
            new GroupDefinition("securities", "Værdipapirer og kapitalandele", ASSETS, 6420, 6469),
            new GroupDefinition("cash", "Likvide beholdninger", ASSETS, 6470, 6499),
            // the catch-all of assets no range of the standard chart holds
            new GroupDefinition("otherAssets", "Andre aktiver", ASSETS, 1, 0),
            new SubtotalDefinition("currentAssets", "Omsætningsaktiver i alt", List.of("inventories", "receivables", "securities", "cash", "otherAssets")),
            new SubtotalDefinition("totalAssets", "Aktiver i alt", List.of("fixedAssets", "currentAssets")),
            new GroupDefinition("equity", "Egenkapital", EQUITY, 6500, 6999),
            new GroupDefinition("provisions", "Hensatte forpligtelser", LIABILITIES, 7000, 7099),
            new GroupDefinition("longTermDebt", "Langfristede gældsforpligtelser", LIABILITIES, 7100, 7299),
            new GroupDefinition("shortTermDebt", "Kortfristede gældsforpligtelser", LIABILITIES, 7300, 8999),
            new SubtotalDefinition("liabilities", "Gældsforpligtelser i alt", List.of("longTermDebt", "shortTermDebt")),
            new SubtotalDefinition("totalLiabilitiesAndEquity", "Passiver i alt", List.of("equity", "provisions", "liabilities"))),
            Map.of(AccountType.ASSET, "otherAssets", AccountType.EQUITY, "equity", AccountType.LIABILITY, "shortTermDebt"));

    private final List<Item> items;
    private final Map<AccountType, String> catchAll;

    private StatementLayout(List<Item> items, Map<AccountType, String> catchAll) {
        this.items = List.copyOf(items);
        this.catchAll = Map.copyOf(catchAll);
        for (String key : catchAll.values()) group(key);
    }

    /** The keys of its groups and subtotals, in order: each has its name in the texts (statement.<key>). */
    public List<String> keys() {
        return items.stream().map(item -> switch (item) {
            case GroupDefinition g -> g.key();
            case SubtotalDefinition s -> s.key();
        }).toList();
    }

    /** The key of the group {@code account} belongs in here, or null when its type is not shown here. */
    public String groupOf(Account account) {
        int number = account.standardAccount() != null ? account.standardAccount() : account.number();
        for (Item item : items) {
            if (item instanceof GroupDefinition g && g.holds(account.type(), number)) return g.key();
        }
        return catchAll.get(account.type());
    }

    /** One figure per account and column, in the statement's own sign, and extra lines a group shows without an account. */
    public record Figures(Map<Account, long[]> accounts, Map<String, List<Statement.Line>> extraLines) {}

    /**
     * The statement's rows: every group with a figure in either column (its accounts in number
     * order), and every subtotal. {@code figures} holds [amount, comparison] per account.
     */
    public Statement build(Figures figures) {
        Map<String, List<Statement.Line>> lines = new LinkedHashMap<>();
        figures.accounts().entrySet().stream()
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparingInt(Account::number)))
                .forEach(e -> {
                    String key = groupOf(e.getKey());
                    if (key == null) throw new IllegalArgumentException("account " + e.getKey().number() + " (" + e.getKey().type() + ") has no place here");
                    if (e.getValue()[0] != 0 || e.getValue()[1] != 0) {
                        lines.computeIfAbsent(key, k -> new ArrayList<>()).add(new Statement.Line(e.getKey().number(), e.getKey().name(), e.getValue()[0], e.getValue()[1]));
                    }
                });
        figures.extraLines().forEach((key, extra) -> {
            group(key);
            for (Statement.Line line : extra) {
                if (line.amount() != 0 || line.comparison() != 0) lines.computeIfAbsent(key, k -> new ArrayList<>()).add(line);
            }
        });
        Map<String, long[]> totals = new LinkedHashMap<>();
        List<Statement.Row> rows = new ArrayList<>();
        for (Item item : items) {
            switch (item) {
                case GroupDefinition g -> {
                    List<Statement.Line> held = lines.getOrDefault(g.key(), List.of());
                    long amount = held.stream().mapToLong(Statement.Line::amount).sum();
                    long comparison = held.stream().mapToLong(Statement.Line::comparison).sum();
                    totals.put(g.key(), new long[] {amount, comparison});
                    if (!held.isEmpty()) rows.add(new Statement.Group(g.key(), g.name(), List.copyOf(held), amount, comparison));
                }
                case SubtotalDefinition s -> {
                    long amount = 0, comparison = 0;
                    for (String part : s.groups()) {
                        long[] total = totals.get(part);
                        if (total == null) throw new IllegalStateException("subtotal " + s.key() + " adds " + part + ", which comes after it or does not exist");
                        amount += total[0];
                        comparison += total[1];
                    }
                    totals.put(s.key(), new long[] {amount, comparison});
                    rows.add(new Statement.Subtotal(s.key(), s.name(), amount, comparison));
                }
            }
        }
        return new Statement(List.copyOf(rows));
    }

    private GroupDefinition group(String key) {
        for (Item item : items) {
            if (item instanceof GroupDefinition g && g.key().equals(key)) return g;
        }
        throw new IllegalArgumentException("the layout has no group " + key);
    }
}
