package jp.coordination.query.calendar;

import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.Month.AUGUST;
import static java.time.Month.DECEMBER;
import static java.time.Month.FEBRUARY;
import static java.time.Month.JANUARY;
import static java.time.Month.JULY;
import static java.time.Month.MARCH;
import static java.time.Month.MAY;
import static java.time.Month.NOVEMBER;
import static java.time.Month.OCTOBER;
import static java.time.Month.SEPTEMBER;
import static java.time.temporal.TemporalAdjusters.dayOfWeekInMonth;

import java.time.LocalDate;
import java.time.Month;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The public holidays of 国民の祝日に関する法律 (the Act on National Holidays) as it stood in each year from
 * 2000 to 2099: the national holidays (国民の祝日) with the moves of the Happy Monday amendments (2000,
 * 2003), 昭和の日 (2007), 山の日 (2016), the accession of 2019 and the Olympic years 2020 and 2021; the
 * substitute holiday (振替休日) after a holiday on a Sunday, since 2007 the next day that is not a
 * national holiday; and the citizens' holiday (国民の休日) between two national holidays.
 *
 * <p>Business time starts in FY2000, so earlier years are out of scope; 2099 is where the standard
 * equinox formula ends. The equinox days are fixed officially each February for the next year by
 * the National Astronomical Observatory's almanac; the formula gives the almanac's day in every
 * year published so far (tested), and the configured list ({@link Holidays}) corrects a day it
 * might miss in a later year.
 */
public final class JapaneseHolidays {

  /** The first year computed. */
  public static final int FIRST_YEAR = 2000;

  /** The last year computed: the equinox formula holds to 2099. */
  public static final int LAST_YEAR = 2099;

  static final String SUBSTITUTE = "振替休日";
  static final String CITIZENS = "国民の休日";

  private static final LocalDate SUBSTITUTE_RULE_OF_2007 = LocalDate.of(2007, JANUARY, 1);

  private JapaneseHolidays() {}

  /** Every public holiday of {@code year} with its name, in date order. */
  public static SortedMap<LocalDate, String> of(int year) {
    if (year < FIRST_YEAR || year > LAST_YEAR) {
      throw new IllegalArgumentException(
          "Holidays are computed for " + FIRST_YEAR + " to " + LAST_YEAR + ", not " + year);
    }
    SortedMap<LocalDate, String> national = nationalHolidays(year);
    TreeMap<LocalDate, String> all = new TreeMap<>(national);
    national.keySet().stream()
        .filter(day -> day.getDayOfWeek() == SUNDAY)
        .forEach(
            sunday -> substituteFor(sunday, national).ifPresent(day -> all.put(day, SUBSTITUTE)));
    for (LocalDate holiday : national.keySet()) {
      LocalDate between = holiday.plusDays(1);
      if (national.containsKey(between.plusDays(1))
          && !national.containsKey(between)
          && citizensHolidayAllowed(between, all)) {
        all.putIfAbsent(between, CITIZENS);
      }
    }
    return Collections.unmodifiableSortedMap(all);
  }

  /** Every public holiday from the first day of {@code fromYear} to the last of {@code toYear}. */
  public static SortedMap<LocalDate, String> between(int fromYear, int toYear) {
    TreeMap<LocalDate, String> all = new TreeMap<>();
    for (int year = fromYear; year <= toYear; year++) {
      all.putAll(of(year));
    }
    return Collections.unmodifiableSortedMap(all);
  }

  private static SortedMap<LocalDate, String> nationalHolidays(int year) {
    TreeMap<LocalDate, String> days = new TreeMap<>();
    days.put(LocalDate.of(year, JANUARY, 1), "元日");
    days.put(monday(year, JANUARY, 2), "成人の日");
    days.put(LocalDate.of(year, FEBRUARY, 11), "建国記念の日");
    if (year >= 2020) {
      days.put(LocalDate.of(year, FEBRUARY, 23), "天皇誕生日");
    }
    days.put(LocalDate.of(year, MARCH, vernalEquinoxDay(year)), "春分の日");
    days.put(LocalDate.of(year, Month.APRIL, 29), year >= 2007 ? "昭和の日" : "みどりの日");
    days.put(LocalDate.of(year, MAY, 3), "憲法記念日");
    if (year >= 2007) {
      days.put(LocalDate.of(year, MAY, 4), "みどりの日");
    }
    days.put(LocalDate.of(year, MAY, 5), "こどもの日");
    days.put(marineDay(year), "海の日");
    if (year >= 2016) {
      days.put(mountainDay(year), "山の日");
    }
    days.put(year >= 2003 ? monday(year, SEPTEMBER, 3) : LocalDate.of(year, SEPTEMBER, 15), "敬老の日");
    days.put(LocalDate.of(year, SEPTEMBER, autumnalEquinoxDay(year)), "秋分の日");
    days.put(sportsDay(year), year >= 2020 ? "スポーツの日" : "体育の日");
    days.put(LocalDate.of(year, NOVEMBER, 3), "文化の日");
    days.put(LocalDate.of(year, NOVEMBER, 23), "勤労感謝の日");
    if (year <= 2018) {
      days.put(LocalDate.of(year, DECEMBER, 23), "天皇誕生日");
    }
    if (year == 2019) {
      // 天皇の即位の日及び即位礼正殿の儀の行われる日を休日とする法律: both count as national holidays,
      // which is what makes 30 April and 2 May citizens' holidays.
      days.put(LocalDate.of(2019, MAY, 1), "天皇の即位の日");
      days.put(LocalDate.of(2019, OCTOBER, 22), "即位礼正殿の儀の行われる日");
    }
    return days;
  }

  private static Optional<LocalDate> substituteFor(
      LocalDate sunday, SortedMap<LocalDate, String> national) {
    LocalDate next = sunday.plusDays(1);
    if (!sunday.isBefore(SUBSTITUTE_RULE_OF_2007)) {
      while (national.containsKey(next)) {
        next = next.plusDays(1);
      }
      return Optional.of(next);
    }
    // Before 2007 only the very next day could be a substitute, and only when not a holiday itself.
    return national.containsKey(next) ? Optional.empty() : Optional.of(next);
  }

  private static boolean citizensHolidayAllowed(LocalDate day, SortedMap<LocalDate, String> sofar) {
    if (!day.isBefore(SUBSTITUTE_RULE_OF_2007)) {
      return true;
    }
    // Before 2007 the law excluded Sundays and substitute holidays from the citizens' holiday.
    return day.getDayOfWeek() != SUNDAY && !sofar.containsKey(day);
  }

  private static LocalDate marineDay(int year) {
    if (year == 2020) {
      return LocalDate.of(2020, JULY, 23);
    }
    if (year == 2021) {
      return LocalDate.of(2021, JULY, 22);
    }
    return year >= 2003 ? monday(year, JULY, 3) : LocalDate.of(year, JULY, 20);
  }

  private static LocalDate mountainDay(int year) {
    if (year == 2020) {
      return LocalDate.of(2020, AUGUST, 10);
    }
    if (year == 2021) {
      return LocalDate.of(2021, AUGUST, 8);
    }
    return LocalDate.of(year, AUGUST, 11);
  }

  private static LocalDate sportsDay(int year) {
    if (year == 2020) {
      return LocalDate.of(2020, JULY, 24);
    }
    if (year == 2021) {
      return LocalDate.of(2021, JULY, 23);
    }
    return monday(year, OCTOBER, 2);
  }

  /** The standard approximation of 春分日 for 1980–2099. */
  static int vernalEquinoxDay(int year) {
    return (int) Math.floor(20.8431 + 0.242194 * (year - 1980) - Math.floor((year - 1980) / 4.0));
  }

  /** The standard approximation of 秋分日 for 1980–2099. */
  static int autumnalEquinoxDay(int year) {
    return (int) Math.floor(23.2488 + 0.242194 * (year - 1980) - Math.floor((year - 1980) / 4.0));
  }

  private static LocalDate monday(int year, Month month, int ordinal) {
    return LocalDate.of(year, month, 1).with(dayOfWeekInMonth(ordinal, MONDAY));
  }
}
