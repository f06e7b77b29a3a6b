package jp.coordination.command.annualplan;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.util.List;
import jp.coordination.command.web.BusinessTime;
import jp.coordination.command.web.CommandAccepted;
import jp.coordination.command.web.CommandDispatcher;
import jp.coordination.command.web.CommandDispatcher.Replacement;
import jp.coordination.events.AggregateType;
import jp.coordination.events.plan.AnnualPlanSet;
import jp.coordination.events.plan.PlanTarget;
import jp.coordination.events.region.Region;
import jp.coordination.platform.problem.InvalidFieldException;
import jp.coordination.platform.problem.ProblemText;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sets the annual plan of the configured region for a fiscal year: {@code PUT} creates it (201) or
 * replaces its targets (200). The plan belongs to the region, so only a user without ward scope may
 * set it.
 */
@RestController
@RequestMapping("/api/plans")
class AnnualPlanController {
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  /** The first fiscal year the record holds (business times start on 1 April 2000). */
  static final int EARLIEST_FISCAL_YEAR = 2000;

  private final CommandDispatcher dispatcher;
  private final Region region;
  private final BusinessTime businessTime;
  private final Clock clock;

  AnnualPlanController(
      CommandDispatcher dispatcher,
      Region region,
      BusinessTime businessTime,
      ObjectProvider<Clock> clock) {
    this.dispatcher = dispatcher;
    this.region = region;
    this.businessTime = businessTime;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  @ApiResponse(responseCode = "201", description = "The year's plan created")
  @ApiResponse(responseCode = "200", description = "The year's plan replaced")
  @PutMapping("/{fiscalYear}")
  ResponseEntity<CommandAccepted> set(
      @PathVariable int fiscalYear, @Valid @RequestBody AnnualPlanRequests.Plan body) {
    LocalDate today = LocalDate.now(clock.withZone(TOKYO));
    int currentFiscalYear =
        today.getMonth().compareTo(Month.APRIL) >= 0 ? today.getYear() : today.getYear() - 1;
    // Next year's plan is made before the year begins; later years are not planned yet.
    if (fiscalYear < EARLIEST_FISCAL_YEAR || fiscalYear > currentFiscalYear + 1) {
      throw new InvalidFieldException(
          "fiscalYear",
          ProblemText.of(
              "field.plan-fiscal-year",
              String.valueOf(EARLIEST_FISCAL_YEAR),
              String.valueOf(currentFiscalYear + 1)));
    }
    List<PlanTarget> targets =
        body.targets().stream().map(t -> new PlanTarget(t.ward(), t.figure(), t.target())).toList();
    String planId = AnnualPlanSet.planIdOf(region.code(), fiscalYear);
    // Resolved once, so the deadline is judged on the very business time the event carries.
    Instant decidedAt = businessTime.resolve(body.at());
    return dispatcher.replace(
        new Replacement(
            AggregateType.ANNUAL_PLAN,
            planId,
            null,
            body.id(),
            decidedAt.toString(),
            body,
            new SetAnnualPlan(planId, region.code(), fiscalYear, targets, decidedAt)));
  }
}
