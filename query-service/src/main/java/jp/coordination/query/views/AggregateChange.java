package jp.coordination.query.views;

import jp.coordination.events.envelope.EventEnvelope;

/**
 * One event with the view of its aggregate just before and just after it: what read models that
 * count states (how many intakes are open in a ward) need to move a count from one bucket to
 * another.
 *
 * @param before the view before the event, or null for a new aggregate
 * @param after the view after the event
 * @param envelope the event
 */
public record AggregateChange(AggregateView before, AggregateView after, EventEnvelope envelope) {

  /** The change the event makes to a view that was {@code before}. */
  public static AggregateChange of(AggregateView before, EventEnvelope envelope) {
    return new AggregateChange(before, Views.evolve(before, envelope), envelope);
  }
}
