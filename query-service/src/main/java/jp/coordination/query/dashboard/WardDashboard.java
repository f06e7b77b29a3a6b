package jp.coordination.query.dashboard;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The stored state of one ward's dashboard: current counts, flows per fiscal year (so the dashboard
 * turns over on 1 April by itself and past years stay available) and the recorded time of the
 * latest event that touched the ward.
 *
 * @param ward the ward code
 * @param live current counts
 * @param years flows by fiscal year
 * @param lastEventAt the latest {@code recordedAt} of the events applied to this ward, or null
 */
public record WardDashboard(
    String ward, LiveFigures live, Map<Integer, YearFigures> years, Instant lastEventAt) {

  public WardDashboard {
    live = live == null ? LiveFigures.ZERO : live;
    years = years == null ? Map.of() : Map.copyOf(years);
  }

  /** A ward no event has touched yet: all zeros. */
  public static WardDashboard empty(String ward) {
    return new WardDashboard(ward, LiveFigures.ZERO, Map.of(), null);
  }

  /** The flows of a fiscal year, zeros if none. */
  public YearFigures year(int fiscalYear) {
    return years.getOrDefault(fiscalYear, YearFigures.ZERO);
  }

  WardDashboard withLive(LiveFigures next) {
    return new WardDashboard(ward, next, years, lastEventAt);
  }

  WardDashboard withYear(int fiscalYear, UnaryOperator<YearFigures> change) {
    Map<Integer, YearFigures> next = new TreeMap<>(years);
    next.put(fiscalYear, change.apply(year(fiscalYear)));
    return new WardDashboard(ward, live, next, lastEventAt);
  }

  WardDashboard withEventRecordedAt(Instant recordedAt) {
    // The latest, not the last processed: partitions interleave in any order, and a replay must
    // give the same answer as the live consumer.
    Instant latest =
        lastEventAt == null || recordedAt.isAfter(lastEventAt) ? recordedAt : lastEventAt;
    return new WardDashboard(ward, live, years, latest);
  }
}
