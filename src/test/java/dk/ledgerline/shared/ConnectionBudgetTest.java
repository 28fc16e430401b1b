package dk.ledgerline.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ConnectionBudgetTest {
    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return env;
    }

    @Test
    void theEmbeddedServerGetsFourConnectionsPerCoreWithinBounds() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(ConnectionBudget.interactivePoolSize(environment(Map.of())))
                .isEqualTo(Math.clamp(4L * cores, 4, 20));
    }

    @Test
    void anExternalServerGetsTwentyAndASettingWins() {
        assertThat(ConnectionBudget.interactivePoolSize(environment(Map.of("spring.datasource.url", "jdbc:postgresql://db/ledgerline"))))
                .isEqualTo(20);
        assertThat(ConnectionBudget.interactivePoolSize(environment(Map.of("ledgerline.database.pool-size", "13",
                "spring.datasource.url", "jdbc:postgresql://db/ledgerline")))).isEqualTo(13);
        assertThat(ConnectionBudget.interactivePoolSize(environment(Map.of("ledgerline.database.pool-size", "3")))).isEqualTo(3);
    }
}
