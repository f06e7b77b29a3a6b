package jp.coordination.events.region;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The region a deployment serves: its wards (or municipalities) and their areas, read from a JSON
 * file so another region is a configuration file rather than a code change.
 *
 * @param code the region's code, e.g. {@code sendai}
 * @param name its names
 * @param wards its wards in display order; at least one
 * @param unit what its units are called: 区 (ward) in a city, 市町村 (municipality) in a wide-area
 *     region (広域設置) of several towns; absent means 区
 */
public record Region(String code, LocalizedName name, List<Ward> wards, LocalizedName unit) {

  /** The classpath resource of the default region. */
  public static final String DEFAULT_RESOURCE = "regions/sendai.json";

  /** The unit of a city's region: its wards. */
  public static final LocalizedName WARD_UNIT = new LocalizedName("区", "ward");

  public Region {
    wards = List.copyOf(wards);
    unit = unit == null ? WARD_UNIT : unit;
    if (wards.isEmpty()) {
      throw new IllegalArgumentException("A region needs at least one ward");
    }
  }

  /** The ward of this code, if the region has it. */
  public Optional<Ward> ward(String wardCode) {
    return wards.stream().filter(w -> w.code().equals(wardCode)).findFirst();
  }

  /** Whether the region has a ward of this code. */
  public boolean hasWard(String wardCode) {
    return ward(wardCode).isPresent();
  }

  /** The ward codes in display order. */
  public List<String> wardCodes() {
    return wards.stream().map(Ward::code).toList();
  }

  /** Reads a region from JSON. */
  public static Region read(InputStream json) {
    try {
      return JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build()
          .readValue(json, Region.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read region definition", e);
    }
  }

  /**
   * Loads a region: from the file at {@code location} when it names an existing file, otherwise
   * from the classpath resource of that name; {@code null} or blank loads the default region.
   */
  public static Region load(String location) {
    String where = location == null || location.isBlank() ? DEFAULT_RESOURCE : location;
    Path file = Path.of(where);
    try {
      if (Files.isRegularFile(file)) {
        try (InputStream in = Files.newInputStream(file)) {
          return read(in);
        }
      }
      String resource = where.startsWith("classpath:") ? where.substring(10) : where;
      try (InputStream in = Region.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalArgumentException("No region definition at " + where);
        }
        return read(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read region definition " + where, e);
    }
  }
}
