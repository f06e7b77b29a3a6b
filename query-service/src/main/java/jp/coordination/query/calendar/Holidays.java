package jp.coordination.query.calendar;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The public holidays the out-of-hours rule counts: those of the law ({@link JapaneseHolidays},
 * 2000 to 2099) adjusted by a configured list, so a one-off holiday the Diet declares, or an
 * equinox the almanac puts on another day than the formula, is a file change rather than a release.
 *
 * @param holidays the holidays with their names, in date order
 */
public record Holidays(List<Holiday> holidays) {

  /** The classpath resource with the adjustments shipped with the service (none at present). */
  public static final String DEFAULT_RESOURCE = "holidays/jp.json";

  /** One public holiday. */
  public record Holiday(LocalDate date, String name) {}

  /** A day the law makes a holiday that the region does not count as one, and why. */
  public record Removal(LocalDate date, String reason) {}

  /**
   * The configured list: {@code {"added": [{"date", "name"}], "removed": [{"date", "reason"}]}}.
   * {@code holidays} is read as {@code added}, as files written for the list that named every
   * holiday still load.
   */
  // The file may carry a human-readable "_comment"; anything else unknown is a mistake and fails.
  @JsonIgnoreProperties({"_comment"})
  public record Adjustments(List<Holiday> added, List<Removal> removed, List<Holiday> holidays) {

    public Adjustments {
      added = added == null ? List.of() : List.copyOf(added);
      removed = removed == null ? List.of() : List.copyOf(removed);
      holidays = holidays == null ? List.of() : List.copyOf(holidays);
    }
  }

  public Holidays {
    holidays = List.copyOf(holidays);
  }

  private static final Holidays BY_LAW =
      from(JapaneseHolidays.between(JapaneseHolidays.FIRST_YEAR, JapaneseHolidays.LAST_YEAR));

  /** The holidays of the law alone, 2000 to 2099. */
  public static Holidays byLaw() {
    return BY_LAW;
  }

  /**
   * These holidays with the configured days added and removed.
   *
   * @throws IllegalArgumentException when a removed day is not a holiday here: a typo that would
   *     otherwise silently change nothing
   */
  public Holidays adjustedBy(Adjustments adjustments) {
    TreeMap<LocalDate, String> days = new TreeMap<>();
    holidays.forEach(holiday -> days.put(holiday.date(), holiday.name()));
    adjustments.holidays().forEach(holiday -> days.put(holiday.date(), holiday.name()));
    adjustments.added().forEach(holiday -> days.put(holiday.date(), holiday.name()));
    for (Removal removal : adjustments.removed()) {
      if (days.remove(removal.date()) == null) {
        throw new IllegalArgumentException(
            "Holiday list removes " + removal.date() + ", which is not a public holiday");
      }
    }
    return from(days);
  }

  /** The dates only. */
  public Set<LocalDate> dates() {
    return holidays.stream().map(Holiday::date).collect(Collectors.toUnmodifiableSet());
  }

  /** The law's holidays adjusted by the list at {@code location} (see {@link #load(String)}). */
  public static Holidays load(String location) {
    return byLaw().adjustedBy(readAdjustments(location));
  }

  /** Reads the configured list from JSON (see {@link Adjustments}). */
  public static Adjustments read(InputStream json) {
    try {
      return JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build()
          .readValue(json, Adjustments.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read holiday list", e);
    }
  }

  /**
   * Reads the list from the file at {@code location} when it names one, otherwise from the
   * classpath resource of that name ({@code classpath:} prefix allowed); blank reads the default.
   */
  static Adjustments readAdjustments(String location) {
    String where = location == null || location.isBlank() ? DEFAULT_RESOURCE : location;
    try {
      if (!where.startsWith("classpath:") && Files.isRegularFile(Path.of(where))) {
        try (InputStream in = Files.newInputStream(Path.of(where))) {
          return read(in);
        }
      }
      String resource = where.startsWith("classpath:") ? where.substring(10) : where;
      try (InputStream in = Holidays.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalArgumentException("No holiday list at " + where);
        }
        return read(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read holiday list " + where, e);
    }
  }

  private static Holidays from(Map<LocalDate, String> days) {
    return new Holidays(
        days.entrySet().stream().map(e -> new Holiday(e.getKey(), e.getValue())).toList());
  }
}
