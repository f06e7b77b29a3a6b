package jp.coordination.query.consumer;

import static jp.coordination.query.TestEvents.jst;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoTimeoutException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.query.TestEvents;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.calendar.Holidays;
import jp.coordination.query.consumer.ParkedEvent.Reason;
import jp.coordination.query.consumer.ParkedEvent.State;
import jp.coordination.query.consumer.Parking.Incoming;
import jp.coordination.query.consumer.Parking.Outcome;
import jp.coordination.query.dashboard.DashboardProjection;
import jp.coordination.query.views.AggregateChangeProjection;
import jp.coordination.query.views.IntakeView;
import jp.coordination.query.views.ViewProjector;
import jp.coordination.query.views.Views;
import org.junit.jupiter.api.Test;

/**
 * No event can stop the read side: what cannot be applied is parked with the later events of its
 * aggregate, in order, and everything else goes on; retry and skip release it.
 */
class ParkingTest {

  private static final Instant T = jst("2026-06-01T10:00");

  /** The business time of the issue: accepted by the command side, beyond the calendar's years. */
  private static final Instant EXTREME =
      OffsetDateTime.parse("-999999999-01-01T00:00:00+18:00").toInstant();

  private static final String TOPIC = "coordination.events";

  private final BusinessCalendar calendar =
      BusinessCalendar.tokyo(Holidays.load(Holidays.DEFAULT_RESOURCE).dates());
  private final EventCodec codec = new EventCodec();
  private final InMemoryProjectionStore memory = new InMemoryProjectionStore();
  private final CrashingStore crashing = new CrashingStore(memory);
  private final BatchingProjectionStore store =
      new BatchingProjectionStore(crashing, ViewProjector.WRITTEN_LAST);
  private final InMemoryParkingStore parked = new InMemoryParkingStore();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ConsumerMetrics metrics = new ConsumerMetrics(registry, Clock.systemUTC());
  private final DashboardProjection dashboards = new DashboardProjection(store, calendar);
  private final Breakable breakable = new Breakable();
  private final EventApplier applier =
      new EventApplier(
          store,
          new ViewProjector(store, List.of(dashboards, breakable), new SkippedSequences(parked)),
          metrics);
  private final MutableClock clock = new MutableClock(T);
  private final ParkingProperties properties =
      new ParkingProperties(3, Duration.ofMillis(1), Duration.ofSeconds(30));
  private Parking parking = newParking();
  private final TestEvents events = new TestEvents();
  private long offset;

  private Parking newParking() {
    return new Parking(TOPIC, applier, parked, codec, properties, metrics, clock);
  }

  private Incoming next(EventEnvelope e) {
    return Incoming.decoded(e, new Delivery(0, offset++), codec.encode(e));
  }

  private Incoming garbage(String key, String json) {
    byte[] raw = json.getBytes(StandardCharsets.UTF_8);
    Delivery delivery = new Delivery(0, offset++);
    try {
      codec.decode(raw);
      throw new AssertionError("decodable");
    } catch (RuntimeException e) {
      return Incoming.undecodable(key, delivery, raw, e);
    }
  }

  private int requested() {
    return dashboards.dashboard("AOBA").year(2026).intakesRequested();
  }

  private ParkedEvent entry(Incoming in) {
    return parked.find(ParkedEvent.idOf(TOPIC, in.delivery())).orElseThrow();
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  @Test
  void an_event_whose_projection_throws_is_parked_and_the_rest_of_its_poll_is_applied_once() {
    Incoming first = next(events.intakeRequested("i1", "AOBA", T));
    Incoming extreme = next(events.facilityRegistered("f1", "AOBA", 2, EXTREME, T));
    List<Incoming> poll =
        List.of(
            first,
            extreme,
            next(events.intakeRequested("i2", "AOBA", T)),
            next(events.intakeRequested("i3", "AOBA", T)));

    parking.process(poll);

    assertThat(requested()).isEqualTo(3);
    assertThat(memory.read(Views.FACILITIES, "f1")).isEmpty();
    ParkedEvent f1 = entry(extreme);
    assertThat(f1.state()).isEqualTo(State.PARKED);
    assertThat(f1.reason()).isEqualTo(Reason.EXCEPTION);
    assertThat(f1.detail()).startsWith("java.time.DateTimeException");
    assertThat(f1.attempts()).isEqualTo(3);
    assertThat(f1.type()).isEqualTo("FacilityRegistered");
    assertThat(f1.sequence()).isZero();
    assertThat(
            registry
                .counter(
                    "coordination.events.applied",
                    "type",
                    "EmergencyIntakeRequested",
                    "ward",
                    "AOBA")
                .count())
        .isEqualTo(3.0);
    assertThat(gauge("coordination.events.parked")).isEqualTo(1.0);
  }

  @Test
  void later_events_of_a_parked_aggregate_are_parked_behind_it_in_order_while_others_move_on() {
    Incoming extreme = next(events.facilityRegistered("f1", "AOBA", 2, EXTREME, T));
    Incoming declaredInSamePoll = next(events.facilityDeclared("f1", "AOBA", 1, T));
    parking.process(
        List.of(extreme, declaredInSamePoll, next(events.intakeRequested("i1", "AOBA", T))));
    Incoming declaredLater = next(events.facilityDeclared("f1", "AOBA", 0, T));
    parking.process(List.of(declaredLater, next(events.intakeRequested("i2", "AOBA", T))));

    assertThat(requested()).isEqualTo(2);
    assertThat(entry(declaredInSamePoll).reason()).isEqualTo(Reason.BEHIND_PARKED);
    assertThat(entry(declaredLater).reason()).isEqualTo(Reason.BEHIND_PARKED);
    assertThat(parked.marker("f1").orElseThrow().parked())
        .containsExactly(
            entry(extreme).id(), entry(declaredInSamePoll).id(), entry(declaredLater).id());
    assertThat(gauge("coordination.events.parked")).isEqualTo(3.0);
  }

  @Test
  void an_undecodable_record_is_parked_under_its_key_with_its_bytes_and_blocks_its_aggregate() {
    Incoming badJson = garbage("i9", "{\"eventId\": \"e1\", \"type\": ");
    Incoming unknownType =
        garbage(
            "i8",
            "{\"eventId\":\"e2\",\"type\":\"SomethingNew\",\"revision\":1,\"aggregateId\":\"i8\",\"sequence\":0}");
    parking.process(List.of(badJson, unknownType, next(events.intakeRequested("i1", "AOBA", T))));
    Incoming behind = next(events.intakeRequested("i9", "AOBA", T));
    parking.process(List.of(behind));

    assertThat(requested()).isEqualTo(1);
    assertThat(entry(badJson).reason()).isEqualTo(Reason.UNDECODABLE);
    assertThat(entry(badJson).aggregateId()).isEqualTo("i9");
    assertThat(
            new String(
                java.util.Base64.getDecoder().decode(entry(badJson).raw()), StandardCharsets.UTF_8))
        .isEqualTo("{\"eventId\": \"e1\", \"type\": ");
    assertThat(entry(unknownType).type()).isEqualTo("SomethingNew");
    assertThat(entry(unknownType).sequence()).isZero();
    assertThat(entry(unknownType).detail()).doesNotContain("SomethingNew");
    assertThat(entry(behind).reason()).isEqualTo(Reason.BEHIND_PARKED);
  }

  @Test
  void a_retry_after_the_cause_is_removed_applies_the_event_once_then_the_ones_behind_it() {
    breakable.breakFor("i5");
    Incoming requested = next(events.intakeRequested("i5", "AOBA", T));
    Incoming placed = next(events.intakePlaced("i5", "AOBA", "f1", T.plusSeconds(3600)));
    parking.process(List.of(requested, placed, next(events.intakeRequested("i1", "AOBA", T))));
    assertThat(requested()).isEqualTo(1);

    breakable.mend();
    Parking.Release release = parking.retry(entry(requested).id());

    assertThat(release.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(release.released()).isEqualTo(1);
    assertThat(release.stillParked()).isZero();
    assertThat(requested()).isEqualTo(2);
    assertThat(dashboards.dashboard("AOBA").year(2026).intakesPlaced()).isEqualTo(1);
    assertThat(memory.read(Views.INTAKES, "i5").orElseThrow().state().status())
        .isEqualTo(IntakeView.Status.PLACED);
    assertThat(entry(requested).state()).isEqualTo(State.APPLIED);
    assertThat(entry(placed).state()).isEqualTo(State.APPLIED);
    assertThat(gauge("coordination.events.parked")).isZero();
    // Asked again: nothing is applied twice.
    assertThat(parking.retry(entry(requested).id()).outcome()).isEqualTo(Outcome.NOT_ACTIVE);
    assertThat(requested()).isEqualTo(2);
    // And the aggregate is no longer parked: its next event is applied at once.
    parking.process(List.of(next(events.intakeCompleted("i5", "AOBA", T.plusSeconds(7200)))));
    assertThat(memory.read(Views.INTAKES, "i5").orElseThrow().state().status())
        .isEqualTo(IntakeView.Status.COMPLETED);
  }

  @Test
  void a_retry_interrupted_in_the_middle_of_its_commit_is_completed_exactly_once_by_the_next() {
    breakable.breakFor("i5");
    Incoming requested = next(events.intakeRequested("i5", "AOBA", T));
    parking.process(List.of(requested, next(events.intakeRequested("i1", "AOBA", T))));
    breakable.mend();

    // The dashboard is written, then the process dies before the intake's view.
    crashing.crashOnNextWriteTo(Views.INTAKES);
    assertThatThrownBy(() -> parking.retry(entry(requested).id()))
        .isInstanceOf(SimulatedCrash.class);
    assertThat(requested()).isEqualTo(2);
    parking = newParking();
    Parking.Release release = parking.retry(entry(requested).id());

    assertThat(release.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(requested()).isEqualTo(2);
    assertThat(memory.read(Views.INTAKES, "i5")).isPresent();
  }

  @Test
  void a_retry_that_still_fails_keeps_the_event_parked_and_counts_the_attempt() {
    breakable.breakFor("i5");
    Incoming requested = next(events.intakeRequested("i5", "AOBA", T));
    parking.process(List.of(requested));

    Parking.Release release = parking.retry(entry(requested).id());

    assertThat(release.outcome()).isEqualTo(Outcome.STILL_PARKED);
    assertThat(entry(requested).attempts()).isEqualTo(4);
    assertThat(entry(requested).state()).isEqualTo(State.PARKED);
    assertThat(requested()).isZero();
  }

  @Test
  void only_the_first_parked_event_of_an_aggregate_can_be_retried() {
    breakable.breakFor("i5");
    Incoming requested = next(events.intakeRequested("i5", "AOBA", T));
    Incoming placed = next(events.intakePlaced("i5", "AOBA", "f1", T.plusSeconds(3600)));
    parking.process(List.of(requested, placed));
    breakable.mend();

    assertThat(parking.retry(entry(placed).id()).outcome()).isEqualTo(Outcome.NOT_FIRST);
    assertThat(entry(placed).state()).isEqualTo(State.PARKED);
  }

  @Test
  void a_skip_is_recorded_with_who_and_why_and_releases_the_next_events_of_the_aggregate() {
    parking.process(List.of(next(events.intakeRequested("i5", "AOBA", T))));
    breakable.breakFor("i5");
    Incoming placed = next(events.intakePlaced("i5", "AOBA", "f1", T.plusSeconds(3600)));
    Incoming cancelled = next(events.intakeCancelled("i5", "AOBA", T.plusSeconds(7200)));
    parking.process(List.of(placed));
    breakable.mend();
    parking.process(List.of(cancelled));
    assertThat(entry(cancelled).reason()).isEqualTo(Reason.BEHIND_PARKED);

    Parking.Release release =
        parking.skip(entry(placed).id(), "operator", "placement entered twice");

    assertThat(release.outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(release.released()).isEqualTo(1);
    ParkedEvent skipped = entry(placed);
    assertThat(skipped.state()).isEqualTo(State.SKIPPED);
    assertThat(skipped.skippedBy()).isEqualTo("operator");
    assertThat(skipped.skipReason()).isEqualTo("placement entered twice");
    assertThat(skipped.resolvedAt()).isEqualTo(T);
    // The cancellation (sequence 2) follows the request (0): the gap is the skipped placement.
    IntakeView i5 = memory.read(Views.INTAKES, "i5").orElseThrow().state();
    assertThat(i5.status()).isEqualTo(IntakeView.Status.CANCELLED);
    assertThat(i5.sequence()).isEqualTo(2);
    assertThat(dashboards.dashboard("AOBA").year(2026).intakesPlaced()).isZero();
  }

  @Test
  void a_later_event_that_arrives_first_waits_for_the_missing_one_and_follows_it_in_order() {
    EventEnvelope requested = events.intakeRequested("i1", "AOBA", T);
    EventEnvelope placed = events.intakePlaced("i1", "AOBA", "f1", T.plusSeconds(3600));
    EventEnvelope completed = events.intakeCompleted("i1", "AOBA", T.plusSeconds(7200));
    parking.process(List.of(next(requested)));
    Incoming early = next(completed);
    parking.process(List.of(early, next(events.intakeRequested("i2", "AOBA", T))));

    assertThat(entry(early).state()).isEqualTo(State.HELD);
    assertThat(entry(early).reason()).isEqualTo(Reason.GAP);
    assertThat(requested()).isEqualTo(2);
    assertThat(gauge("coordination.events.held")).isEqualTo(1.0);
    assertThat(gauge("coordination.events.parked")).isZero();

    parking.process(List.of(next(placed)));

    IntakeView i1 = memory.read(Views.INTAKES, "i1").orElseThrow().state();
    assertThat(i1.status()).isEqualTo(IntakeView.Status.COMPLETED);
    assertThat(i1.sequence()).isEqualTo(2);
    assertThat(dashboards.dashboard("AOBA").year(2026).intakesPlaced()).isEqualTo(1);
    assertThat(entry(early).state()).isEqualTo(State.APPLIED);
    assertThat(gauge("coordination.events.held")).isZero();
  }

  @Test
  void a_held_event_whose_missing_predecessor_never_comes_is_parked_as_gap_after_the_wait() {
    parking.process(List.of(next(events.intakeRequested("i1", "AOBA", T))));
    events.intakePlaced("i1", "AOBA", "f1", T.plusSeconds(3600)); // sequence 1, never delivered
    Incoming early = next(events.intakeCompleted("i1", "AOBA", T.plusSeconds(7200)));
    parking.process(List.of(early));

    clock.advance(Duration.ofSeconds(29));
    parking.tick();
    assertThat(entry(early).state()).isEqualTo(State.HELD);
    clock.advance(Duration.ofSeconds(2));
    parking.tick();

    assertThat(entry(early).state()).isEqualTo(State.PARKED);
    assertThat(entry(early).reason()).isEqualTo(Reason.GAP);
    assertThat(gauge("coordination.events.parked")).isEqualTo(1.0);
    assertThat(memory.read(Views.INTAKES, "i1").orElseThrow().state().sequence()).isZero();
  }

  @Test
  void a_copy_of_an_applied_event_is_still_ignored() {
    EventEnvelope requested = events.intakeRequested("i1", "AOBA", T);
    parking.process(
        List.of(next(requested), next(events.intakePlaced("i1", "AOBA", "f1", T.plusSeconds(60)))));
    parking.process(List.of(next(requested)));

    assertThat(requested()).isEqualTo(1);
    assertThat(parked.all()).isEmpty();
  }

  @Test
  void parked_aggregates_stay_parked_after_a_restart() {
    Incoming extreme = next(events.facilityRegistered("f1", "AOBA", 2, EXTREME, T));
    parking.process(List.of(extreme));

    parking = newParking();
    Incoming later = next(events.facilityDeclared("f1", "AOBA", 1, T));
    parking.process(List.of(later));

    assertThat(entry(later).reason()).isEqualTo(Reason.BEHIND_PARKED);
    assertThat(parked.all()).extracting(ParkedEvent::state).containsOnly(State.PARKED).hasSize(2);
  }

  @Test
  void a_redelivered_parked_record_is_parked_once() {
    Incoming extreme = next(events.facilityRegistered("f1", "AOBA", 2, EXTREME, T));
    parking.process(List.of(extreme));
    parking.process(List.of(extreme));

    assertThat(parked.all()).hasSize(1);
    assertThat(parked.marker("f1").orElseThrow().parked()).hasSize(1);
  }

  @Test
  void a_store_failure_is_no_events_fault_and_parks_nothing() {
    breakable.failStoreFor("i1");

    assertThatThrownBy(
            () -> parking.process(List.of(next(events.intakeRequested("i1", "AOBA", T)))))
        .isInstanceOf(MongoTimeoutException.class);
    assertThat(parked.all()).isEmpty();
  }

  @Test
  void a_document_that_keeps_losing_its_conditional_replace_is_no_events_fault_and_parks_nothing() {
    breakable.contendFor("i1");

    assertThatThrownBy(
            () -> parking.process(List.of(next(events.intakeRequested("i1", "AOBA", T)))))
        .isInstanceOf(ContendedDocumentException.class);
    assertThat(parked.all()).isEmpty();
  }

  /** A dependent read model that throws for chosen aggregates until it is mended. */
  static final class Breakable implements AggregateChangeProjection {
    private final Set<String> broken = ConcurrentHashMap.newKeySet();
    private final Set<String> storeDown = ConcurrentHashMap.newKeySet();
    private final Set<String> contended = ConcurrentHashMap.newKeySet();

    void contendFor(String aggregateId) {
      contended.add(aggregateId);
    }

    void breakFor(String aggregateId) {
      broken.add(aggregateId);
    }

    void failStoreFor(String aggregateId) {
      storeDown.add(aggregateId);
    }

    void mend() {
      broken.clear();
    }

    @Override
    public boolean apply(jp.coordination.query.views.AggregateChange change, Delivery delivery) {
      String id = change.envelope().aggregateId();
      if (storeDown.contains(id)) {
        throw new MongoTimeoutException("no server");
      }
      if (contended.contains(id)) {
        throw new ContendedDocumentException("ward_dashboards", "AOBA", 20);
      }
      if (broken.contains(id)) {
        throw new IllegalStateException("broken for the test");
      }
      return false;
    }
  }

  /** Thrown where the process would have died. */
  static final class SimulatedCrash extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /** Memory that can die on the next write to a chosen collection. */
  static final class CrashingStore implements ProjectionStore {
    private final InMemoryProjectionStore delegate;
    private String crashCollection;

    CrashingStore(InMemoryProjectionStore delegate) {
      this.delegate = delegate;
    }

    void crashOnNextWriteTo(DocumentKind<?> kind) {
      crashCollection = kind.collection();
    }

    @Override
    public <S> java.util.Optional<Versioned<S>> read(DocumentKind<S> kind, String id) {
      return delegate.read(kind, id);
    }

    @Override
    public <S> boolean replace(DocumentKind<S> kind, String id, long v, Versioned<S> next) {
      if (kind.collection().equals(crashCollection)) {
        crashCollection = null;
        throw new SimulatedCrash();
      }
      return delegate.replace(kind, id, v, next);
    }

    @Override
    public LedgerOutcome recordDelivery(String eventId, Delivery delivery) {
      return delegate.recordDelivery(eventId, delivery);
    }
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
