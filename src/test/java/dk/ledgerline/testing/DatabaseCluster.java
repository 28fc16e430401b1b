package dk.ledgerline.testing;

import java.util.List;

/** A primary with a synchronous standby that a scenario can fail over: the harness's pair, or one an HA manager runs. */
public interface DatabaseCluster extends AutoCloseable {
    /** The application's arguments that point it at the cluster. */
    List<String> applicationArguments();

    /** The primary's node dies: SIGKILL, nothing of it runs on. Returns when its port refuses connections. */
    void killPrimary();

    /** Returns when the standby takes writes: promoted by the caller (the harness) or by the HA manager. */
    void promoteStandby();

    /** For the report: who promotes, and how. */
    String describe();

    @Override
    void close();
}
