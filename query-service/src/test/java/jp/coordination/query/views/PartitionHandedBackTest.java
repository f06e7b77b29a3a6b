package jp.coordination.query.views;

import static jp.coordination.query.TestEvents.jst;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.infra.embedded.EmbeddedMongo;
import jp.coordination.query.TestEvents;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.calendar.Holidays;
import jp.coordination.query.consumer.BatchingProjectionStore;
import jp.coordination.query.consumer.ConsumerMetrics;
import jp.coordination.query.consumer.Delivery;
import jp.coordination.query.consumer.EventApplier;
import jp.coordination.query.consumer.MongoProjectionStore;
import jp.coordination.query.consumer.ProjectionStore;
import jp.coordination.query.dashboard.DashboardProjection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances over one database, wired as the service wires them (a batching store over a MongoDB
 * store with its cache of documents read for update): a partition that moves to the other instance
 * and back finds, in the first instance's cache, views as they were when it left.
 */
class PartitionHandedBackTest {

  private static final Instant T = jst("2025-06-02T10:00");
  private static final BusinessCalendar CALENDAR =
      BusinessCalendar.tokyo(Holidays.load(Holidays.DEFAULT_RESOURCE).dates());

  private static EmbeddedMongo mongo;
  private static MongoClient client;

  @BeforeAll
  static void startMongo() {
    mongo = EmbeddedMongo.inMemory();
    client = MongoClients.create(mongo.connectionString());
  }

  @AfterAll
  static void stopMongo() {
    client.close();
    mongo.close();
  }

  @Test
  void an_event_after_ones_another_instance_applied_meanwhile_is_applied_not_held_as_a_gap() {
    MongoDatabase database = client.getDatabase("handed_back_" + System.nanoTime());
    EventApplier first = instance(database);
    EventApplier second = instance(database);
    TestEvents events = new TestEvents();

    // Partition 0 is the first instance's, then the second's for one event, then the first's again.
    first.apply(events.householdRegistered("h1", "AOBA", T), new Delivery(0, 0));
    second.apply(events.householdReassessed("h1", "AOBA", T.plusSeconds(60)), new Delivery(0, 1));

    EventApplier.Result result =
        first.apply(
            events.householdMoved("h1", "AOBA", "IZUMI", T.plusSeconds(120)), new Delivery(0, 2));

    assertThat(result).isEqualTo(EventApplier.Result.APPLIED);
    ProjectionStore reader = new MongoProjectionStore(database, EventCodec.newMapper());
    assertThat(reader.read(Views.HOUSEHOLDS, "h1").orElseThrow().state().sequence()).isEqualTo(2);
    DashboardProjection dashboards = new DashboardProjection(reader, CALENDAR);
    assertThat(dashboards.dashboard("AOBA").live().householdsActive()).isZero();
    assertThat(dashboards.dashboard("IZUMI").live().householdsActive()).isEqualTo(1);
  }

  /** One query-service's projection chain, with its own caches. */
  private static EventApplier instance(MongoDatabase database) {
    ProjectionStore store =
        new BatchingProjectionStore(
            new MongoProjectionStore(database, EventCodec.newMapper()), ViewProjector.WRITTEN_LAST);
    return new EventApplier(
        store,
        new ViewProjector(store, List.of(new DashboardProjection(store, CALENDAR))),
        new ConsumerMetrics(new SimpleMeterRegistry(), Clock.systemUTC()));
  }
}
