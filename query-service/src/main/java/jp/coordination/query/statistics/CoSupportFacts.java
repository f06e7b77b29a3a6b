package jp.coordination.query.statistics;

import java.time.Instant;
import java.util.List;
import jp.coordination.events.cosupport.ActivityType;

/**
 * What the statistics need to know about one co-support case.
 *
 * @param caseId the case
 * @param sequence the last applied event's sequence
 * @param openedAt when it was opened (null until known)
 * @param openedWard ward of the opening
 * @param closedAt when it was closed, if it was
 * @param closedWard ward of the closure
 * @param activities every recorded activity, in order
 */
public record CoSupportFacts(
    String caseId,
    long sequence,
    Instant openedAt,
    String openedWard,
    Instant closedAt,
    String closedWard,
    List<Activity> activities) {

  public CoSupportFacts {
    activities = activities == null ? List.of() : List.copyOf(activities);
  }

  /**
   * One activity of the case.
   *
   * @param sequence its event's sequence (0 in facts stored before it was kept), which tells two
   *     activities of the same minute apart in a drill-down
   */
  public record Activity(Instant at, String ward, ActivityType type, long sequence) {}
}
