package jp.coordination.query.views;

import org.springframework.security.core.Authentication;

/**
 * The facilities that could take an open intake, as another read model answers it; the intake
 * detail view lists them. An interface here, so that views need not know how candidates are found.
 */
@FunctionalInterface
public interface IntakeCandidates {

  /**
   * The candidates for the intake as this caller may see them (any JSON-serialisable answer):
   * nothing of a ward outside the caller's scope.
   */
  Object forIntake(IntakeView intake, Authentication caller);
}
