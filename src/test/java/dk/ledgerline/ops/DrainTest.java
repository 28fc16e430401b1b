package dk.ledgerline.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.ledgerline.testing.Api;
import dk.ledgerline.testing.SecondNode;
import dk.ledgerline.testing.Tenant;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A node being stopped first tells the load balancer (readiness down) and goes on serving while it drains. */
class DrainTest {
    @Test
    void aStoppingNodeReportsNotReadyWhileItStillAnswersRequests() throws Exception {
        Tenant tenant = Tenant.create("QUARTER");
        SecondNode node = SecondNode.start("--ledgerline.shutdown.drain=3s");
        Api api = node.api().withToken(tenant.api().token());
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
        Thread stopping = Thread.ofPlatform().start(node::close);
        try {
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                    .until(() -> api.get("/actuator/health/readiness").status() == 503);
            assertThat(api.get(tenant.path("/vouchers")).status()).as("still serving while the load balancer takes it out").isEqualTo(200);
        } finally {
            stopping.join(Duration.ofSeconds(30));
        }
        assertThat(stopping.isAlive()).isFalse();
    }
}
