package dk.ledgerline.shared;

/** Searching a text column for what a user typed: the typed text taken literally inside an (I)LIKE pattern. */
public final class LikePatterns {
    private LikePatterns() {}

    /** "%text%" with LIKE's own characters (\, % and _) escaped by PostgreSQL's default escape, the backslash. */
    public static String containing(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
