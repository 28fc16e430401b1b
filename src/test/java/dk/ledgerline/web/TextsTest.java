package dk.ledgerline.web;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.identity.Role;
import dk.ledgerline.ledger.AccountType;
import dk.ledgerline.ops.SpinnerSummary;
import dk.ledgerline.reporting.internal.StatementLayout;
import dk.ledgerline.shared.Language;
import dk.ledgerline.shared.Texts;
import dk.ledgerline.shared.VatPeriodType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every text the code asks for exists in Danish and in English, and each language has the same keys:
 * a text added in one language only, or a key typed wrong in a template, fails here, not in front of
 * a user as ⟦key⟧. Keys are read from the sources as they are written (literal keys) and from the
 * lists that make keys (roles, account types, statement groups, VAT figures, problem pages).
 */
class TextsTest {
    private static final Texts DANISH = Texts.of(Language.DA);
    private static final Texts ENGLISH = Texts.of(Language.EN);

    /** Where a literal key is asked for, and what the key is written after. */
    private static final List<Pattern> JAVA_KEYS = List.of(
            Pattern.compile("Languages\\.t\\(\"([^\"]+)\"\\s*[,)]"),
            Pattern.compile("Failure\\.saying\\(\"([^\"]+)\""));
    private static final List<Pattern> JAVA_ERROR_CODES = List.of(
            Pattern.compile("FieldError\\.of\\([^;]*?,\\s*\"([a-zA-Z]+(?:\\.[a-zA-Z0-9]+)*)\""),
            Pattern.compile("Message\\.of\\(\"([^\"]+)\"\\s*[,)]"),
            Pattern.compile("fields\\.add\\(\"[^\"]+\",\\s*\"([^\"]+)\""),
            Pattern.compile("throwIfAny\\(\"([^\"]+)\""));
    private static final Pattern TEMPLATE_KEY = Pattern.compile("t\\.get\\(\"([^\"]+)\"\\s*[,)]");
    private static final Pattern SCRIPT_KEY = Pattern.compile("\\b(?:text|say)\\('([^']+)'");

    @Test
    void bothLanguagesHaveTheSameKeysAndEveryTextIsReadable() throws IOException {
        assertThat(ENGLISH.keys()).as("keys in Danish and English").isEqualTo(DANISH.keys());
        for (Texts texts : List.of(DANISH, ENGLISH)) {
            for (String key : texts.keys()) {
                assertThat(texts.get(key, "A", "B", "C", "D", "E")).as(texts.language() + " " + key).isNotBlank().doesNotContain("⟦");
            }
        }
        // MessageFormat reads a single quote as the start of quoted text and swallows it: every quote is written twice
        for (Path bundle : files(Path.of("src/main/resources/i18n"), ".properties")) {
            for (String line : Files.readAllLines(bundle)) {
                if (line.startsWith("#") || !line.contains("=")) continue;
                String value = line.substring(line.indexOf('=') + 1);
                assertThat(value.replace("''", "")).as(bundle.getFileName() + ": " + line).doesNotContain("'");
            }
        }
    }

    @Test
    void everyKeyTheCodeAsksForExistsInBothLanguages() throws IOException {
        Set<String> asked = new TreeSet<>();
        for (Path file : files(Path.of("src/main/java"), ".java")) {
            String source = Files.readString(file);
            for (Pattern p : JAVA_KEYS) found(p, source).forEach(asked::add);
            for (Pattern p : JAVA_ERROR_CODES) found(p, source).forEach(code -> asked.add("error." + code));
        }
        for (Path file : files(Path.of("src/main/jte"), ".jte")) found(TEMPLATE_KEY, Files.readString(file)).forEach(asked::add);
        for (Path file : files(Path.of("src/main/resources/static"), ".js")) {
            found(SCRIPT_KEY, Files.readString(file)).forEach(key -> asked.add("script." + key));
        }
        for (Role role : Role.values()) asked.add("label.role." + role);
        for (AccountType type : AccountType.values()) asked.add("label.accountType." + type);
        for (VatPeriodType type : VatPeriodType.values()) asked.add("label.vatPeriodType." + type);
        for (SpinnerSummary.Cause cause : SpinnerSummary.Cause.values()) asked.add("label.spinnerCause." + cause);
        for (StatementLayout layout : List.of(StatementLayout.PROFIT_AND_LOSS, StatementLayout.BALANCE_SHEET)) {
            layout.keys().forEach(key -> asked.add("statement." + key));
        }
        VatPages.FIGURES.forEach(figure -> asked.add("vat.figure." + figure.key()));
        for (int status : List.of(400, 401, 403, 404, 405, 409, 413, 422, 503)) asked.add("label.problem." + status);
        asked.add("label.problem.5xx");

        assertThat(asked).as("the texts found asked for in the code").hasSizeGreaterThan(300);
        List<String> missing = new ArrayList<>();
        for (String key : asked) {
            if (!DANISH.has(key)) missing.add("da:" + key);
            if (!ENGLISH.has(key)) missing.add("en:" + key);
        }
        assertThat(missing).as("texts the code asks for that a language lacks").isEmpty();
    }

    @Test
    void moneyAndDatesInAMessageAreWrittenTheLanguagesWay() {
        var unbalanced = dk.ledgerline.shared.ProblemException.FieldError.of("lines", "voucher.unbalanced",
                dk.ledgerline.shared.ProblemException.Message.money(125_000), dk.ledgerline.shared.ProblemException.Message.money(-124_999),
                dk.ledgerline.shared.ProblemException.Message.money(1), "DKK");
        assertThat(unbalanced.message()).isEqualTo("the voucher does not balance: debit 1250.00, credit -1249.99, difference 0.01 DKK");
        assertThat(unbalanced.code().in(Language.DA)).isEqualTo("bilaget balancerer ikke: debet 1.250,00, kredit -1.249,99, difference 0,01 DKK");
        var locked = dk.ledgerline.shared.ProblemException.Message.of("date.noFiscalYear",
                dk.ledgerline.shared.ProblemException.Message.date(java.time.LocalDate.of(2019, 5, 1)));
        assertThat(locked.english()).isEqualTo("no open fiscal year holds 2019-05-01");
        assertThat(locked.in(Language.DA)).isEqualTo("intet åbent regnskabsår rummer 01.05.2019");
        assertThat(DANISH.get("error.fiscalYear.notFound", 2025)).as("a year is no number to group").isEqualTo("regnskabsåret 2025 findes ikke");
    }

    private static List<String> found(Pattern pattern, String source) {
        List<String> keys = new ArrayList<>();
        Matcher m = pattern.matcher(source);
        while (m.find()) keys.add(m.group(1));
        return keys;
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).toList();
        }
    }
}
