package jp.coordination.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The contract module is read by both services and the replay, so it may depend on nothing else.
 */
class SharedEventsBoundaryTest {

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("jp.coordination.events");

  @Test
  void shared_events_depends_only_on_the_jdk_and_jackson() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..", "javax.crypto..", "jp.coordination.events..", "com.fasterxml.jackson..")
        .check(classes);
  }

  @Test
  void shared_events_knows_neither_spring_nor_the_service_platform() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "jp.coordination.platform..")
        .because(
            "the Spring-side plumbing both services share is service-platform's, not the contract's")
        .check(classes);
  }

  @Test
  void events_are_immutable_records() {
    classes()
        .that()
        .areAnnotatedWith(EventType.class)
        .should()
        .beRecords()
        .andShould()
        .implement(DomainEvent.class)
        .check(classes);
  }
}
