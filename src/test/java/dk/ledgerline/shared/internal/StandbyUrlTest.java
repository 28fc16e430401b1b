package dk.ledgerline.shared.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where reads go while no primary answers: the standbys of a multi-host URL, unless configured. */
class StandbyUrlTest {
    @Test
    void aMultiHostUrlReadsFromItsStandbysAndOneHostHasNone() {
        assertThat(DatabaseSettings.standbyUrlFor("jdbc:postgresql://h1:5432,h2:5432/books?targetServerType=primary&ssl=true", null))
                .isEqualTo("jdbc:postgresql://h1:5432,h2:5432/books?targetServerType=preferSecondary&ssl=true");
        assertThat(DatabaseSettings.standbyUrlFor("jdbc:postgresql://h1,h2/books", null)).isEqualTo("jdbc:postgresql://h1,h2/books?targetServerType=preferSecondary");
        assertThat(DatabaseSettings.standbyUrlFor("jdbc:postgresql://h1,h2/books?ssl=true", null)).isEqualTo("jdbc:postgresql://h1,h2/books?ssl=true&targetServerType=preferSecondary");
        assertThat(DatabaseSettings.standbyUrlFor("jdbc:postgresql://h1:5432/books?targetServerType=primary", null)).isNull();
        assertThat(DatabaseSettings.standbyUrlFor(null, null)).as("embedded").isNull();
        assertThat(DatabaseSettings.standbyUrlFor("jdbc:postgresql://h1/books", "jdbc:postgresql://replica/books")).isEqualTo("jdbc:postgresql://replica/books");
    }
}
