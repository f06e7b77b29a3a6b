package jp.coordination.query.statistics;

import java.nio.charset.StandardCharsets;
import jp.coordination.events.region.Region;
import jp.coordination.platform.problem.InvalidFieldException;
import jp.coordination.platform.problem.ProblemText;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Chooses JSON or CSV for an HTTP answer with statistics ({@code ?format=} first, then Accept). */
public final class StatisticsExports {

  /** The export formats. */
  public enum Format {
    JSON,
    CSV
  }

  private StatisticsExports() {}

  /**
   * @param format the {@code format} parameter (json, csv) or null
   * @param accept the Accept header or null
   */
  public static Format choose(String format, String accept) {
    if (format != null && !format.isBlank()) {
      return switch (format.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "json" -> Format.JSON;
        case "csv" -> Format.CSV;
        default -> throw new InvalidFieldException("format", ProblemText.of("field.format"));
      };
    }
    return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/csv")
        ? Format.CSV
        : Format.JSON;
  }

  /** The statistics as the reader may see them, as the chosen format. */
  public static ResponseEntity<byte[]> answer(
      StatisticsDisclosure statistics, Region region, Format format, String fileName) {
    if (format == Format.CSV) {
      return csvFile(StatisticsFormats.csv(statistics, region), fileName);
    }
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .body(StatisticsFormats.json(statistics));
  }

  /** A CSV answer to be saved as {@code fileName}.csv. */
  public static ResponseEntity<byte[]> csvFile(byte[] csv, String fileName) {
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(StatisticsFormats.CSV_MEDIA_TYPE))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(fileName + ".csv", StandardCharsets.UTF_8)
                .build()
                .toString())
        .body(csv);
  }

  /** A fiscal year from a path segment, checked like {@link #checkFiscalYear}. */
  public static int parseFiscalYear(String text) {
    try {
      return checkFiscalYear(Integer.valueOf(text));
    } catch (NumberFormatException e) {
      throw new InvalidFieldException("fiscalYear", ProblemText.of("field.year-such-as", "2025"));
    }
  }

  /**
   * Checks a fiscal year for plausibility (the holiday list and the service start far inside it).
   */
  public static int checkFiscalYear(Integer fiscalYear) {
    if (fiscalYear == null) {
      throw InvalidFieldException.required("fiscalYear");
    }
    if (fiscalYear < 2000 || fiscalYear > 2100) {
      throw new InvalidFieldException(
          "fiscalYear", ProblemText.of("field.fiscal-year-between", "2000", "2100"));
    }
    return fiscalYear;
  }
}
