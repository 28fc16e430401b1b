package dk.ledgerline.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every word Ledgerline shows, in each {@link Language}: the pages' texts, the services' messages by
 * their codes, and the pages' scripts' texts, from the {@link #BUNDLES} (UTF-8).
 * Arguments are formatted as they are given (a year stays "2025", never "2.025"); quotes in a text
 * are doubled, as {@link MessageFormat} reads them. A key a language lacks shows as ⟦key⟧ and is
 * remembered, so a test can fail on it.
 */
public final class Texts {
    private static final Set<String> MISSING = ConcurrentHashMap.newKeySet();

    private final Language language;
    private final Properties texts;

    private Texts(Language language, Properties texts) {
        this.language = language;
        this.texts = texts;
    }

    /**
     * The bundles, each {@code i18n/<bundle>_<language>.properties}: the services' messages, and the
     * pages' texts in a few files so that each stays readable.
     */
    public static final java.util.List<String> BUNDLES = java.util.List.of("errors", "labels", "pages", "reports", "scripts");

    /**
     * Both languages, read once when the texts are first wanted: every text of every page is looked
     * up here, so the lookup takes no lock.
     */
    private static final Map<Language, Texts> LOADED = loadAll();

    public static Texts of(Language language) {
        return LOADED.get(language);
    }

    private static Map<Language, Texts> loadAll() {
        Map<Language, Texts> loaded = new EnumMap<>(Language.class);
        for (Language l : Language.values()) {
            Properties all = new Properties();
            for (String bundle : BUNDLES) {
                Properties one = load("i18n/" + bundle + "_" + l.code() + ".properties");
                for (String key : one.stringPropertyNames()) {
                    if (all.containsKey(key)) throw new IllegalStateException("the text " + key + " is in two bundles of " + l.code());
                    all.setProperty(key, one.getProperty(key));
                }
            }
            loaded.put(l, new Texts(l, all));
        }
        return java.util.Collections.unmodifiableMap(loaded);
    }

    public Language language() {
        return language;
    }

    public boolean has(String key) {
        return texts.containsKey(key);
    }

    public String get(String key, Object... args) {
        String text = texts.getProperty(key);
        if (text == null) {
            MISSING.add(language.code() + ":" + key);
            return "⟦" + key + "⟧";
        }
        if (args.length == 0 && text.indexOf('\'') < 0) return text;
        Object[] plain = new Object[args.length];
        for (int i = 0; i < args.length; i++) plain[i] = shown(args[i]);
        return new MessageFormat(text, language.locale()).format(plain);
    }

    /** An amount of money as this language writes it in a sentence: "1.250,00" in Danish, "1250.00" in English (as the API writes amounts). */
    public String money(long minor) {
        if (language == Language.EN) return Amounts.format(minor);
        long abs = Math.abs(minor);
        String kroner = String.format(Locale.ROOT, "%,d", abs / 100).replace(',', '.');
        return (minor < 0 ? "-" : "") + kroner + "," + String.format(Locale.ROOT, "%02d", abs % 100);
    }

    /** An argument as shown: money (marked by {@link ProblemException.Message#money}) in this language's way, anything else as it is. */
    private String shown(Object arg) {
        if (arg == null) return "";
        String text = String.valueOf(arg);
        if (text.startsWith(DATE_MARK)) {
            try {
                java.time.LocalDate date = java.time.LocalDate.parse(text.substring(DATE_MARK.length()));
                return language == Language.EN ? date.toString() : java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy").format(date);
            } catch (java.time.format.DateTimeParseException notDate) {
                return text;
            }
        }
        if (text.startsWith(MONEY_MARK)) {
            try {
                return money(Long.parseLong(text.substring(MONEY_MARK.length())));
            } catch (NumberFormatException notMoney) {
                return text;
            }
        }
        return text;
    }

    /** Marks an argument that is an amount in øre, so each language writes it its own way. */
    static final String MONEY_MARK = "¤øre:";
    /** Marks an argument that is a date (ISO), so each language writes it its own way. */
    static final String DATE_MARK = "¤date:";

    /** The texts whose keys start with {@code prefix} (the scripts' texts, which a page carries), as they are written. */
    public java.util.SortedMap<String, String> startingWith(String prefix) {
        java.util.SortedMap<String, String> found = new java.util.TreeMap<>();
        for (String key : texts.stringPropertyNames()) {
            if (key.startsWith(prefix)) found.put(key, get(key));
        }
        return found;
    }

    /** The keys of this language, for the tests that compare languages. */
    public Set<String> keys() {
        return Collections.unmodifiableSet(new TreeSet<>(texts.stringPropertyNames()));
    }

    /** Every key asked for that some language lacked, since start. */
    public static Set<String> missing() {
        return Set.copyOf(MISSING);
    }

    private static Properties load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = Texts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("the texts " + resource + " are not on the class path");
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource, e);
        }
        return properties;
    }
}
