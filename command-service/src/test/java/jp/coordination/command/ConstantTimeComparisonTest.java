package jp.coordination.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Objects;
import jp.coordination.command.audit.Checkpoint;
import jp.coordination.command.audit.Checkpoints;
import jp.coordination.command.audit.IntegrityVerifier;
import jp.coordination.command.web.CommandDispatcher;
import org.junit.jupiter.api.Test;

/**
 * Hashes, request hashes and HMACs are compared in constant time (MessageDigest.isEqual through the
 * platform's ConstantTime), never with equals, which stops at the first differing character and so
 * tells a caller by its timing how much of a guess was right.
 */
class ConstantTimeComparisonTest {
  private static final String CONSTANT_TIME = "jp.coordination.platform.security.ConstantTime";

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("jp.coordination.command");

  @Test
  void every_method_that_checks_a_hash_or_an_hmac_compares_in_constant_time() {
    methods()
        .that()
        .areDeclaredIn(Checkpoints.class)
        .and()
        .haveNameMatching("checkChain|checkItself|ownHashProblem")
        .should()
        .callMethod(CONSTANT_TIME, "equal", String.class.getName(), String.class.getName())
        .check(classes);
    methods()
        .that()
        .areDeclaredIn(IntegrityVerifier.class)
        .and()
        .haveNameMatching("checkStream|checkAgainstHead")
        .should()
        .callMethod(CONSTANT_TIME, "equal", String.class.getName(), String.class.getName())
        .check(classes);
    methods()
        .that()
        .haveFullName(IntegrityVerifier.class.getName() + ".verify(" + Checkpoint.class.getName() + ")")
        .should()
        .callMethod(CONSTANT_TIME, "equal", String.class.getName(), String.class.getName())
        .check(classes);
    methods()
        .that()
        .areDeclaredIn(CommandDispatcher.class)
        .and()
        .haveName("firstAnswer")
        .should()
        .callMethod(CONSTANT_TIME, "equal", String.class.getName(), String.class.getName())
        .check(classes);
  }

  @Test
  void an_hmac_or_a_request_hash_is_never_compared_with_equals() {
    noMethods()
        .that()
        .areDeclaredIn(Checkpoints.class)
        .should()
        .callMethod(String.class, "equals", Object.class)
        .orShould()
        .callMethod(Objects.class, "equals", Object.class, Object.class)
        .check(classes);
    noMethods()
        .that()
        .areDeclaredIn(CommandDispatcher.class)
        .and()
        .haveName("firstAnswer")
        .should()
        .callMethod(String.class, "equals", Object.class)
        .check(classes);
  }
}
