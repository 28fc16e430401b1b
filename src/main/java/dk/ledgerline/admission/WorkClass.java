package dk.ledgerline.admission;

/**
 * The classes of work that admission keeps apart: each has its own adaptive limit, so a storm of
 * one kind cannot take the places of another, and interactive work wins when they compete.
 */
public enum WorkClass {
    /** Posting, journal lines, settling, logging in: a user waits for each. */
    INTERACTIVE_WRITE,
    /** Pages and API reads a user waits for. */
    INTERACTIVE_READ,
    /** Reports and exports: read much, may take longer, and yield to interactive work. */
    REPORT,
    /** Imports of many rows at once, and the pages' telemetry: work nobody waits for. */
    BULK;

    /** Reports read many rows; bulk writes many; everything else a user waits for at once. */
    public static WorkClass of(String method, String path) {
        boolean read = "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
        // the operators' summaries read up to a quarter's telemetry: a report, on the reports' connections
        if (path.contains("/reports/") || path.contains("/exports/") || path.startsWith("/operators/") || (read && path.endsWith(".csv"))) return REPORT;
        if (!read && (path.endsWith("/accounts.csv") || path.endsWith("/accounts/import"))) return BULK;
        // the pages' spinner reports: never a place a user's click could have had
        if (!read && path.equals("/telemetry/spinners")) return BULK;
        return read ? INTERACTIVE_READ : INTERACTIVE_WRITE;
    }
}
