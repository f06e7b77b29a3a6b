package jp.coordination.query.dashboard;

import java.util.ArrayList;
import java.util.List;

/**
 * Flows of one fiscal year in one ward, each counted in the fiscal year of its own event's business
 * time; placement durations are kept per fiscal year of the request. The monthly series (index 0 =
 * April .. 11 = March) split the same counts by the month of the event's business time, so each
 * series sums to its yearly figure.
 *
 * @param intakesRequested requests made in the year
 * @param intakesPlaced placements made in the year
 * @param intakesCancelled cancellations made in the year
 * @param intakesOutOfHours requests of the year made out of hours
 * @param coSupportsOpened cases opened in the year
 * @param coSupportsClosed cases closed in the year
 * @param secondsToPlacement request-to-placement durations of the placed intakes requested in the
 *     year
 * @param requestedByMonth requests per month of the fiscal year
 * @param placedByMonth placements per month
 * @param coSupportsOpenedByMonth cases opened per month
 * @param coSupportsClosedByMonth cases closed per month
 * @param experienceStaysCompleted experience stays completed in the year
 * @param capacityActivities capacity-building activities held in the year (by their {@code heldAt})
 *     that served this ward and still count: a correction or a withdrawal moves the count
 */
public record YearFigures(
    int intakesRequested,
    int intakesPlaced,
    int intakesCancelled,
    int intakesOutOfHours,
    int coSupportsOpened,
    int coSupportsClosed,
    List<Long> secondsToPlacement,
    List<Integer> requestedByMonth,
    List<Integer> placedByMonth,
    List<Integer> coSupportsOpenedByMonth,
    List<Integer> coSupportsClosedByMonth,
    int experienceStaysCompleted,
    int capacityActivities) {

  /** Months in a fiscal year. */
  public static final int MONTHS = 12;

  public static final YearFigures ZERO =
      new YearFigures(0, 0, 0, 0, 0, 0, List.of(), null, null, null, null, 0, 0);

  public YearFigures {
    secondsToPlacement = secondsToPlacement == null ? List.of() : List.copyOf(secondsToPlacement);
    // Documents written before the series existed have none: they read as zeros.
    requestedByMonth = months(requestedByMonth);
    placedByMonth = months(placedByMonth);
    coSupportsOpenedByMonth = months(coSupportsOpenedByMonth);
    coSupportsClosedByMonth = months(coSupportsClosedByMonth);
  }

  private static List<Integer> months(List<Integer> series) {
    if (series == null || series.isEmpty()) {
      return List.copyOf(java.util.Collections.nCopies(MONTHS, 0));
    }
    if (series.size() != MONTHS) {
      throw new IllegalArgumentException("a monthly series has 12 months, not " + series.size());
    }
    return List.copyOf(series);
  }

  private static List<Integer> plusOne(List<Integer> series, int month) {
    List<Integer> next = new ArrayList<>(series);
    next.set(month, next.get(month) + 1);
    return next;
  }

  YearFigures withRequest(boolean outOfHours, int month) {
    return new YearFigures(
        intakesRequested + 1,
        intakesPlaced,
        intakesCancelled,
        intakesOutOfHours + (outOfHours ? 1 : 0),
        coSupportsOpened,
        coSupportsClosed,
        secondsToPlacement,
        plusOne(requestedByMonth, month),
        placedByMonth,
        coSupportsOpenedByMonth,
        coSupportsClosedByMonth,
        experienceStaysCompleted,
        capacityActivities);
  }

  YearFigures withPlacement(int month) {
    return new YearFigures(
        intakesRequested,
        intakesPlaced + 1,
        intakesCancelled,
        intakesOutOfHours,
        coSupportsOpened,
        coSupportsClosed,
        secondsToPlacement,
        requestedByMonth,
        plusOne(placedByMonth, month),
        coSupportsOpenedByMonth,
        coSupportsClosedByMonth,
        experienceStaysCompleted,
        capacityActivities);
  }

  YearFigures withPlacementDuration(long seconds) {
    List<Long> durations = new ArrayList<>(secondsToPlacement);
    durations.add(seconds);
    return new YearFigures(
        intakesRequested,
        intakesPlaced,
        intakesCancelled,
        intakesOutOfHours,
        coSupportsOpened,
        coSupportsClosed,
        durations,
        requestedByMonth,
        placedByMonth,
        coSupportsOpenedByMonth,
        coSupportsClosedByMonth,
        experienceStaysCompleted,
        capacityActivities);
  }

  YearFigures withCancellation() {
    return new YearFigures(
        intakesRequested,
        intakesPlaced,
        intakesCancelled + 1,
        intakesOutOfHours,
        coSupportsOpened,
        coSupportsClosed,
        secondsToPlacement,
        requestedByMonth,
        placedByMonth,
        coSupportsOpenedByMonth,
        coSupportsClosedByMonth,
        experienceStaysCompleted,
        capacityActivities);
  }

  YearFigures withCoSupportOpened(int month) {
    return new YearFigures(
        intakesRequested,
        intakesPlaced,
        intakesCancelled,
        intakesOutOfHours,
        coSupportsOpened + 1,
        coSupportsClosed,
        secondsToPlacement,
        requestedByMonth,
        placedByMonth,
        plusOne(coSupportsOpenedByMonth, month),
        coSupportsClosedByMonth,
        experienceStaysCompleted,
        capacityActivities);
  }

  YearFigures withCoSupportClosed(int month) {
    return new YearFigures(
        intakesRequested,
        intakesPlaced,
        intakesCancelled,
        intakesOutOfHours,
        coSupportsOpened,
        coSupportsClosed + 1,
        secondsToPlacement,
        requestedByMonth,
        placedByMonth,
        coSupportsOpenedByMonth,
        plusOne(coSupportsClosedByMonth, month),
        experienceStaysCompleted,
        capacityActivities);
  }

  YearFigures withExperienceStayCompleted() {
    return new YearFigures(
        intakesRequested,
        intakesPlaced,
        intakesCancelled,
        intakesOutOfHours,
        coSupportsOpened,
        coSupportsClosed,
        secondsToPlacement,
        requestedByMonth,
        placedByMonth,
        coSupportsOpenedByMonth,
        coSupportsClosedByMonth,
        experienceStaysCompleted + 1,
        capacityActivities);
  }

  YearFigures withCapacityActivities(int delta) {
    return new YearFigures(
        intakesRequested,
        intakesPlaced,
        intakesCancelled,
        intakesOutOfHours,
        coSupportsOpened,
        coSupportsClosed,
        secondsToPlacement,
        requestedByMonth,
        placedByMonth,
        coSupportsOpenedByMonth,
        coSupportsClosedByMonth,
        experienceStaysCompleted,
        capacityActivities + delta);
  }

  /**
   * Median hours from request to placement; the mean of the two middle values for an even count;
   * null when none.
   */
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
