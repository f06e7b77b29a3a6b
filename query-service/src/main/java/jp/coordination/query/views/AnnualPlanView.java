package jp.coordination.query.views;

import java.time.Instant;
import java.util.List;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.plan.AnnualPlanSet;

/**
 * A region's plan for a fiscal year (事業計画) as last set. Belongs to no ward ({@code ward} is always
 * null). Targets are kept as text so that the stored number is exactly the one set.
 */
public record AnnualPlanView(
    String id,
    String region,
    int fiscalYear,
    List<Target> targets,
    long sequence,
    Instant lastEventAt)
    implements AggregateView {

  /** One target: a figure of one ward (or the region's total, ward null) and its value. */
  public record Target(String ward, String figure, String target) {}

  public AnnualPlanView {
    targets = targets == null ? List.of() : List.copyOf(targets);
  }

  @Override
  @com.fasterxml.jackson.annotation.JsonIgnore
  public String ward() {
    return null;
  }

  /** The plan after the event: every set replaces the targets. */
  public static AnnualPlanView evolve(AnnualPlanView state, EventEnvelope envelope) {
    AnnualPlanSet set = (AnnualPlanSet) envelope.payload();
    return new AnnualPlanView(
        set.planId(),
        set.region(),
        set.fiscalYear(),
        set.targets().stream()
            .map(t -> new Target(t.ward(), t.figure(), t.target().toPlainString()))
            .toList(),
        envelope.sequence(),
        envelope.recordedAt());
  }
}
