package dk.ledgerline.invoicing.internal;

import dk.ledgerline.shared.ProblemException.FieldError;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A register (customers, products) as a spreadsheet saves it: semicolons or commas, quoted fields,
 * a header naming the columns in any order, in English or Danish ("name" or "navn"). Each row comes
 * back as column → text, with its line number for the errors.
 */
public final class RegisterCsv {
    /** Far above a small company's register, far below what would strain a request. */
    public static final int ROWS_MAX = 5_000;

    private RegisterCsv() {}

    public record Row(int line, Map<String, String> cells) {
        public String get(String column) {
            String value = cells.get(column);
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    public record Read(List<Row> rows, List<FieldError> errors) {}

    /** {@code columns} maps each accepted heading, lower case, to its column's name; {@code required} must be among the headings. */
    public static Read read(String text, Map<String, String> columns, List<String> required) {
        String body = text == null ? "" : text.replace("\uFEFF", "").strip();
        List<FieldError> errors = new ArrayList<>();
        if (body.isEmpty()) return new Read(List.of(), List.of(FieldError.of("csv", "register.empty")));
        String firstLine = body.lines().findFirst().orElse("");
        char delimiter = firstLine.chars().filter(c -> c == ';').count() >= firstLine.chars().filter(c -> c == ',').count() ? ';' : ',';
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).setAllowMissingColumnNames(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(body), format)) {
            Map<Integer, String> byIndex = new HashMap<>();
            List<String> headings = parser.getHeaderNames();
            for (int i = 0; i < headings.size(); i++) {
                String column = columns.get(headings.get(i).strip().toLowerCase(Locale.ROOT));
                if (column == null) errors.add(FieldError.of("line 1", "register.unknownColumn", headings.get(i), String.join(", ", new java.util.TreeSet<>(columns.values()))));
                else byIndex.put(i, column);
            }
            for (String column : required) {
                if (!byIndex.containsValue(column)) errors.add(FieldError.of("line 1", "register.missingColumn", column));
            }
            if (!errors.isEmpty()) return new Read(List.of(), errors);
            List<Row> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                if (rows.size() >= ROWS_MAX) return new Read(List.of(), List.of(FieldError.of("csv", "register.tooMany", ROWS_MAX)));
                Map<String, String> cells = new HashMap<>();
                for (int i = 0; i < record.size(); i++) {
                    String column = byIndex.get(i);
                    if (column != null) cells.put(column, record.get(i));
                }
                rows.add(new Row((int) parser.getCurrentLineNumber(), cells));
            }
            return new Read(rows, errors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            return new Read(List.of(), List.of(FieldError.of("csv", "register.unreadable", String.valueOf(e.getMessage()))));
        }
    }
}
