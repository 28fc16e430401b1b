package dk.ledgerline.identity;

/** What a user may do in one company. An accountant is typically BOOKKEEPER in many companies. */
public enum Role {
    OWNER, BOOKKEEPER, VIEWER;

    public boolean canBookkeep() { return this != VIEWER; }

    public boolean canManageMembers() { return this == OWNER; }
}
