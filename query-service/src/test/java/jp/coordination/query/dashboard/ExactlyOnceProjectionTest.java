package jp.coordination.query.dashboard;

import static jp.coordination.query.TestEvents.jst;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.household.RiskFactor;
import jp.coordination.query.TestEvents;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.calendar.Holidays;
import jp.coordination.query.consumer.ConsumerMetrics;
import jp.coordination.query.consumer.Delivery;
import jp.coordination.query.consumer.DocumentKind;
import jp.coordination.query.consumer.EventApplier;
import jp.coordination.query.consumer.EventApplier.Result;
import jp.coordination.query.consumer.InMemoryProjectionStore;
import jp.coordination.query.consumer.LedgerOutcome;
import jp.coordination.query.consumer.ProjectionStore;
import jp.coordination.query.consumer.Versioned;
import jp.coordination.query.views.IntakeView;
import jp.coordination.query.views.ViewProjector;
import jp.coordination.query.views.Views;
import org.junit.jupiter.api.Test;

/** The dedup ledger and the per-document guards together, on the in-memory store. */
class ExactlyOnceProjectionTest {

  private static final Instant T = jst("2026-06-01T10:00");

  private final BusinessCalendar calendar =
      BusinessCalendar.tokyo(Holidays.load(Holidays.DEFAULT_RESOURCE).dates());
  private final InMemoryProjectionStore memory = new InMemoryProjectionStore();
  private final CrashingStore store = new CrashingStore(memory);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final DashboardProjection dashboards = new DashboardProjection(store, calendar);
  private final EventApplier applier =
      new EventApplier(
          store,
          new ViewProjector(store, List.of(dashboards)),
          new ConsumerMetrics(registry, Clock.systemUTC()));
  private final TestEvents events = new TestEvents();

  @Test
  void a_duplicated_event_at_a_later_offset_changes_nothing() {
    EventEnvelope requested = events.intakeRequested("i1", "AOBA", T);
    assertThat(applier.apply(requested, new Delivery(0, 0))).isEqualTo(Result.APPLIED);
    EventEnvelope placed = events.intakePlaced("i1", "AOBA", "f1", T.plusSeconds(3600));
    applier.apply(placed, new Delivery(0, 1));

    // The request is published again later: it must neither re-open the intake nor count twice.
    assertThat(applier.apply(requested, new Delivery(0, 2))).isEqualTo(Result.DUPLICATE_SKIPPED);

    WardDashboard aoba = dashboards.dashboard("AOBA");
    assertThat(aoba.live().intakesOpen()).isZero();
    assertThat(aoba.live().intakesInPlacement()).isEqualTo(1);
    assertThat(aoba.year(2026).intakesRequested()).isEqualTo(1);
    assertThat(
            registry
                .counter("coordination.events.duplicates", "type", "EmergencyIntakeRequested")
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void a_redelivery_of_a_fully_applied_event_changes_nothing() {
    EventEnvelope registered = events.householdRegistered("h1", "AOBA", T, RiskFactor.ISOLATED);
    applier.apply(registered, new Delivery(3, 10));
    assertThat(applier.apply(registered, new Delivery(3, 10))).isEqualTo(Result.ALREADY_APPLIED);
    assertThat(dashboards.dashboard("AOBA").live().householdsActive()).isEqualTo(1);
    assertThat(
            registry
                .counter(
                    "coordination.events.applied",
                    "type",
                    "AtRiskHouseholdRegistered",
                    "ward",
                    "AOBA")
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void an_event_interrupted_before_its_view_was_written_is_completed_exactly_once() {
    EventEnvelope requested = events.intakeRequested("i1", "AOBA", T);
    applier.apply(requested, new Delivery(0, 0));
    EventEnvelope placed = events.intakePlaced("i1", "AOBA", "f1", T.plusSeconds(2 * 3600));

    // Crash after the dashboard was written, before the intake view was.
    store.crashOnNextWriteTo(Views.INTAKES);
    assertThatThrownBy(() -> applier.apply(placed, new Delivery(0, 1)))
        .isInstanceOf(SimulatedCrash.class);
    assertThat(dashboards.dashboard("AOBA").year(2026).intakesPlaced()).isEqualTo(1);
    assertThat(memory.read(Views.INTAKES, "i1").orElseThrow().state().status())
        .isEqualTo(IntakeView.Status.REQUESTED);

    // The restart re-delivers from the stored position: same event, same offset.
    assertThat(applier.apply(placed, new Delivery(0, 1))).isEqualTo(Result.APPLIED);

    WardDashboard aoba = dashboards.dashboard("AOBA");
    assertThat(aoba.year(2026).intakesPlaced()).isEqualTo(1);
    assertThat(aoba.live().intakesOpen()).isZero();
    assertThat(aoba.live().intakesInPlacement()).isEqualTo(1);
    assertThat(aoba.year(2026).medianHoursToPlacement()).isEqualTo(2.0);
    assertThat(memory.read(Views.INTAKES, "i1").orElseThrow().state().status())
        .isEqualTo(IntakeView.Status.PLACED);
  }

  @Test
  void an_event_interrupted_after_the_ledger_entry_is_applied_on_redelivery() {
    EventEnvelope opened = events.coSupportOpened("c1", "AOBA", T);
    store.crashOnNextWriteTo(DashboardProjection.WARD_DASHBOARDS);
    assertThatThrownBy(() -> applier.apply(opened, new Delivery(1, 0)))
        .isInstanceOf(SimulatedCrash.class);
    // The ledger already knows this delivery: the re-delivery is let through, not taken for a copy.
    assertThat(memory.recordDelivery(opened.eventId(), new Delivery(1, 0)))
        .isEqualTo(LedgerOutcome.REDELIVERY);

    assertThat(applier.apply(opened, new Delivery(1, 0))).isEqualTo(Result.APPLIED);
    assertThat(dashboards.dashboard("AOBA").live().coSupportsOpen()).isEqualTo(1);
    assertThat(dashboards.dashboard("AOBA").year(2026).coSupportsOpened()).isEqualTo(1);
  }

  @Test
  void a_move_interrupted_between_the_two_wards_is_completed_once_in_each() {
    applier.apply(
        events.householdRegistered("h1", "AOBA", T, RiskFactor.ISOLATED), new Delivery(0, 0));
    EventEnvelope move = events.householdMoved("h1", "AOBA", "IZUMI", T.plusSeconds(60));
    // The first ward document is written, the second write crashes.
    store.crashOnWriteNumber(DashboardProjection.WARD_DASHBOARDS, 2);
    assertThatThrownBy(() -> applier.apply(move, new Delivery(0, 1)))
        .isInstanceOf(SimulatedCrash.class);
    applier.apply(move, new Delivery(0, 1));
    assertThat(dashboards.dashboard("AOBA").live().householdsActive()).isZero();
    assertThat(dashboards.dashboard("IZUMI").live().householdsActive()).isEqualTo(1);
    assertThat(dashboards.dashboard("IZUMI").live().households(RiskFactor.ISOLATED)).isEqualTo(1);
  }

  @Test
  void a_replay_of_the_whole_log_in_memory_gives_the_same_dashboard_as_the_fold() {
    List<EventEnvelope> log =
        List.of(
            events.facilityRegistered("f1", "AOBA", 2, T),
            events.intakeRequested("i1", "AOBA", T.plusSeconds(10)),
            events.intakePlaced("i1", "AOBA", "f1", T.plusSeconds(3610)),
            events.facilityDeclared("f1", "AOBA", 1, T.plusSeconds(3620)));
    DashboardFold fold = new DashboardFold(calendar);
    for (int offset = 0; offset < log.size(); offset++) {
      applier.apply(log.get(offset), new Delivery(0, offset));
      fold.apply(log.get(offset));
    }
    assertThat(dashboards.dashboard("AOBA")).isEqualTo(fold.state("AOBA"));
  }

  /** Thrown where the process would have died. */
  static final class SimulatedCrash extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /** Delegates to memory, but can fail one chosen write, as a crash between two writes would. */
  static final class CrashingStore implements ProjectionStore {
    private final InMemoryProjectionStore delegate;
    private String collection;
    private final AtomicInteger writesUntilCrash = new AtomicInteger();

    CrashingStore(InMemoryProjectionStore delegate) {
      this.delegate = delegate;
    }

    void crashOnNextWriteTo(DocumentKind<?> kind) {
      crashOnWriteNumber(kind, 1);
    }

    void crashOnWriteNumber(DocumentKind<?> kind, int n) {
      collection = kind.collection();
      writesUntilCrash.set(n);
    }

    @Override
    public <S> Optional<Versioned<S>> read(DocumentKind<S> kind, String id) {
      return delegate.read(kind, id);
    }

    @Override
    public <S> boolean replace(DocumentKind<S> kind, String id, long v, Versioned<S> next) {
      if (kind.collection().equals(collection) && writesUntilCrash.decrementAndGet() == 0) {
        collection = null;
        throw new SimulatedCrash();
      }
      return delegate.replace(kind, id, v, next);
    }

    @Override
    public LedgerOutcome recordDelivery(String eventId, Delivery delivery) {
      return delegate.recordDelivery(eventId, delivery);
    }
  }
}
