package nl.wams.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.time.Instant;
import java.util.List;
import nl.wams.adapters.PartyAdapter;
import nl.wams.adapters.peer.PeerSigner;
import nl.wams.gateway.audit.AuditLog;
import nl.wams.gateway.policy.RequestPolicy;
import nl.wams.gateway.provider.ReviewStatus;
import nl.wams.gateway.provider.ReviewStore;
import nl.wams.gateway.routing.PartyFanOut;
import nl.wams.gateway.routing.PartyRoutes;
import org.junit.jupiter.api.Test;

/** The layout rules of docs/architecture.md, checked on the compiled classes. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("nl.wams");

    @Test
    void adaptersNeverDependOnTheGateway() {
        noClasses()
                .that()
                .resideInAPackage("nl.wams.adapters..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("nl.wams.gateway..")
                .check(CLASSES);
    }

    @Test
    void domainPackagesAreFreeOfSpringWebCamelAndServlets() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "nl.wams.gateway.policy..",
                        "nl.wams.gateway.request..",
                        "nl.wams.gateway.config..",
                        "nl.wams.gateway.minimisation..",
                        "nl.wams.gateway.audit..",
                        "nl.wams.gateway.federation..",
                        "nl.wams.gateway.storage..",
                        "nl.wams.adapters..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "org.apache.camel..", "jakarta.servlet..")
                .check(CLASSES);
    }

    /**
     * The rules in force are one thing both roles and the web read: the register knows nothing of
     * the roles, the interfaces or HTTP, so a reload cannot depend on how a request arrived.
     */
    @Test
    void theRulesInForceKnowNeitherRolesNorInterfaces() {
        noClasses()
                .that()
                .resideInAPackage("nl.wams.gateway.register..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "nl.wams.gateway.requester..",
                        "nl.wams.gateway.provider..",
                        "nl.wams.gateway.api..",
                        "nl.wams.gateway.web..",
                        "nl.wams.gateway.operations..",
                        "org.springframework.web..",
                        "jakarta.servlet..")
                .check(CLASSES);
    }

    /**
     * The coordinated approach is its own feature: the college's side (coordination) and a
     * party's side (participation) use neither role's internals, and the college's side does not
     * know the party's.
     */
    @Test
    void theCoordinatedApproachStandsApartFromTheRoles() {
        noClasses()
                .that()
                .resideInAnyPackage("nl.wams.gateway.coordination..", "nl.wams.gateway.participation..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "nl.wams.gateway.requester..", "nl.wams.gateway.provider..", "nl.wams.gateway.web..")
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAPackage("nl.wams.gateway.coordination..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("nl.wams.gateway.participation..")
                .check(CLASSES);
    }

    /**
     * The reporting point is a feature of its own: it uses neither role's internals, knows nothing
     * of HTTP, and reaches desks only through the adapters' SPI.
     */
    @Test
    void theReportingPointStandsApartFromTheRolesAndHttp() {
        noClasses()
                .that()
                .resideInAPackage("nl.wams.gateway.meldpunt..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "nl.wams.gateway.requester..",
                        "nl.wams.gateway.provider..",
                        "nl.wams.gateway.participation..",
                        "nl.wams.gateway.api..",
                        "nl.wams.gateway.web..",
                        "nl.wams.adapters.rest..",
                        "nl.wams.adapters.soap..",
                        "nl.wams.adapters.peer..",
                        "org.springframework.web..",
                        "org.springframework.http..",
                        "org.springframework.security..",
                        "jakarta.servlet..")
                .check(CLASSES);
    }

    @Test
    void thePeerProtocolIsPlainJavaWithoutSpringOrHttpServers() {
        noClasses()
                .that()
                .resideInAPackage("nl.wams.adapters.peer..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..", "org.apache.camel..", "jakarta.servlet..", "org.apache.catalina..")
                .check(CLASSES);
    }

    @Test
    void theRequesterAndTheProviderRoleDoNotUseEachOther() {
        noClasses()
                .that()
                .resideInAPackage("nl.wams.gateway.requester..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("nl.wams.gateway.provider..")
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAPackage("nl.wams.gateway.provider..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("nl.wams.gateway.requester..")
                .orShould()
                .dependOnClassesThat()
                .belongToAnyOf(PartyFanOut.class, PartyRoutes.class)
                .check(CLASSES);
    }

    @Test
    void rolesWireThemselvesButKnowNothingOfHttp() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "nl.wams.gateway.requester..",
                        "nl.wams.gateway.provider..",
                        "nl.wams.gateway.coordination..",
                        "nl.wams.gateway.participation..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "nl.wams.gateway.api..",
                        "org.springframework.web..",
                        "org.springframework.http..",
                        "org.springframework.security..",
                        "jakarta.servlet..")
                .check(CLASSES);
    }

    @Test
    void controllersHoldNoBusinessRules() {
        noClasses()
                .that()
                .resideInAPackage("nl.wams.gateway.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "nl.wams.gateway.minimisation..",
                        "nl.wams.gateway.routing..",
                        "nl.wams.adapters.rest..",
                        "nl.wams.adapters.soap..")
                .orShould()
                .callMethod(AuditLog.class, "append", String.class, List.class)
                .orShould()
                .dependOnClassesThat()
                .belongToAnyOf(RequestPolicy.class, PartyAdapter.class, PeerSigner.class)
                .check(CLASSES);
    }

    @Test
    void theWebInterfaceAddsNoBusinessRuleOfItsOwn() {
        noClasses()
                .that()
                .resideInAPackage("nl.wams.gateway.web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("nl.wams.adapters.rest..", "nl.wams.adapters.soap..", "nl.wams.adapters.peer..")
                .orShould()
                .callMethod(AuditLog.class, "append", String.class, List.class)
                .orShould()
                .dependOnClassesThat()
                .belongToAnyOf(RequestPolicy.class, PartyAdapter.class, PeerSigner.class)
                .orShould()
                .callMethod(ReviewStore.class, "create", ReviewStore.Review.class)
                .orShould()
                .callMethod(
                        ReviewStore.class,
                        "decide",
                        String.class,
                        ReviewStatus.class,
                        Instant.class,
                        String.class,
                        String.class)
                .check(CLASSES);
    }

    @Test
    void theDemoIdentityProviderIsNotPartOfAGateway() {
        noClasses()
                .that()
                .resideInAPackage("nl.wams.gateway..")
                .and()
                .resideOutsideOfPackage("nl.wams.gateway.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("nl.wams.demoidp..")
                .check(CLASSES);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("nl.wams.gateway.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void onlyTheCliPrintsToTheConsole() {
        noClasses()
                .that()
                .resideOutsideOfPackage("nl.wams.gateway.cli..")
                .should()
                .accessField(System.class, "out")
                .orShould()
                .accessField(System.class, "err")
                .check(CLASSES);
    }

    @Test
    void everyRecordCarryingABsnHidesItWhenPrinted() {
        classes()
                .that()
                .areRecords()
                .should(new ArchCondition<>("override toString when a component is named bsn") {
                    @Override
                    public void check(JavaClass item, ConditionEvents events) {
                        boolean hasBsn = item.getAllFields().stream()
                                .anyMatch(f -> f.getName().equals("bsn"));
                        // The compiler's record toString reads fields through an invokedynamic bootstrap, which
                        // shows up as no field access at all; a hand-written one reads the fields it prints.
                        boolean ownToString = item.getMethods().stream()
                                .filter(m -> m.getName().equals("toString")
                                        && m.getRawParameterTypes().isEmpty())
                                .anyMatch(m -> !m.getFieldAccesses().isEmpty()
                                        && m.getFieldAccesses().stream()
                                                .noneMatch(a ->
                                                        a.getTarget().getName().equals("bsn")));
                        if (hasBsn && !ownToString) {
                            events.add(SimpleConditionEvent.violated(
                                    item, item.getName() + " has a bsn but prints it in toString()"));
                        }
                    }
                })
                .check(CLASSES);
    }

    /**
     * H2's engine internals (below its JDBC driver) are reached by one class only, the file's
     * compaction, so an H2 upgrade that moves them breaks one place.
     */
    @Test
    void onlyTheH2CompactionReachesIntoH2sEngine() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName("nl.wams.gateway.storage.H2Compaction")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.h2.engine..", "org.h2.mvstore..")
                .check(CLASSES);
    }
}
