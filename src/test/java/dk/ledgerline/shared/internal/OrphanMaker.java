package dk.ledgerline.shared.internal;

import java.nio.file.Path;

/** Starts the embedded server on a folder and waits to be killed: what a JVM killed with -9 leaves behind. */
public final class OrphanMaker {
    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer.start(Path.of(args[0]));
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(120_000);
    }
}
