package jp.coordination.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Objects;
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
        .should(compareThroughConstantTime())
        .check(classes);
    methods()
        .that()
        .areDeclaredIn(IntegrityVerifier.class)
        .and()
        .haveNameMatching("checkStream|checkAgainstHead")
        .should(compareThroughConstantTime())
        .check(classes);
    // An exported checkpoint is compared with the stored one by Checkpoints.checkKnown.
    methods()
        .that()
        .areDeclaredIn(Checkpoints.class)
        .and()
        .haveName("checkKnown")
        .should(compareThroughConstantTime())
        .check(classes);
    methods()
        .that()
        .areDeclaredIn(CommandDispatcher.class)
        .and()
        .haveName("firstAnswer")
        .should(compareThroughConstantTime())
        .check(classes);
  }

  @Test
  void an_hmac_or_a_request_hash_is_never_compared_with_equals() {
    methods().that().areDeclaredIn(Checkpoints.class).should(notCallEquals()).check(classes);
    methods()
        .that()
        .areDeclaredIn(CommandDispatcher.class)
        .and()
        .haveName("firstAnswer")
        .should(notCallEquals())
        .check(classes);
  }

  private static ArchCondition<JavaMethod> compareThroughConstantTime() {
    return new ArchCondition<>("compare through ConstantTime.equal") {
      @Override
      public void check(JavaMethod method, ConditionEvents events) {
        boolean compares =
            method.getMethodCallsFromSelf().stream()
                .anyMatch(
                    call ->
                        call.getTargetOwner().getName().equals(CONSTANT_TIME)
                            && call.getName().equals("equal"));
        if (!compares) {
          events.add(
              SimpleConditionEvent.violated(
                  method, method.getFullName() + " does not call ConstantTime.equal"));
        }
      }
    };
  }

  private static ArchCondition<JavaMethod> notCallEquals() {
    return new ArchCondition<>("not call String.equals or Objects.equals") {
      @Override
      public void check(JavaMethod method, ConditionEvents events) {
        for (JavaMethodCall call : method.getMethodCallsFromSelf()) {
          String owner = call.getTargetOwner().getName();
          if (call.getName().equals("equals")
              && (owner.equals(String.class.getName()) || owner.equals(Objects.class.getName()))) {
            events.add(SimpleConditionEvent.violated(method, call.getDescription()));
          }
        }
      }
    };
  }
}
