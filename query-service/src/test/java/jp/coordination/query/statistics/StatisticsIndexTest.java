package jp.coordination.query.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.query.consumer.ConsumerMetrics;
import jp.coordination.query.consumer.Delivery;
import jp.coordination.query.consumer.DocumentKind;
import jp.coordination.query.consumer.EventApplier;
import jp.coordination.query.consumer.InMemoryProjectionStore;
import jp.coordination.query.consumer.LedgerOutcome;
import jp.coordination.query.consumer.ProjectionStore;
import jp.coordination.query.consumer.Versioned;
import jp.coordination.query.views.ViewProjector;
import org.junit.jupiter.api.Test;

/** The per-year index that lets the statistics query find its fact documents by id alone. */
class StatisticsIndexTest {

  private static final int INTAKES = 400;

  private final Map<String, List<EventEnvelope>> streams =
      RandomHistories.generate(42, 60, INTAKES, 30);

  private static StatisticsProjection project(
      Map<String, List<EventEnvelope>> streams,
      ProjectionStore writeThrough,
      ProjectionStore store) {
    StatisticsProjection projection =
        new StatisticsProjection(
            writeThrough, StatisticsCalculatorTest.CALENDAR, StatisticsCalculatorTest.REGION);
    EventApplier applier =
        new EventApplier(
            writeThrough,
            new ViewProjector(writeThrough, List.of(projection)),
            new ConsumerMetrics(new SimpleMeterRegistry(), Clock.systemUTC()));
    long offset = 0;
    for (List<EventEnvelope> stream : streams.values()) {
      for (EventEnvelope e : stream) {
        applier.apply(e, new Delivery(0, offset++));
      }
    }
    return new StatisticsProjection(
        store, StatisticsCalculatorTest.CALENDAR, StatisticsCalculatorTest.REGION);
  }

  @Test
  void a_new_aggregate_rewrites_only_its_share_of_the_years_index_not_the_whole_year() {
    InMemoryProjectionStore store = new InMemoryProjectionStore();
    project(streams, store, store);

    int largest = 0;
    int documents = 0;
    for (int year = 2023; year <= 2027; year++) {
      for (StatisticsFacts.Kind kind : StatisticsFacts.Kind.values()) {
        for (int bucket = 0; bucket < StatisticsProjection.INDEX_BUCKETS; bucket++) {
          Optional<Versioned<FactIndex>> index =
              store.read(StatisticsProjection.INDEX, year + ":" + kind.name() + ":" + bucket);
          if (index.isPresent()) {
            documents++;
            largest = Math.max(largest, index.get().state().members().size());
          }
        }
      }
    }
    // 400 intakes over about three fiscal years: a year's share per document is a few ids.
    assertThat(documents).isGreaterThan(StatisticsProjection.INDEX_BUCKETS);
    assertThat(largest).isLessThan(INTAKES / 8);
    assertThat(store.read(StatisticsProjection.INDEX, "2024:INTAKE")).isEmpty();
  }

  @Test
  void an_index_written_before_the_split_is_still_read() {
    InMemoryProjectionStore split = new InMemoryProjectionStore();
    StatisticsProjection current = project(streams, split, split);

    // The same events as the previous layout stored them: one index document per year and kind.
    InMemoryProjectionStore old = new InMemoryProjectionStore();
    StatisticsProjection reading = project(streams, new UnsplitIndexWriter(old), old);

    assertThat(old.read(StatisticsProjection.INDEX, "2024:INTAKE")).isPresent();
    for (int year = 2023; year <= 2027; year++) {
      assertThat(reading.statistics(year)).as("FY%d", year).isEqualTo(current.statistics(year));
    }
  }

  /** Writes the index as it was written before it was split. */
  private record UnsplitIndexWriter(InMemoryProjectionStore store) implements ProjectionStore {
    private static final Pattern BUCKET = Pattern.compile("(\\d+:[A-Z_]+):\\d+");

    private static String unsplit(DocumentKind<?> kind, String id) {
      Matcher m = BUCKET.matcher(id);
      return kind.equals(StatisticsProjection.INDEX) && m.matches() ? m.group(1) : id;
    }

    @Override
    public <S> Optional<Versioned<S>> read(DocumentKind<S> kind, String id) {
      return store.read(kind, unsplit(kind, id));
    }

    @Override
    public <S> boolean replace(
        DocumentKind<S> kind, String id, long expectedVersion, Versioned<S> next) {
      return store.replace(kind, unsplit(kind, id), expectedVersion, next);
    }

    @Override
    public LedgerOutcome recordDelivery(String eventId, Delivery delivery) {
      return store.recordDelivery(eventId, delivery);
    }
  }
}
