package dk.ledgerline.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** When the app is ready: create the demo company if asked to, and say where to go and how to log in. */
@Component
class StartupBanner {
    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

    private final DemoCompany demo;
    private final Environment env;

    StartupBanner(DemoCompany demo, Environment env) {
        this.demo = demo;
        this.env = env;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        boolean withDemo = env.getProperty("ledgerline.demo", Boolean.class, true);
        if (withDemo) demo.ensure();
        int port = event.getApplicationContext() instanceof WebServerApplicationContext web ? web.getWebServer().getPort() : -1;
        StringBuilder banner = new StringBuilder("\n\n    Ledgerline is running at http://localhost:" + port + "/\n");
        if (withDemo) banner.append("    Demo login: ").append(DemoCompany.EMAIL).append(" / ").append(DemoCompany.PASSWORD).append("  (company \"").append(DemoCompany.NAME).append("\")\n");
        banner.append("    API description: http://localhost:").append(port).append("/api/v1/openapi\n");
        log.info(banner.toString());
    }
}
