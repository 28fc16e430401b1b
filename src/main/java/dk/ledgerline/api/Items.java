package dk.ledgerline.api;

import java.util.List;

/** A list as the API answers it: {"items": [...]}, so a list can grow fields (a cursor, say) without breaking clients. */
record Items<T>(List<T> items) {}
