package jp.coordination.query.dashboard;

import java.time.Clock;
import java.time.Instant;
import jp.coordination.events.region.Region;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.security.WardAccess;
import jp.coordination.query.web.NotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/wards/{ward}/dashboard}. */
@RestController
class DashboardController {

  private final DashboardProjection projection;
  private final Region region;
  private final BusinessCalendar calendar;
  private final Clock clock;

  DashboardController(
      DashboardProjection projection, Region region, BusinessCalendar calendar, Clock clock) {
    this.projection = projection;
    this.region = region;
    this.calendar = calendar;
    this.clock = clock;
  }

  @GetMapping("/api/wards/{ward}/dashboard")
  DashboardResponse dashboard(@PathVariable String ward, Authentication caller) {
    // Scope first, so that a ward-scoped caller learns nothing about other codes.
    WardAccess.requireWard(caller, ward);
    if (!region.hasWard(ward)) {
      throw new NotFoundException("Ward", ward);
    }
    Instant asOf = clock.instant();
    return DashboardResponse.of(
        projection.dashboard(ward), calendar.fiscalYearOf(asOf), asOf, calendar.zone());
  }
}
