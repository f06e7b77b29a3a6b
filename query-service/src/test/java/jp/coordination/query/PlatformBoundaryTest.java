package jp.coordination.query;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The security and error plumbing lives once, in the service platform (jp.coordination.platform):
 * this service keeps no copy of it, and its security chain is built only through the platform's
 * builder, with this service's endpoint rules.
 */
class PlatformBoundaryTest {

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("jp.coordination.query");

  @Test
  void the_service_defines_no_copy_of_the_platform() {
    noClasses()
        .should()
        .haveSimpleNameContaining("LoginThrottle")
        .orShould()
        .haveSimpleNameContaining("ProblemHandler")
        .orShould()
        .haveSimpleNameContaining("ProblemWriter")
        .orShould()
        .haveSimpleNameContaining("RequestSizeLimit")
        .orShould()
        .haveSimpleNameContaining("CorrelationId")
        .orShould()
        .haveSimpleNameContaining("DemoUser")
        .orShould()
        .haveSimpleNameContaining("IdentityProperties")
        .orShould()
        .haveSimpleNameContaining("WardAccess")
        .orShould()
        .haveSimpleName("Roles")
        .orShould()
        .haveSimpleName("Role")
        .orShould()
        .haveSimpleName("Actor")
        .because(
            "the platform holds them once for both services; copies drift (WARD: against WARD_)")
        .check(classes);
  }

  @Test
  void errors_are_answered_by_the_platform_handler_only() {
    noClasses()
        .should()
        .beAnnotatedWith(RestControllerAdvice.class)
        .orShould()
        .beAnnotatedWith(ControllerAdvice.class)
        .because("a service maps its own exceptions through a ProblemTranslator bean")
        .check(classes);
  }

  @Test
  void the_security_chain_is_built_only_through_the_platform_builder() {
    noClasses()
        .should()
        .callMethodWhere(target(owner(assignableTo(HttpSecurity.class))))
        .orShould()
        .beAnnotatedWith(EnableWebSecurity.class)
        .orShould()
        .beAssignableTo(OncePerRequestFilter.class)
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework.security.provisioning..",
            "org.springframework.security.core.userdetails..",
            "org.springframework.security.oauth2.server.resource..",
            "org.springframework.security.web.access..")
        .because(
            "identity, refusals and filters are the platform's; a service only states its endpoint rules")
        .check(classes);
  }
}
