package jp.coordination.query.drilldown;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.region.Region;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.evaluation.EventSource;
import jp.coordination.query.evaluation.ReplayFold;
import jp.coordination.query.statistics.CountedEvents;
import jp.coordination.query.statistics.Definitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events behind one count figure: a replay of the log computes the year's figures with the
 * calculator, which names every event as it counts it ({@link CountedEvents}); a second pass over
 * the log finds those events for their sequence and recorded time. Two passes, because keeping
 * every event's position through the first would hold the whole log in memory.
 */
public final class DrillDown {

  private static final Logger log = LoggerFactory.getLogger(DrillDown.class);

  private final Supplier<EventSource> sources;
  private final Region region;
  private final BusinessCalendar calendar;
  private final Pseudonyms pseudonyms;

  public DrillDown(
      Supplier<EventSource> sources,
      Region region,
      BusinessCalendar calendar,
      Pseudonyms pseudonyms) {
    this.sources = sources;
    this.region = region;
    this.calendar = calendar;
    this.pseudonyms = pseudonyms;
  }

  /** One event behind a figure, without its content or the aggregate's id. */
  @JsonPropertyOrder({
    "pseudonym",
    "aggregateType",
    "sequence",
    "type",
    "businessTime",
    "recordedAt"
  })
  public record Listed(
      String pseudonym,
      String aggregateType,
      long sequence,
      String type,
      Instant businessTime,
      Instant recordedAt) {}

  /**
   * @param ward the ward's code, or null for the region's total
   * @param figure a count figure ({@link CountedEvents#FIGURES})
   * @return the events in order of business time (then pseudonym, sequence); as many as the figure
   *     counts
   */
  public List<Listed> events(int fiscalYear, String ward, String figure) {
    ReplayFold fold = new ReplayFold(null, calendar);
    // As the evaluation: an unreadable record holds back the later events of its aggregate too.
    sources.get().readAll(fold::accept, fold::unreadable);
    Map<CountedEvents.Event, Integer> wanted = new HashMap<>();
    fold.statistics(
        fiscalYear,
        region,
        calendar,
        Definitions.OFFICIAL,
        (column, counted, event) -> {
          if (counted.equals(figure) && Objects.equals(column, ward)) {
            wanted.merge(event, 1, Integer::sum);
          }
        });
    int expected = wanted.values().stream().mapToInt(Integer::intValue).sum();
    List<Listed> found = new ArrayList<>(expected);
    if (expected > 0) {
      Set<String> taken = new HashSet<>();
      sources.get().readAll(e -> take(e, wanted, taken, found));
    }
    if (found.size() != expected) {
      // The log changed between the passes (retention removed an old segment); never silently.
      log.warn(
          "Drill-down of {} {} FY{} found {} of {} events in the second pass",
          figure,
          ward == null ? "total" : ward,
          fiscalYear,
          found.size(),
          expected);
    }
    found.sort(
        Comparator.comparing(Listed::businessTime)
            .thenComparing(Listed::pseudonym)
            .thenComparingLong(Listed::sequence));
    return found;
  }

  private void take(
      EventEnvelope e,
      Map<CountedEvents.Event, Integer> wanted,
      Set<String> taken,
      List<Listed> found) {
    CountedEvents.Event key =
        new CountedEvents.Event(e.aggregateId(), e.type(), e.occurredAt(), e.sequence());
    Integer left = wanted.get(key);
    if (left == null) {
      key = new CountedEvents.Event(e.aggregateId(), e.type(), e.occurredAt());
      left = wanted.get(key);
    }
    // A re-published copy has the sequence of the event it copies: taken once.
    if (left == null || left == 0 || !taken.add(e.aggregateId() + '#' + e.sequence())) {
      return;
    }
    wanted.put(key, left - 1);
    found.add(
        new Listed(
            pseudonyms.of(e.aggregateType(), e.aggregateId()),
            e.aggregateType(),
            e.sequence(),
            e.type(),
            e.occurredAt(),
            e.recordedAt()));
  }
}
