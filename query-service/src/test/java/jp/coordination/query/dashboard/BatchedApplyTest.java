package jp.coordination.query.dashboard;

import static jp.coordination.query.TestEvents.jst;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.query.TestEvents;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.calendar.Holidays;
import jp.coordination.query.consumer.BatchingProjectionStore;
import jp.coordination.query.consumer.ConsumerMetrics;
import jp.coordination.query.consumer.Delivery;
import jp.coordination.query.consumer.DocumentKind;
import jp.coordination.query.consumer.EventApplier;
import jp.coordination.query.consumer.EventApplier.Record;
import jp.coordination.query.consumer.EventApplier.Result;
import jp.coordination.query.consumer.InMemoryProjectionStore;
import jp.coordination.query.consumer.LedgerOutcome;
import jp.coordination.query.consumer.ProjectionStore;
import jp.coordination.query.consumer.Versioned;
import jp.coordination.query.views.AggregateChange;
import jp.coordination.query.views.IntakeView;
import jp.coordination.query.views.ViewProjector;
import jp.coordination.query.views.Views;
import org.junit.jupiter.api.Test;

/**
 * A poll's records applied as one batch: each touched document is written once at the end, the
 * views last, and neither a crash in the middle of that nor another instance's write in between
 * loses or doubles anything.
 */
class BatchedApplyTest {

  private static final Instant T = jst("2026-06-01T10:00");

  private final BusinessCalendar calendar =
      BusinessCalendar.tokyo(Holidays.load(Holidays.DEFAULT_RESOURCE).dates());
  private final InMemoryProjectionStore memory = new InMemoryProjectionStore();
  private final RecordingStore recording = new RecordingStore(memory);
  private final BatchingProjectionStore store =
      new BatchingProjectionStore(recording, ViewProjector.WRITTEN_LAST);
  private final List<String> announced = new ArrayList<>();
  private final DashboardProjection dashboards =
      new DashboardProjection(store, calendar, announced::add);
  private final EventApplier applier =
      new EventApplier(
          store,
          new ViewProjector(store, List.of(dashboards)),
          new ConsumerMetrics(new SimpleMeterRegistry(), Clock.systemUTC()));
  private final TestEvents events = new TestEvents();

  private List<Record> requests(int fromOffset, String... intakes) {
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < intakes.length; i++) {
      records.add(
          new Record(
              events.intakeRequested(intakes[i], "AOBA", T.plusSeconds(i)),
              new Delivery(0, fromOffset + i)));
    }
    return records;
  }

  @Test
  void a_ward_dashboard_touched_by_every_event_of_a_poll_is_written_once() {
    List<Result> results = applier.applyAll(requests(0, "i1", "i2", "i3", "i4", "i5"));

    assertThat(results).containsOnly(Result.APPLIED);
    assertThat(recording.writesTo(DashboardProjection.WARD_DASHBOARDS)).isEqualTo(1);
    assertThat(recording.writesTo(Views.INTAKES)).isEqualTo(5);
    Versioned<WardDashboard> aoba =
        memory.read(DashboardProjection.WARD_DASHBOARDS, "AOBA").orElseThrow();
    assertThat(aoba.state().year(2026).intakesRequested()).isEqualTo(5);
    // One version per event, as if each had been written: the stream's event ids stay comparable.
    assertThat(aoba.v()).isEqualTo(5);
    assertThat(aoba.pos()).containsEntry("0", 4L);
  }

  @Test
  void the_views_are_written_after_every_other_document() {
    applier.applyAll(requests(0, "i1", "i2", "i3"));

    List<String> order = recording.collections;
    assertThat(order.lastIndexOf(DashboardProjection.WARD_DASHBOARDS.collection()))
        .isLessThan(order.indexOf(Views.INTAKES.collection()));
  }

  @Test
  void a_dashboard_is_announced_only_once_it_is_in_the_database() {
    List<Integer> countsWhenAnnounced = new ArrayList<>();
    DashboardProjection reading =
        new DashboardProjection(
            store,
            calendar,
            ward ->
                countsWhenAnnounced.add(
                    DashboardProjection.versioned(memory, ward)
                        .dashboard()
                        .year(2026)
                        .intakesRequested()));
    EventApplier applying =
        new EventApplier(
            store,
            new ViewProjector(store, List.of(reading)),
            new ConsumerMetrics(new SimpleMeterRegistry(), Clock.systemUTC()));

    applying.applyAll(requests(0, "i1", "i2", "i3"));

    assertThat(countsWhenAnnounced).isNotEmpty().containsOnly(3);
  }

  @Test
  void a_crash_in_the_middle_of_a_commit_is_completed_exactly_once_by_the_redelivery() {
    applier.applyAll(requests(0, "i1", "i2"));
    EventEnvelope placed = events.intakePlaced("i1", "AOBA", "f1", T.plusSeconds(2 * 3600));
    List<Record> poll = new ArrayList<>(requests(3, "i3", "i4"));
    poll.add(0, new Record(placed, new Delivery(0, 2)));

    // The dashboard is written, then the process dies after the first of the three views.
    recording.crashOnWriteNumber(Views.INTAKES, 2);
    assertThatThrownBy(() -> applier.applyAll(poll)).isInstanceOf(SimulatedCrash.class);
    // The restart re-delivers the whole poll from the stored position.
    applier.applyAll(poll);

    WardDashboard aoba = dashboards.dashboard("AOBA");
    assertThat(aoba.year(2026).intakesRequested()).isEqualTo(4);
    assertThat(aoba.year(2026).intakesPlaced()).isEqualTo(1);
    assertThat(aoba.live().intakesOpen()).isEqualTo(3);
    assertThat(aoba.live().intakesInPlacement()).isEqualTo(1);
    assertThat(memory.read(Views.INTAKES, "i1").orElseThrow().state().status())
        .isEqualTo(IntakeView.Status.PLACED);
  }

  @Test
  void another_instance_writing_a_document_of_the_batch_before_its_commit_loses_nothing() {
    applier.applyAll(requests(0, "i1"));
    // Another instance, still holding partition 1 during a rebalance, writes the same dashboard
    // after this batch read it and before it is committed.
    EventApplier otherInstance =
        new EventApplier(
            memory,
            new ViewProjector(memory, List.of(new DashboardProjection(memory, calendar))),
            new ConsumerMetrics(new SimpleMeterRegistry(), Clock.systemUTC()));
    recording.beforeNextCommit(
        () ->
            otherInstance.apply(
                events.intakeRequested("i9", "AOBA", T.plusSeconds(60)), new Delivery(1, 0)));

    List<Result> results = applier.applyAll(requests(1, "i2", "i3"));

    assertThat(results).containsOnly(Result.APPLIED);
    assertThat(dashboards.dashboard("AOBA").year(2026).intakesRequested()).isEqualTo(4);
    assertThat(dashboards.dashboard("AOBA").live().intakesOpen()).isEqualTo(4);
  }

  @Test
  void a_copy_of_an_event_in_the_same_poll_is_skipped() {
    EventEnvelope requested = events.intakeRequested("i1", "AOBA", T);

    List<Result> results =
        applier.applyAll(
            List.of(
                new Record(requested, new Delivery(0, 0)),
                new Record(requested, new Delivery(0, 1))));

    assertThat(results).containsExactly(Result.APPLIED, Result.DUPLICATE_SKIPPED);
    assertThat(dashboards.dashboard("AOBA").year(2026).intakesRequested()).isEqualTo(1);
  }

  @Test
  void outside_a_batch_the_store_writes_at_once() {
    dashboards.apply(
        AggregateChange.of(null, events.intakeRequested("i1", "AOBA", T)), new Delivery(0, 0));

    assertThat(memory.read(DashboardProjection.WARD_DASHBOARDS, "AOBA")).isPresent();
    assertThat(announced).containsExactly("AOBA");
  }

  /** Thrown where the process would have died. */
  static final class SimulatedCrash extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /**
   * Delegates to memory, recording each write; can fail one chosen write or act before a commit.
   */
  static final class RecordingStore implements ProjectionStore {
    private final InMemoryProjectionStore delegate;
    final List<String> collections = new ArrayList<>();
    private String crashCollection;
    private int writesUntilCrash;
    private Runnable beforeCommit;

    RecordingStore(InMemoryProjectionStore delegate) {
      this.delegate = delegate;
    }

    void crashOnWriteNumber(DocumentKind<?> kind, int n) {
      crashCollection = kind.collection();
      writesUntilCrash = n;
    }

    void beforeNextCommit(Runnable action) {
      beforeCommit = action;
    }

    long writesTo(DocumentKind<?> kind) {
      return collections.stream().filter(kind.collection()::equals).count();
    }

    @Override
    public <S> Optional<Versioned<S>> read(DocumentKind<S> kind, String id) {
      return delegate.read(kind, id);
    }

    @Override
    public <S> boolean replace(DocumentKind<S> kind, String id, long v, Versioned<S> next) {
      if (kind.collection().equals(crashCollection) && --writesUntilCrash == 0) {
        crashCollection = null;
        throw new SimulatedCrash();
      }
      collections.add(kind.collection());
      return delegate.replace(kind, id, v, next);
    }

    @Override
    public boolean replaceAll(List<Replacement<?>> writes) {
      Runnable action = beforeCommit;
      beforeCommit = null;
      if (action != null) {
        action.run();
      }
      return ProjectionStore.super.replaceAll(writes);
    }

    @Override
    public LedgerOutcome recordDelivery(String eventId, Delivery delivery) {
      return delegate.recordDelivery(eventId, delivery);
    }
  }
}
