package jp.coordination.query.statistics;

import jp.coordination.events.region.Region;
import jp.coordination.platform.security.Actor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/statistics/{fiscalYear}}: the live regional council statistics, JSON or CSV, with
 * small numbers suppressed for councils.
 */
@RestController
class StatisticsController {

  private final CurrentStatistics statistics;
  private final Region region;
  private final SmallNumberSuppression suppression;

  StatisticsController(
      CurrentStatistics statistics, Region region, SmallNumberSuppression suppression) {
    this.statistics = statistics;
    this.region = region;
    this.suppression = suppression;
  }

  @GetMapping("/api/statistics/{fiscalYear}")
  ResponseEntity<byte[]> statistics(
      @PathVariable String fiscalYear,
      @RequestParam(required = false) String format,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
      Authentication caller) {
    int year = StatisticsExports.parseFiscalYear(fiscalYear);
    StatisticsExports.Format chosen = StatisticsExports.choose(format, accept);
    return StatisticsExports.answer(
        suppression.forReader(statistics.of(year), roleOf(caller)),
        region,
        chosen,
        "statistics-" + year);
  }

  /** The caller's role; none (suppressed figures) without a caller. */
  static String roleOf(Authentication caller) {
    return caller == null ? null : Actor.of(caller).role();
  }
}
