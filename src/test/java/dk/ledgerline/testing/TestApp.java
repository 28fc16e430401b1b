package dk.ledgerline.testing;

import dk.ledgerline.Ledgerline;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One real Ledgerline per test JVM: embedded PostgreSQL in a fresh folder, Tomcat on a free port,
 * real HTTP. Tests share it and stay apart by each creating its own users and companies.
 */
public final class TestApp {
    /** The operators' token of the test application (and of a {@link SecondNode}). */
    public static final String OPS_TOKEN = "operators-token-of-the-tests-0123456789";
    private static TestApp instance;

    private final ConfigurableApplicationContext context;
    private final int port;
    private final Path dataDirectory;

    private TestApp(ConfigurableApplicationContext context, Path dataDirectory) {
        this.context = context;
        this.dataDirectory = dataDirectory;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public static synchronized TestApp get() {
        if (instance == null) {
            // inside the build folder (surefire passes it), so parallel builds of one checkout stay apart
            Path data = Path.of(System.getProperty("ledgerline.test.data", "target/test-data"), "run-" + UUID.randomUUID()).toAbsolutePath();
            SpringApplication app = new SpringApplication(Ledgerline.class);
            TestClock clock = new TestClock();
            app.addInitializers(context -> context.getBeanFactory().registerSingleton("clock", clock));
            app.addInitializers(context -> context.getBeanFactory().registerSingleton("testFaults", Faults.registration()));
            ConfigurableApplicationContext context = app.run(
                    "--server.port=0",
                    "--ledgerline.data-dir=" + data,
                    "--ledgerline.demo=false",
                    // a test database is thrown away: waiting for the disk on every commit only slows the suite
                    "--ledgerline.database.embedded-durable=false",
                    // off by default (it holds threads under overload, docs/decisions/0002); on here, so every posting of the suite goes through it
                    "--ledgerline.database.group-commit=true",
                    // The suite's clients send up to 16 writes at once (racing retries) and do not retry a 503;
                    // the adaptive limits, which shrink to the pool when answers slow down (a browser test
                    // next door), are tested on apps of their own (AdmissionFilterTest, OverloadScenarioTest).
                    "--ledgerline.admission.interactive-write.min=32",
                    "--ledgerline.admission.interactive-read.min=32",
                    "--ledgerline.ops.token=" + OPS_TOKEN,
                    "--logging.level.root=WARN",
                    "--logging.level.dk.ledgerline=INFO",
                    "--spring.main.banner-mode=off");
            instance = new TestApp(context, data);
            Runtime.getRuntime().addShutdownHook(new Thread(context::close, "test-app-shutdown"));
        }
        return instance;
    }

    /** The application's date, as its clock tells it: never the test machine's own. */
    public LocalDate today() {
        return bean(TestClock.class).today();
    }

    public java.time.Clock clock() {
        return bean(TestClock.class);
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The interactive connection pool (reports have one of their own). */
    public com.zaxxer.hikari.HikariDataSource pool() {
        return context.getBean("interactivePool", com.zaxxer.hikari.HikariDataSource.class);
    }

    /** The reports' and exports' own connection pool. */
    public com.zaxxer.hikari.HikariDataSource reportPool() {
        return context.getBean("reportPool", com.zaxxer.hikari.HikariDataSource.class);
    }

    public DataSource dataSource() {
        return context.getBean(DataSource.class);
    }

    public Api api() {
        return new Api(baseUrl(), null);
    }
}
