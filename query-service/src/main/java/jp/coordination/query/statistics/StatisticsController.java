package jp.coordination.query.statistics;

import jp.coordination.events.region.Region;
import jp.coordination.platform.problem.InvalidFieldException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/statistics/{fiscalYear}}: the live regional council statistics, JSON or CSV. */
@RestController
class StatisticsController {

  private final StatisticsProjection projection;
  private final Region region;

  StatisticsController(StatisticsProjection projection, Region region) {
    this.projection = projection;
    this.region = region;
  }

  @GetMapping("/api/statistics/{fiscalYear}")
  ResponseEntity<byte[]> statistics(
      @PathVariable String fiscalYear,
      @RequestParam(required = false) String format,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    int year = StatisticsExports.checkFiscalYear(parseYear(fiscalYear));
    StatisticsExports.Format chosen = StatisticsExports.choose(format, accept);
    return StatisticsExports.answer(
        projection.statistics(year), region, chosen, "statistics-" + year);
  }

  private static Integer parseYear(String text) {
    try {
      return Integer.valueOf(text);
    } catch (NumberFormatException e) {
      throw new InvalidFieldException("fiscalYear", "must be a year such as 2025");
    }
  }
}
