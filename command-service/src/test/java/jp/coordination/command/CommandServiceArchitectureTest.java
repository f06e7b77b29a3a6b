package jp.coordination.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;

/** The package layout is the map a newcomer reads; these rules keep it true. */
class CommandServiceArchitectureTest {

  private static final String[] FEATURES = {
    "..command.household..",
    "..command.intake..",
    "..command.cosupport..",
    "..command.facility..",
    "..command.experiencestay..",
    "..command.capacity..",
    "..command.communityissue..",
    "..command.annualplan.."
  };

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("jp.coordination.command");

  @Test
  void features_do_not_import_each_other() {
    slices()
        .matching("jp.coordination.command.(*)..")
        .namingSlices("$1")
        .that(
            com.tngtech.archunit.base.DescribedPredicate.describe(
                "are features",
                slice ->
                    java.util.Set.of(
                            "household",
                            "intake",
                            "cosupport",
                            "facility",
                            "experiencestay",
                            "capacity",
                            "communityissue",
                            "annualplan")
                        .contains(slice.getDescription())))
        .should()
        .notDependOnEachOther()
        .check(classes);
  }

  @Test
  void plumbing_knows_no_feature() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "..command.eventstore..",
            "..command.publication..",
            "..command.web..",
            "..command.security..",
            "..command.rules..",
            "..command.region..",
            "..command.references..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(FEATURES)
        .check(classes);
  }

  @Test
  void aggregates_decide_without_spring_mongo_or_kafka() {
    noClasses()
        .that()
        .areAnnotatedWith(Aggregate.class)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "com.mongodb..",
            "org.bson..",
            "org.apache.kafka..",
            "..command.eventstore..",
            "..command.web..")
        .check(classes);
  }

  @Test
  void the_command_service_never_imports_the_query_service() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("jp.coordination.query..")
        .check(classes);
  }

  @Test
  void domain_rules_are_plain_java() {
    classes()
        .that()
        .resideInAPackage("..command.rules..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "jp.coordination..")
        .check(classes);
  }
}
