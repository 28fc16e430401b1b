package dk.ledgerline.architecture;

import dk.ledgerline.Ledgerline;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModuleBoundariesTest {

    @Test
    void modulesTalkOnlyThroughEachOthersPublicPackages() {
        ApplicationModules.of(Ledgerline.class).verify();
    }
}
