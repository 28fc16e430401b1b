package dk.ledgerline.testing;

import dk.ledgerline.Ledgerline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second Ledgerline node beside {@link TestApp}: its own Tomcat, pools and caches, on the same
 * database, with the same signing key and clock, as two nodes behind a load balancer are.
 */
public final class SecondNode implements AutoCloseable {
    private final ConfigurableApplicationContext context;
    private final String baseUrl;

    private SecondNode(ConfigurableApplicationContext context) {
        this.context = context;
        this.baseUrl = "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** {@code settings}: more application arguments, as {@code --name=value}. */
    public static SecondNode start(String... settings) {
        TestApp first = TestApp.get();
        String signingKey;
        try {
            signingKey = Files.readString(first.dataDirectory().resolve("signing.key")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path data = first.dataDirectory().resolveSibling("second-node-" + UUID.randomUUID());
        SpringApplication app = new SpringApplication(Ledgerline.class);
        // the same "today" as the first node's: tokens carry times
        app.addInitializers(c -> c.getBeanFactory().registerSingleton("clock", first.clock()));
        java.util.List<String> arguments = new java.util.ArrayList<>(java.util.List.of(
                "--server.port=0",
                "--ledgerline.data-dir=" + data,
                "--ledgerline.demo=false",
                "--spring.datasource.url=" + first.pool().getJdbcUrl(),
                "--spring.datasource.username=" + first.pool().getUsername(),
                "--spring.datasource.password=",
                "--spring.flyway.user=postgres",
                "--ledgerline.auth.signing-key=" + signingKey,
                "--ledgerline.ops.token=" + TestApp.OPS_TOKEN,
                "--logging.level.root=WARN",
                "--spring.main.banner-mode=off"));
        arguments.addAll(java.util.List.of(settings));
        return new SecondNode(app.run(arguments.toArray(String[]::new)));
    }

    public Api api() {
        return new Api(baseUrl, null);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
