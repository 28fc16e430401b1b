package dk.ledgerline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the app logged at WARN or ERROR after it had started, that is, under the benchmark's load.
 * A run whose numbers look fine but whose log is full of errors is not a baseline.
 */
record AppLog(Path path, boolean readable, long warnings, long errors, List<String> distinct) {
    /** Messages quoted in the report; past this they are only counted. */
    static final int QUOTED_MAX = 8;
    /** Spring Boot's console line: timestamp, level, pid, "---", then the rest. */
    private static final Pattern LINE = Pattern.compile("^\\S+\\s+(WARN|ERROR)\\s+\\d+\\s+---\\s+(.*)$");
    /** The request id and thread differ on every line; drop them to see which messages repeat. */
    private static final Pattern VARYING = Pattern.compile("\\[[^]]*] |req=\\S* |company=\\S*\\] ");

    static AppLog read(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path);
        } catch (IOException | RuntimeException e) {
            return new AppLog(path, false, 0, 0, List.of());
        }
        boolean started = false;
        long warnings = 0;
        long errors = 0;
        Map<String, Integer> messages = new LinkedHashMap<>();
        for (String line : lines) {
            if (!started) {
                started = line.contains("Started Ledgerline");
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) continue;
            if (m.group(1).equals("ERROR")) errors++;
            else warnings++;
            String message = m.group(1) + " " + VARYING.matcher(m.group(2)).replaceAll("").trim();
            if (message.length() > 300) message = message.substring(0, 300) + "…";
            messages.merge(message, 1, Integer::sum);
        }
        List<String> distinct = new ArrayList<>();
        for (Map.Entry<String, Integer> e : messages.entrySet()) {
            if (distinct.size() == QUOTED_MAX) break;
            distinct.add(e.getValue() + "× " + e.getKey());
        }
        return new AppLog(path, true, warnings, errors, distinct);
    }
}
