package dk.ledgerline.identity;

import java.time.Instant;

/**
 * The authenticated caller, read from a signed token: who, since when, until when, and the token's
 * own id (so that logging out can end just this one).
 */
public record Principal(long userId, Instant issuedAt, Instant expiresAt, String tokenId) {}
