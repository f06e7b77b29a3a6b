package jp.coordination.command.annualplan;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import jp.coordination.command.rules.FieldRejectedException;
import jp.coordination.command.rules.RuleBrokenException;
import jp.coordination.events.AggregateType;
import jp.coordination.events.plan.AnnualPlanSet;
import jp.coordination.events.plan.PlanFigures;
import jp.coordination.events.plan.PlanTarget;
import jp.coordination.platform.problem.ProblemText;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The annual plan of a region's fiscal year: its targets, replaced as a whole each time they are
 * set, until three months after the year ends (FY N: until 1 July N+1 00:00 JST), when the yearly
 * review has been made on them.
 *
 * <p>Handlers return the aggregate's new version, the sequence number the HTTP answer reports.
 */
@Aggregate(type = AggregateType.ANNUAL_PLAN)
public class AnnualPlan {
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  /** The largest target; larger is a typing error. */
  static final BigDecimal MAX_TARGET = new BigDecimal(1_000_000);

  /** Targets are given to at most this many decimals (a share of 0.8333). */
  static final int MAX_DECIMALS = 4;

  @AggregateIdentifier private String planId;

  protected AnnualPlan() {
    // For Axon: state is rebuilt from events, or empty for a year without a plan yet.
  }

  /** The first instant at which the plan of FY {@code fiscalYear} can no longer be set. */
  public static Instant deadlineOf(int fiscalYear) {
    return LocalDate.of(fiscalYear + 1, 7, 1).atStartOfDay(TOKYO).toInstant();
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  public long handle(SetAnnualPlan command) {
    Objects.requireNonNull(command.decidedAt(), "decidedAt");
    if (!command.decidedAt().isBefore(deadlineOf(command.fiscalYear()))) {
      throw new RuleBrokenException(
          ProblemText.of(
              "rule.plan.deadline",
              String.valueOf(command.fiscalYear()),
              String.valueOf(command.fiscalYear() + 1)));
    }
    requireValid(command.targets());
    apply(
        new AnnualPlanSet(
            command.planId(), null, command.region(), command.fiscalYear(), command.targets()));
    return AggregateLifecycle.getVersion();
  }

  private static void requireValid(List<PlanTarget> targets) {
    if (targets == null) {
      throw new FieldRejectedException("targets", ProblemText.of("field.targets-required"));
    }
    Set<List<String>> seen = new HashSet<>();
    for (int i = 0; i < targets.size(); i++) {
      PlanTarget t = targets.get(i);
      String at = "targets[" + i + "]";
      if (!PlanFigures.isKnown(t.figure())) {
        throw new FieldRejectedException(at + ".figure", ProblemText.of("field.not-a-figure"));
      }
      BigDecimal value = t.target();
      if (value.signum() < 0 || value.compareTo(MAX_TARGET) > 0) {
        throw new FieldRejectedException(
            at + ".target", ProblemText.of("field.from-to", "0", MAX_TARGET.toPlainString()));
      }
      if (value.scale() > MAX_DECIMALS) {
        throw new FieldRejectedException(
            at + ".target", ProblemText.of("field.decimals", String.valueOf(MAX_DECIMALS)));
      }
      if (PlanFigures.isFraction(t.figure()) && value.compareTo(BigDecimal.ONE) > 0) {
        throw new FieldRejectedException(at + ".target", ProblemText.of("field.rate-fraction"));
      }
      if (!seen.add(java.util.Arrays.asList(t.ward(), t.figure()))) {
        throw new FieldRejectedException(at, ProblemText.of("field.target-repeated"));
      }
    }
  }

  @EventSourcingHandler
  void on(AnnualPlanSet event) {
    planId = event.planId();
  }
}
