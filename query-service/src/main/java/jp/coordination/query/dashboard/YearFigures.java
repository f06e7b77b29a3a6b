package jp.coordination.query.dashboard;

import java.util.ArrayList;
import java.util.List;

/**
 * Flows of one fiscal year in one ward, each counted in the fiscal year of its own event's
 * business time; placement durations are kept per fiscal year of the request.
 *
 * @param intakesRequested requests made in the year
 * @param intakesPlaced placements made in the year
 * @param intakesCancelled cancellations made in the year
 * @param intakesOutOfHours requests of the year made out of hours
 * @param coSupportsOpened cases opened in the year
 * @param coSupportsClosed cases closed in the year
 * @param secondsToPlacement request-to-placement durations of the placed intakes requested in the year
 */
public record YearFigures(
    int intakesRequested,
    int intakesPlaced,
    int intakesCancelled,
    int intakesOutOfHours,
    int coSupportsOpened,
    int coSupportsClosed,
    List<Long> secondsToPlacement) {

  public static final YearFigures ZERO = new YearFigures(0, 0, 0, 0, 0, 0, List.of());

  public YearFigures {
    secondsToPlacement = secondsToPlacement == null ? List.of() : List.copyOf(secondsToPlacement);
  }

  YearFigures withRequest(boolean outOfHours) {
    return new YearFigures(
        intakesRequested + 1, intakesPlaced, intakesCancelled,
        intakesOutOfHours + (outOfHours ? 1 : 0), coSupportsOpened, coSupportsClosed,
        secondsToPlacement);
  }

  YearFigures withPlacement() {
    return new YearFigures(
        intakesRequested, intakesPlaced + 1, intakesCancelled, intakesOutOfHours,
        coSupportsOpened, coSupportsClosed, secondsToPlacement);
  }

  YearFigures withPlacementDuration(long seconds) {
    List<Long> durations = new ArrayList<>(secondsToPlacement);
    durations.add(seconds);
    return new YearFigures(
        intakesRequested, intakesPlaced, intakesCancelled, intakesOutOfHours, coSupportsOpened,
        coSupportsClosed, durations);
  }

  YearFigures withCancellation() {
    return new YearFigures(
        intakesRequested, intakesPlaced, intakesCancelled + 1, intakesOutOfHours,
        coSupportsOpened, coSupportsClosed, secondsToPlacement);
  }

  YearFigures withCoSupportOpened() {
    return new YearFigures(
        intakesRequested, intakesPlaced, intakesCancelled, intakesOutOfHours,
        coSupportsOpened + 1, coSupportsClosed, secondsToPlacement);
  }

  YearFigures withCoSupportClosed() {
    return new YearFigures(
        intakesRequested, intakesPlaced, intakesCancelled, intakesOutOfHours, coSupportsOpened,
        coSupportsClosed + 1, secondsToPlacement);
  }

  /** Median hours from request to placement; the mean of the two middle values for an even count; null when none. */
  public Double medianHoursToPlacement() {
    if (secondsToPlacement.isEmpty()) {
      return null;
    }
    List<Long> sorted = secondsToPlacement.stream().sorted().toList();
    int n = sorted.size();
    double medianSeconds =
        n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    return medianSeconds / 3600.0;
  }
}
