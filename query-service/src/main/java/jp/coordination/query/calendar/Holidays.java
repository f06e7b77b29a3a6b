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
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A list of public holidays read from JSON, so next year's holidays (or another country's) are a
 * file change rather than a release.
 *
 * @param holidays the holidays with their names
 */
// The file may carry a human-readable "_comment"; anything else unknown is a mistake and fails.
@JsonIgnoreProperties({"_comment"})
public record Holidays(List<Holiday> holidays) {

  /** The classpath resource with the Japanese national holidays shipped with the service. */
  public static final String DEFAULT_RESOURCE = "holidays/jp.json";

  /** One public holiday. */
  public record Holiday(LocalDate date, String name) {}

  public Holidays {
    holidays = List.copyOf(holidays);
  }

  /** The dates only. */
  public Set<LocalDate> dates() {
    return holidays.stream().map(Holiday::date).collect(Collectors.toUnmodifiableSet());
  }

  /** Reads holidays from JSON of the form {@code {"holidays": [{"date": "2024-02-12", "name": "振替休日"}]}}. */
  public static Holidays read(InputStream json) {
    try {
      return JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build()
          .readValue(json, Holidays.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read holiday list", e);
    }
  }

  /**
   * Loads holidays from the file at {@code location} when it names one, otherwise from the
   * classpath resource of that name ({@code classpath:} prefix allowed); blank loads the default.
   */
  public static Holidays load(String location) {
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
}
