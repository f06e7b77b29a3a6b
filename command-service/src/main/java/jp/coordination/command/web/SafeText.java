package jp.coordination.command.web;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Free text that cannot be mistaken for a MongoDB operator or field path: it does not start with
 * {@code $} and holds no NUL or other control characters except tab and line breaks. The driver
 * would store such text safely anyway; refusing it keeps every later consumer of the event (query
 * side, ad-hoc scripts) from having to care. It also holds no lone surrogate (JSON can escape one,
 * half of an emoji, say): UTF-8 cannot encode it, so MongoDB would keep {@code ?} instead and the
 * stored event would no longer match the hash its chain was computed for. {@code null} passes (pair
 * with @NotNull).
 */
@Documented
@Constraint(validatedBy = {})
// One violation named SafeText, so the answer gives this message (in the client's language) rather
// than @Pattern's, which would quote the expression.
@ReportAsSingleViolation
@Pattern(regexp = "^(?!\\$)[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F\\x{D800}-\\x{DFFF}]*$")
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface SafeText {
  String message() default
      "must not start with $ or contain control characters or a lone surrogate";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
