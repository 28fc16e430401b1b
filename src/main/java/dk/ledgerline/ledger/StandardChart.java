package dk.ledgerline.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The public Danish standard chart of accounts (standardkontoplan) of Erhvervsstyrelsen, which every
 * account of a company's chart maps to, as the bookkeeping law asks of registered systems.
 */
public final class StandardChart {
    private static final Map<Integer, String> NAMES = load();

    private StandardChart() {}

    public static Optional<String> name(int number) {
        return Optional.ofNullable(NAMES.get(number));
    }

    public static boolean contains(int number) {
        return NAMES.containsKey(number);
    }

    private static Map<Integer, String> load() {
        try (InputStream in = StandardChart.class.getResourceAsStream("/ledger/standard-chart.csv")) {
            if (in == null) throw new IllegalStateException("/ledger/standard-chart.csv is missing from the build");
            Map<Integer, String> names = new TreeMap<>();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\r?\\n");
            for (int i = 1; i < lines.length; i++) {
                int semicolon = lines[i].indexOf(';');
                if (semicolon > 0) names.put(Integer.parseInt(lines[i].substring(0, semicolon).trim()), lines[i].substring(semicolon + 1).trim());
            }
            return Map.copyOf(names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
