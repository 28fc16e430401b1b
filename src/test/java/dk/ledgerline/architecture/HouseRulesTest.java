package dk.ledgerline.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dk.ledgerline.shared.GroupCommit;
import dk.ledgerline.shared.UnitOfWork;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Rules that keep whole classes of defects out, checked on the compiled code. */
class HouseRulesTest {
    static JavaClasses production;
    static JavaClasses tests;

    @BeforeAll
    static void importCode() {
        production = new ClassFileImporter().withImportOption(location -> !location.contains("/test-classes/")).importPackages("dk.ledgerline");
        tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS).importPackages("dk.ledgerline");
    }

    /** Transactions opened in three places once made a rejection poison its caller's transaction. */
    @Test
    void onlyTheUnitOfWorkOpensTransactions() {
        // the database's configuration builds the transaction manager, and opens nothing with it
        noClasses().that().doNotBelongToAnyOf(UnitOfWork.class).and().doNotHaveFullyQualifiedName("dk.ledgerline.shared.internal.DatabaseConfiguration")
                .should().dependOnClassesThat().areAssignableTo(PlatformTransactionManager.class)
                .orShould().dependOnClassesThat().areAssignableTo(TransactionTemplate.class)
                .orShould().dependOnClassesThat().areAssignableTo(TransactionStatus.class)
                .orShould().beAnnotatedWith(Transactional.class)
                .because("one owner opens, retries and commits a unit of work (shared/UnitOfWork)")
                .check(production);
        noClasses().that().doNotBelongToAnyOf(UnitOfWork.class, GroupCommit.class)
                .should().callMethod(java.sql.Connection.class, "commit")
                .orShould().callMethod(java.sql.Connection.class, "rollback")
                .orShould().callMethod(java.sql.Connection.class, "setAutoCommit", boolean.class)
                .because("a group of units shares one connection's transaction, which only its leader ends (shared/GroupCommit)")
                .check(production);
    }

    /** The server's "today" comes from its injected clock, and the tests ask the same clock. */
    @Test
    void nobodyReadsTheSystemClockOnTheirOwn() {
        for (JavaClasses classes : new JavaClasses[] {production, tests}) {
            noClasses().that().resideOutsideOfPackage("dk.ledgerline.bench..")
                    .should().callMethod(LocalDate.class, "now")
                    .orShould().callMethod(LocalDateTime.class, "now")
                    .orShould().callMethod(Instant.class, "now")
                    .orShould().callMethod(System.class, "currentTimeMillis")
                    .because("time comes from an injected Clock (the tests' TestApp.get().clock())")
                    .check(classes);
        }
    }
}
