package dk.ledgerline.testing;

import dk.ledgerline.Ledgerline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Ledgerline in the test's JVM on a {@link PrimaryStandbyPair} of its own (not durable), in a fresh
 * folder of the tests' data: for the tests that take the database away under the app.
 */
public final class AppOnPair implements AutoCloseable {
    private final PrimaryStandbyPair pair;
    private final ConfigurableApplicationContext app;

    private AppOnPair(PrimaryStandbyPair pair, ConfigurableApplicationContext app) {
        this.pair = pair;
        this.app = app;
    }

    /**
     * {@code name}: the folder's prefix; {@code portBase}: the pair takes two ports from it, spread by
     * this JVM's pid so that builds running side by side stay apart; {@code settings}: more
     * application arguments.
     */
    public static AppOnPair start(String name, int portBase, String... settings) {
        Path folder;
        try {
            folder = Files.createTempDirectory(Files.createDirectories(Path.of(System.getProperty("ledgerline.test.data", "target")).toAbsolutePath()), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int base = portBase + (int) (ProcessHandle.current().pid() % 500) * 2;
        PrimaryStandbyPair pair = PrimaryStandbyPair.start(folder.resolve("pg"), base, base + 1);
        try {
            List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--ledgerline.data-dir=" + folder.resolve("app"), "--ledgerline.demo=false",
                    "--logging.level.root=WARN", "--logging.level.com.zaxxer.hikari=ERROR", "--spring.main.banner-mode=off"));
            arguments.addAll(List.of(settings));
            arguments.addAll(pair.applicationArguments());
            return new AppOnPair(pair, new SpringApplication(Ledgerline.class).run(arguments.toArray(String[]::new)));
        } catch (RuntimeException e) {
            pair.close();
            throw e;
        }
    }

    public PrimaryStandbyPair pair() {
        return pair;
    }

    public String baseUrl() {
        return "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    public Api anonymous() {
        return new Api(baseUrl(), null);
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            pair.close();
        }
    }
}
