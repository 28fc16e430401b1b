package dk.ledgerline.identity;

import java.time.Instant;

/** The authenticated caller, read from a signed token without a database lookup. */
public record Principal(long userId, Instant expiresAt) {}
