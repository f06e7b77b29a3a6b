package jp.coordination.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The wire identity of an event: a stable type name and the revision of its payload shape.
 *
 * <p>Declared explicitly rather than derived from the class so that a class can be renamed or moved
 * without breaking stored events or consumers. A change to the payload's JSON shape must bump the
 * revision (the contract tests enforce this).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {
  /** The type name on the wire, e.g. {@code EmergencyIntakeRequested}. */
  String name();

  /** The revision of the payload shape, starting at 1. */
  int revision() default 1;

  /**
   * The oldest revision this build still reads. Older revisions are refused rather than guessed at,
   * e.g. when an old shape held data that must not be read any more (personal data in clear).
   */
  int oldestReadable() default 1;
}
