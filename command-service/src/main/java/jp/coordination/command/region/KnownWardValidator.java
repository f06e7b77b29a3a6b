package jp.coordination.command.region;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jp.coordination.events.region.Region;

/** Checks ward codes against the region bean; Spring's validator factory injects it. */
public class KnownWardValidator implements ConstraintValidator<KnownWard, String> {
  private final Region region;

  public KnownWardValidator(Region region) {
    this.region = region;
  }

  @Override
  public boolean isValid(String value, ConstraintValidatorContext context) {
    return value == null || region.hasWard(value);
  }
}
