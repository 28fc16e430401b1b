package dk.ledgerline.shared.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresServerTest {

    @Test
    void anOrphanLeftByAKilledJvmIsStoppedAndAFreshDurableServerStartedOnTheSameData() throws Exception {
        Path data = Files.createTempDirectory(Files.createDirectories(Path.of(System.getProperty("ledgerline.test.data", "target")).toAbsolutePath()), "orphan-");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), OrphanMaker.class.getName(), data.toString())
                .redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(jvm.getInputStream()));
        String line;
        while ((line = output.readLine()) != null && !line.equals("ready")) {
            // the child's startup log
        }
        assertThat(line).as("the child JVM started its server").isEqualTo("ready");
        long orphanPid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).getFirst().trim());
        jvm.destroyForcibly();
        assertThat(jvm.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).as("postgres outlives its killed JVM").contains(true);

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data)) {
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).as("the orphan is gone").isFalse();
            assertThat(server.port()).isLessThan(32_768);
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), EmbeddedPostgresServer.APP_ROLE, "");
                 ResultSet rs = c.createStatement().executeQuery(
                         "select current_user, current_setting('fsync'), current_setting('synchronous_commit'), current_setting('full_page_writes')")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(EmbeddedPostgresServer.APP_ROLE);
                assertThat(rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4)).as("a ledger's commits reach the disk").isEqualTo("on on on");
            }
        }
    }
}
