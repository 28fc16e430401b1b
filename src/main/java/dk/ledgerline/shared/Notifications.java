package dk.ledgerline.shared;

import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Short messages between the nodes, through the database they share (PostgreSQL's NOTIFY): one is
 * sent when the transaction that published it commits, never when it rolls back, and every node
 * listening hears it a moment later. A node that was not listening (its connection broke, the
 * database failed over) hears nothing of what it missed, so each subscriber also says what to do
 * after a gap: a cache reads its entries afresh.
 */
public interface Notifications {
    /** Channel names are plain identifiers, so they can be listened to without quoting. */
    Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    /** PostgreSQL's limit is 8000 bytes; Ledgerline's messages name a few ids. */
    int PAYLOAD_LENGTH_MAX = 200;

    /** Sent with the commit of the current unit of work, which must be open. */
    void publish(String channel, String payload);

    /**
     * {@code onMessage} for each message on the channel (on the listener's own thread, so it must
     * be quick); {@code afterGap} each time listening (re)starts, when messages may have been
     * missed. Subscribe while the application starts, before listening begins.
     */
    void subscribe(String channel, Consumer<String> onMessage, Runnable afterGap);
}
