package dk.ledgerline.shared;

/**
 * An expected failure of a step of work: bad input, a locked period, a conflict. A step that throws
 * one inside {@link UnitOfWork#attempt} leaves nothing behind and the unit it ran in stays usable;
 * the caller turns it into a value or an answer. Programmer errors are never rejections.
 */
public abstract class Rejection extends RuntimeException {
    protected Rejection(String message) {
        // No stack trace: a rejection is an answer, not a bug to debug, and posting makes many.
        super(message, null, false, false);
    }
}
