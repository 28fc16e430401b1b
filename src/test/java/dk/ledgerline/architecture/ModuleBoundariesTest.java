package dk.ledgerline.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import dk.ledgerline.Ledgerline;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModuleBoundariesTest {

    @Test
    void modulesTalkOnlyThroughEachOthersPublicPackages() {
        // the production code's modules; tests may reach anywhere (and the build folder may have any name)
        ImportOption productionCode = location -> !location.contains("/test-classes/");
        ApplicationModules.of(Ledgerline.class, productionCode).verify();
    }
}
