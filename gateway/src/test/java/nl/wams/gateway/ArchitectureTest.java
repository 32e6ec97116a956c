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
import org.junit.jupiter.api.Test;

/** The layout rules of CONVENTIONS.md, checked on the compiled classes. */
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
}
