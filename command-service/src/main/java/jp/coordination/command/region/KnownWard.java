package jp.coordination.command.region;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value is the code of a ward of the configured region; {@code null} passes (pair
 * with @NotNull).
 */
@Documented
@Constraint(validatedBy = KnownWardValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface KnownWard {
  String message() default "is not a ward of this region";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
