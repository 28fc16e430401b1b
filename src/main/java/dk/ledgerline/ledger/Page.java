package dk.ledgerline.ledger;

import java.util.List;

/** One page of a keyset-paged list; {@code next} is the cursor of the following page, or null. */
public record Page<T>(List<T> items, String next) {}
