package jp.coordination.query.views;

/**
 * The facilities that could take an open intake, as another read model answers it; the intake
 * detail view lists them. An interface here, so that views need not know how candidates are found.
 */
@FunctionalInterface
public interface IntakeCandidates {

  /** The candidates for the intake (any JSON-serialisable answer). */
  Object forIntake(IntakeView intake);
}
