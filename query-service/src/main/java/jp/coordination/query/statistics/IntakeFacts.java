package jp.coordination.query.statistics;

import java.time.Instant;
import java.util.List;
import jp.coordination.events.intake.DeclineReason;
import jp.coordination.events.intake.IntakeOutcome;

/**
 * What the statistics need to know about one emergency intake. Every time is the business time of
 * its event and every ward the ward that event counts for.
 *
 * @param intakeId the intake
 * @param sequence the last applied event's sequence
 * @param requestedAt when it was requested (null until the request is known)
 * @param requestWard ward of the request
 * @param householdId the household named by the request or, failing that, by the completion
 * @param placedAt when it was placed, if it was
 * @param completedAt when it was completed, if it was
 * @param completedWard ward of the completion event
 * @param outcome outcome of the completion
 * @param cancelledAt when it was cancelled, if it was
 * @param declines every facility's decline, in order
 * @param requestRecordedAt when the request was recorded (null until it is known); only a what-if
 *     judging pre-registration by recorded time reads it
 */
public record IntakeFacts(
    String intakeId,
    long sequence,
    Instant requestedAt,
    String requestWard,
    String householdId,
    Instant placedAt,
    Instant completedAt,
    String completedWard,
    IntakeOutcome outcome,
    Instant cancelledAt,
    List<Decline> declines,
    Instant requestRecordedAt) {

  public IntakeFacts {
    declines = declines == null ? List.of() : List.copyOf(declines);
  }

  /**
   * One facility's decline.
   *
   * @param sequence its event's sequence (0 in facts stored before it was kept), which tells two
   *     declines of the same minute apart in a drill-down
   */
  public record Decline(Instant at, String ward, DeclineReason reason, long sequence) {}
}
