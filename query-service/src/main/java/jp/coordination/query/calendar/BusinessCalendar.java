package jp.coordination.query.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Set;

/**
 * Fiscal years and office hours as the Japanese municipalities count them. Plain Java and
 * immutable, so the pure projections can take it as an argument and a replay gives the same answers
 * as the live consumer.
 *
 * @param zone the civil time zone (Asia/Tokyo)
 * @param holidays public holidays, counted as out of hours all day
 */
public record BusinessCalendar(ZoneId zone, Set<LocalDate> holidays) {

  public static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  /** Office hours start here (inclusive); before it is out of hours. */
  public static final LocalTime OPENS = LocalTime.of(9, 0);

  /** Office hours end here (exclusive): 18:00:00 is already out of hours. */
  public static final LocalTime CLOSES = LocalTime.of(18, 0);

  public BusinessCalendar {
    Objects.requireNonNull(zone, "zone");
    holidays = Set.copyOf(holidays);
  }

  /** A Tokyo calendar with the given holidays. */
  public static BusinessCalendar tokyo(Set<LocalDate> holidays) {
    return new BusinessCalendar(TOKYO, holidays);
  }

  /** FY N runs from 1 April N 00:00 to 31 March N+1 24:00 local time. */
  public int fiscalYearOf(Instant time) {
    LocalDate date = time.atZone(zone).toLocalDate();
    return date.getMonth().compareTo(Month.APRIL) >= 0 ? date.getYear() : date.getYear() - 1;
  }

  /**
   * The first instant of FY N: 1 April N 00:00 local time (FY N ends just before {@code startOf(N +
   * 1)}).
   */
  public Instant startOf(int fiscalYear) {
    return LocalDate.of(fiscalYear, Month.APRIL, 1).atStartOfDay(zone).toInstant();
  }

  /** Saturday, Sunday, a public holiday, or before 09:00 / from 18:00 on other days (時間外). */
  public boolean isOutOfHours(Instant time) {
    ZonedDateTime local = time.atZone(zone);
    DayOfWeek day = local.getDayOfWeek();
    if (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY) {
      return true;
    }
    if (holidays.contains(local.toLocalDate())) {
      return true;
    }
    LocalTime clock = local.toLocalTime();
    return clock.isBefore(OPENS) || !clock.isBefore(CLOSES);
  }
}
