package jp.coordination.query.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.query.consumer.BatchingProjectionStore;
import jp.coordination.query.consumer.ConsumerMetrics;
import jp.coordination.query.consumer.Delivery;
import jp.coordination.query.consumer.EventApplier;
import jp.coordination.query.consumer.InMemoryProjectionStore;
import jp.coordination.query.consumer.ProjectionStore;
import jp.coordination.query.evaluation.ReplayFold;
import jp.coordination.query.views.ViewProjector;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The live projection (ledger, view projector, guarded fact documents, per-year indexes) and the
 * in-memory replay give the same statistics, field for field, for every fiscal year — although the
 * live side sees the aggregates interleaved across partitions at random with re-published copies,
 * in polls of random sizes applied as batches, and the replay sees them in a different order with
 * copies of its own. The histories include the hub's other records (contacts, stays, activities
 * corrected across wards and years, region-wide issues, plans set twice).
 */
class LiveEqualsReplayProperties {

  @Property(tries = 60)
  void live_statistics_equal_the_replayed_ones_whatever_the_interleaving_and_duplicates(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 25) int households,
      @ForAll @IntRange(min = 0, max = 40) int intakes,
      @ForAll @IntRange(min = 0, max = 15) int cases,
      @ForAll @IntRange(min = 0, max = 15) int hub,
      @ForAll @IntRange(min = 1, max = 40) int largestPoll) {
    Map<String, List<EventEnvelope>> streams =
        RandomHistories.generate(seed, households, intakes, cases, hub);
    Random random = new Random(seed ^ 0x5DEECE66DL);

    ProjectionStore store =
        new BatchingProjectionStore(new InMemoryProjectionStore(), ViewProjector.WRITTEN_LAST);
    StatisticsProjection live =
        new StatisticsProjection(
            store, StatisticsCalculatorTest.CALENDAR, StatisticsCalculatorTest.REGION);
    EventApplier applier =
        new EventApplier(
            store,
            new ViewProjector(store, List.of(live)),
            new ConsumerMetrics(new SimpleMeterRegistry(), Clock.systemUTC()));
    deliverLive(streams, random, applier, largestPoll);

    ReplayFold replay = new ReplayFold(null);
    List<String> ids = new ArrayList<>(streams.keySet());
    ids.sort(Comparator.reverseOrder());
    for (String id : ids) {
      for (EventEnvelope e : streams.get(id)) {
        replay.accept(e);
        if (random.nextInt(10) == 0) {
          replay.accept(e); // an at-least-once copy
        }
      }
    }

    for (int year = 2023; year <= 2027; year++) {
      FiscalYearStatistics fromLive = live.statistics(year);
      FiscalYearStatistics fromReplay =
          replay.statistics(
              year, StatisticsCalculatorTest.REGION, StatisticsCalculatorTest.CALENDAR);
      assertThat(fromLive).as("FY%d", year).isEqualTo(fromReplay);
      assertThat(StatisticsFormats.json(fromLive)).isEqualTo(StatisticsFormats.json(fromReplay));
    }
  }

  /**
   * Kafka's order: each aggregate's events in order within its partition (key = aggregate id),
   * partitions interleaved at random, and now and then a copy re-published at a later offset.
   */
  private static void deliverLive(
      Map<String, List<EventEnvelope>> streams,
      Random random,
      EventApplier applier,
      int largestPoll) {
    int partitions = 3;
    List<List<EventEnvelope>> logs = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      logs.add(new ArrayList<>());
    }
    List<List<EventEnvelope>> pending = new ArrayList<>();
    streams.values().forEach(s -> pending.add(new ArrayList<>(s)));
    while (!pending.isEmpty()) {
      List<EventEnvelope> stream = pending.get(random.nextInt(pending.size()));
      EventEnvelope next = stream.remove(0);
      List<EventEnvelope> log = logs.get(Math.floorMod(next.aggregateId().hashCode(), partitions));
      log.add(next);
      if (random.nextInt(8) == 0) {
        log.add(log.get(random.nextInt(log.size())));
      }
      if (stream.isEmpty()) {
        pending.remove(stream);
      }
    }
    int[] offsets = new int[partitions];
    int remaining = logs.stream().mapToInt(List::size).sum();
    List<EventApplier.Record> poll = new ArrayList<>();
    int pollSize = 1 + random.nextInt(largestPoll);
    while (remaining > 0) {
      int p = random.nextInt(partitions);
      if (offsets[p] < logs.get(p).size()) {
        poll.add(new EventApplier.Record(logs.get(p).get(offsets[p]), new Delivery(p, offsets[p])));
        offsets[p]++;
        remaining--;
      }
      if (poll.size() == pollSize || remaining == 0) {
        applier.applyAll(poll);
        poll = new ArrayList<>();
        pollSize = 1 + random.nextInt(largestPoll);
      }
    }
  }
}
