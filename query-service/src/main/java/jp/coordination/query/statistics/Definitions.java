package jp.coordination.query.statistics;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.util.Objects;

/**
 * The three definitions of the statistics an analyst may change in a what-if replay (DOMAIN.md,
 * "What-if"). {@link #OFFICIAL} are the ones every published figure uses: the live projection knows
 * no other, and an evaluation without definitions uses them.
 *
 * @param reuseWindowDays re-use (再利用): a completion at most this many days (of 24 hours) before the
 *     request counts
 * @param preRegisteredBy which clock decides whether a household was registered before the request
 * @param placementsCounted whether a placement after the fiscal year's end still counts for an
 *     intake requested in the year
 */
@JsonPropertyOrder({"reuseWindowDays", "preRegisteredBy", "placementsCounted"})
public record Definitions(
    int reuseWindowDays, PreRegisteredBy preRegisteredBy, PlacementsCounted placementsCounted) {

  /** Ten years: a longer window reaches before any record of this service. */
  public static final int MAX_REUSE_WINDOW_DAYS = 3650;

  public static final Definitions OFFICIAL =
      new Definitions(180, PreRegisteredBy.BUSINESS_TIME, PlacementsCounted.ANY_TIME);

  /** The clock that orders a household's registration and a request. */
  public enum PreRegisteredBy {
    /** When each happened, as the coordinator entered it (the official definition). */
    BUSINESS_TIME,
    /** When each was recorded: a registration entered after the request does not count. */
    RECORDED_TIME
  }

  /** Which placements of the year's requests count. */
  public enum PlacementsCounted {
    /** Whenever the placement happened, as far as the log shows (the official definition). */
    ANY_TIME,
    /** Only placements before the fiscal year's end, so a closed year's rate no longer moves. */
    UNTIL_FISCAL_YEAR_END
  }

  public Definitions {
    Objects.requireNonNull(preRegisteredBy, "preRegisteredBy");
    Objects.requireNonNull(placementsCounted, "placementsCounted");
    if (reuseWindowDays < 1 || reuseWindowDays > MAX_REUSE_WINDOW_DAYS) {
      throw new IllegalArgumentException(
          "reuseWindowDays must be from 1 to " + MAX_REUSE_WINDOW_DAYS + ": " + reuseWindowDays);
    }
  }

  public Duration reuseWindow() {
    return Duration.ofDays(reuseWindowDays);
  }

  /** Whether these are the official definitions (a what-if with them changes nothing). */
  public boolean official() {
    return equals(OFFICIAL);
  }
}
