package dk.ledgerline.shared;

import java.util.Locale;

/** The languages Ledgerline speaks. Danish is the default: its users are Danish businesses. */
public enum Language {
    DA(Locale.forLanguageTag("da-DK")), EN(Locale.forLanguageTag("en-DK"));

    public static final Language DEFAULT = DA;

    private final Locale locale;

    Language(Locale locale) {
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "da" or "en", whatever the case; anything else is the default, since a language is a preference, never an error. */
    public static Language of(String code) {
        if (code != null) {
            for (Language language : values()) {
                if (language.code().equalsIgnoreCase(code.strip())) return language;
            }
        }
        return DEFAULT;
    }
}
