package jp.coordination.query.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.query.consumer.EventApplier.Record;
import jp.coordination.query.consumer.ParkedEvent.Reason;
import jp.coordination.query.consumer.ParkedEvent.State;
import jp.coordination.query.consumer.ParkingStore.AggregateMarker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * No event can stop the read side: a poll is applied through the {@link EventApplier} as one batch,
 * and a record that cannot be applied is set aside ("parked") with every later record of its
 * aggregate, in order, while every other aggregate goes on. The consumer's positions then move on
 * past the parked records, which wait in the {@link ParkingStore} until an operator retries or
 * skips them.
 *
 * <ul>
 *   <li>A record whose projection throws is tried {@code maxAttempts} times, then parked ({@link
 *       Reason#EXCEPTION}). The batch it was in is dropped and applied again without it: records
 *       before it as a batch, records after it likewise, so none is lost or applied twice (the
 *       ledger and the guards make the second application exact).
 *   <li>A record that is not a readable envelope is parked at once ({@link Reason#UNDECODABLE}),
 *       keyed by its record key, which is the aggregate id.
 *   <li>An event beyond the next sequence of its aggregate ({@link SequenceGap}) is held; it is
 *       applied when the missing one arrives, and parked as {@link Reason#GAP} after {@code
 *       gapWait}.
 *   <li>A later record of an aggregate with a parked record is parked behind it ({@link
 *       Reason#BEHIND_PARKED}).
 * </ul>
 *
 * <p>Retry and skip release the aggregate's parked records in arrival order. Consumer and operators
 * go through one lock, so a release never races the consumer parking a new record of the same
 * aggregate on this instance.
 */
public final class Parking {

  private static final Logger log = LoggerFactory.getLogger(Parking.class);

  /** One record of a poll, decoded or not. */
  public record Incoming(
      String key, Delivery delivery, byte[] raw, EventEnvelope envelope, String decodeError) {

    public static Incoming decoded(EventEnvelope envelope, Delivery delivery, byte[] raw) {
      return new Incoming(envelope.aggregateId(), delivery, raw, envelope, null);
    }

    /**
     * @param error what went wrong, by class only: a parser's message may quote the payload
     */
    public static Incoming undecodable(String key, Delivery delivery, byte[] raw, Exception error) {
      return new Incoming(key, delivery, raw, null, error.getClass().getName());
    }

    String aggregateId() {
      return envelope != null ? envelope.aggregateId() : key;
    }
  }

  /** What a retry or skip did. */
  public record Release(
      String id,
      Outcome outcome,
      State state,
      Reason reason,
      String detail,
      int released,
      int stillParked) {}

  /** What became of the entry a retry or skip was asked for. */
  public enum Outcome {
    APPLIED,
    STILL_PARKED,
    HELD,
    SKIPPED,
    NOT_ACTIVE,
    NOT_FIRST
  }

  private enum Attempt {
    DONE,
    GAP,
    FAILED
  }

  private final String topic;
  private final EventApplier applier;
  private final ParkingStore store;
  private final EventCodec codec;
  private final ParkingProperties properties;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();

  /** Aggregates that may have parked records (a superset: confirmed by reading the marker). */
  private final Set<String> marked = ConcurrentHashMap.newKeySet();

  /** Held entries and when their wait ends. */
  private final Map<String, Instant> held = new ConcurrentHashMap<>();

  private final AtomicLong parkedCount = new AtomicLong();
  private final AtomicLong heldCount = new AtomicLong();
  private volatile boolean loaded;

  public Parking(
      String topic,
      EventApplier applier,
      ParkingStore store,
      EventCodec codec,
      ParkingProperties properties,
      ConsumerMetrics metrics,
      Clock clock) {
    this.topic = topic;
    this.applier = applier;
    this.store = store;
    this.codec = codec;
    this.properties = properties;
    this.clock = clock;
    metrics.parking(parkedCount, heldCount);
  }

  /**
   * Reads the markers again (on start and when partitions are assigned, maybe parked elsewhere).
   */
  public void reload() {
    lock.lock();
    try {
      marked.clear();
      held.clear();
      store.markers().forEach(m -> marked.add(m.aggregateId()));
      for (ParkedEvent e : store.all()) {
        if (e.state() == State.HELD) {
          held.put(e.id(), e.heldUntil() == null ? clock.instant() : e.heldUntil());
        }
      }
      loaded = true;
      count();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Applies a poll, parking what cannot be applied; returns once every record is applied or parked.
   */
  public void process(List<Incoming> poll) {
    lock.lock();
    try {
      if (!loaded) {
        reload();
      }
      Set<String> blocked = new HashSet<>();
      List<Incoming> direct = new ArrayList<>();
      List<Incoming> aside = new ArrayList<>();
      for (Incoming in : poll) {
        String aggregate = in.aggregateId();
        boolean behind = aggregate != null && (blocked.contains(aggregate) || isParked(aggregate));
        if (in.envelope() == null || behind) {
          if (aggregate != null) {
            blocked.add(aggregate);
          }
          aside.add(in);
        } else {
          direct.add(in);
        }
      }
      // Records of an aggregate set aside all come after its directly applied ones.
      applyRobustly(direct);
      for (Incoming in : aside) {
        setAside(in);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Parks held events whose wait is over; cheap when nothing is held. */
  public void tick() {
    if (held.isEmpty()) {
      return;
    }
    lock.lock();
    try {
      Instant now = clock.instant();
      for (Map.Entry<String, Instant> entry : List.copyOf(held.entrySet())) {
        if (!entry.getValue().isAfter(now)) {
          held.remove(entry.getKey());
          store
              .find(entry.getKey())
              .filter(e -> e.state() == State.HELD)
              .ifPresent(
                  e -> {
                    store.save(e.parkedAfterWait(now));
                    log.warn(
                        "Parked held record {} of aggregate {}: the events before sequence {} did not come",
                        e.id(),
                        e.aggregateId(),
                        e.sequence());
                  });
        }
      }
      count();
    } finally {
      lock.unlock();
    }
  }

  /** Every entry, active or resolved, in order of aggregate and arrival. */
  public List<ParkedEvent> list() {
    return store.all().stream()
        .sorted(Comparator.comparing(ParkedEvent::partition).thenComparing(ParkedEvent::offset))
        .toList();
  }

  public Optional<ParkedEvent> find(String id) {
    return store.find(id);
  }

  /**
   * Applies a parked entry again, then the aggregate's later parked entries in order. Only the
   * first parked entry of its aggregate can be retried (or a held one), so order is kept.
   */
  public Release retry(String id) {
    lock.lock();
    try {
      ParkedEvent entry = store.find(id).orElseThrow();
      if (!entry.state().active()) {
        return release(entry, Outcome.NOT_ACTIVE, 0);
      }
      List<ParkedEvent> active = active(entry.aggregateId(), entry);
      // (An entry missing from its marker, after a crash between the two writes, counts as first.)
      if (entry.reason() != Reason.GAP && !active.isEmpty() && !active.get(0).id().equals(id)) {
        return release(entry, Outcome.NOT_FIRST, 0);
      }
      Attempt attempt = attempt(entry);
      if (attempt != Attempt.DONE) {
        ParkedEvent now = store.find(id).orElseThrow();
        return release(now, now.state() == State.HELD ? Outcome.HELD : Outcome.STILL_PARKED, 0);
      }
      int released = entry.aggregateId() == null ? 0 : drain(entry.aggregateId());
      return release(store.find(id).orElseThrow(), Outcome.APPLIED, released);
    } finally {
      count();
      lock.unlock();
    }
  }

  /** Sets an active entry aside for good, records who and why, and releases the ones behind it. */
  public Release skip(String id, String by, String why) {
    lock.lock();
    try {
      ParkedEvent entry = store.find(id).orElseThrow();
      if (!entry.state().active()) {
        return release(entry, Outcome.NOT_ACTIVE, 0);
      }
      ParkedEvent skipped = entry.skipped(clock.instant(), by, why);
      store.save(skipped);
      held.remove(id);
      log.warn("Skipped parked record {} of aggregate {} (by {})", id, entry.aggregateId(), by);
      int released = 0;
      if (entry.aggregateId() != null) {
        AggregateMarker marker =
            store.marker(entry.aggregateId()).orElse(AggregateMarker.empty(entry.aggregateId()));
        store.save(marker.without(id).skipping(entry.sequence()));
        marked.add(entry.aggregateId());
        released = drain(entry.aggregateId());
      }
      return release(skipped, Outcome.SKIPPED, released);
    } finally {
      count();
      lock.unlock();
    }
  }

  // ---- the consumer's path

  private void applyRobustly(List<Incoming> records) {
    List<Incoming> pending = records;
    while (!pending.isEmpty()) {
      List<Incoming> runnable = new ArrayList<>();
      for (Incoming in : pending) {
        if (isParked(in.aggregateId())) {
          setAside(in);
        } else {
          runnable.add(in);
        }
      }
      if (runnable.isEmpty()) {
        return;
      }
      try {
        applier.applyAllReporting(records(runnable));
        return;
      } catch (RecordFailed failed) {
        int i = failed.index();
        applyRobustly(runnable.subList(0, i));
        single(runnable.get(i), true);
        pending = runnable.subList(i + 1, runnable.size());
      }
    }
  }

  /**
   * One record on its own: tried up to the bound, held on a gap, parked when it keeps failing.
   *
   * @param inTurn whether every record before it in its partition has been dealt with and none
   *     after it applied, so that it can be applied as its own delivery; otherwise it is re-driven
   */
  private void single(Incoming in, boolean inTurn) {
    RuntimeException last = null;
    for (int attempt = 1; attempt <= properties.maxAttempts(); attempt++) {
      try {
        if (inTurn) {
          applier.applyAllReporting(records(List.of(in)));
        } else {
          applier.redrive(
              new Record(
                  in.envelope(),
                  Delivery.redrive(store.redriveNumber(ParkedEvent.idOf(topic, in.delivery())))));
        }
        if (in.aggregateId() != null && isParked(in.aggregateId())) {
          // It filled a gap: the held records after it may follow now.
          drain(in.aggregateId());
        }
        return;
      } catch (RecordFailed failed) {
        if (failed.getCause() instanceof SequenceGap gap) {
          park(in, State.HELD, Reason.GAP, gapDetail(gap), attempt);
          return;
        }
        last = failed.getCause();
        if (attempt < properties.maxAttempts()) {
          sleep(properties.attemptBackoff().multipliedBy(attempt));
        }
      }
    }
    park(in, State.PARKED, Reason.EXCEPTION, detail(last), properties.maxAttempts());
  }

  private void setAside(Incoming in) {
    if (in.envelope() == null) {
      park(in, State.PARKED, Reason.UNDECODABLE, in.decodeError(), 1);
      return;
    }
    List<ParkedEvent> active = active(in.aggregateId(), null);
    if (active.isEmpty() || active.stream().allMatch(e -> e.reason() == Reason.GAP)) {
      // Nothing parked ahead of it, or only events waiting for an earlier one: this may be it.
      // Records after it in the poll may have been applied already: it is re-driven.
      single(in, false);
    } else {
      park(
          in, State.PARKED, Reason.BEHIND_PARKED, "an earlier event of the aggregate is parked", 0);
    }
  }

  private void park(Incoming in, State state, Reason reason, String detail, int attempts) {
    String id = ParkedEvent.idOf(topic, in.delivery());
    Optional<ParkedEvent> existing = store.find(id);
    if (existing.isPresent() && !existing.get().state().active()) {
      return; // parked before a restart and resolved since: this is a re-delivery
    }
    Instant now = clock.instant();
    Instant until = state == State.HELD ? now.plus(properties.gapWait()) : null;
    ParkedEvent entry =
        existing.orElseGet(
            () -> {
              Identity identity = identify(in);
              return new ParkedEvent(
                  id,
                  topic,
                  in.delivery().partition(),
                  in.delivery().offset(),
                  in.aggregateId(),
                  identity.eventId,
                  identity.type,
                  identity.revision,
                  identity.sequence,
                  state,
                  reason,
                  detail,
                  now,
                  now,
                  attempts,
                  until,
                  raw(in),
                  null,
                  null,
                  null);
            });
    store.save(entry);
    if (entry.state() == State.HELD) {
      held.put(id, entry.heldUntil());
    }
    if (in.aggregateId() != null) {
      AggregateMarker marker =
          store.marker(in.aggregateId()).orElse(AggregateMarker.empty(in.aggregateId()));
      store.save(marker.with(id));
      marked.add(in.aggregateId());
    }
    count();
    // Position, type and reason only: never the payload, which may hold personal data.
    log.warn(
        "{} record {} of aggregate {} ({} {}): {}",
        state == State.HELD ? "Holding" : "Parked",
        id,
        in.aggregateId(),
        reason,
        entry.type(),
        reason == Reason.EXCEPTION || reason == Reason.UNDECODABLE ? detail : "");
  }

  // ---- releasing

  /**
   * Applies the aggregate's parked entries in arrival order, as far as they go: an applied entry
   * restarts the scan (a held one behind it may follow now), an entry still waiting for an earlier
   * sequence is stepped over, anything that fails stops it.
   *
   * @return entries applied
   */
  private int drain(String aggregateId) {
    int released = 0;
    boolean progressed = true;
    while (progressed) {
      progressed = false;
      for (ParkedEvent entry : active(aggregateId, null)) {
        Attempt attempt = attempt(entry);
        if (attempt == Attempt.DONE) {
          released++;
          progressed = true;
          break;
        }
        if (attempt == Attempt.FAILED) {
          count();
          return released;
        }
      }
    }
    count();
    return released;
  }

  /** One try at an entry; the entry and the marker are updated with what happened. */
  private Attempt attempt(ParkedEvent entry) {
    Instant now = clock.instant();
    EventEnvelope envelope;
    try {
      envelope = codec.decode(Base64.getDecoder().decode(entry.raw()));
    } catch (RuntimeException e) {
      store.save(
          entry.failedAgain(State.PARKED, Reason.UNDECODABLE, e.getClass().getName(), now, null));
      return Attempt.FAILED;
    }
    try {
      applier.redrive(new Record(envelope, Delivery.redrive(store.redriveNumber(entry.id()))));
    } catch (RecordFailed failed) {
      if (failed.getCause() instanceof SequenceGap gap) {
        boolean wasHeldOrParkedGap = entry.reason() == Reason.GAP;
        State state = wasHeldOrParkedGap ? entry.state() : State.HELD;
        Instant until =
            state == State.HELD
                ? (wasHeldOrParkedGap ? entry.heldUntil() : now.plus(properties.gapWait()))
                : null;
        store.save(entry.failedAgain(state, Reason.GAP, gapDetail(gap), now, until));
        if (state == State.HELD) {
          held.put(entry.id(), until);
        }
        return Attempt.GAP;
      }
      store.save(
          entry.failedAgain(State.PARKED, Reason.EXCEPTION, detail(failed.getCause()), now, null));
      return Attempt.FAILED;
    }
    store.save(entry.applied(now));
    held.remove(entry.id());
    if (entry.aggregateId() != null) {
      store.marker(entry.aggregateId()).ifPresent(m -> store.save(m.without(entry.id())));
    }
    log.info("Applied parked record {} of aggregate {}", entry.id(), entry.aggregateId());
    return Attempt.DONE;
  }

  // ---- helpers

  /**
   * Whether the aggregate has an active parked entry (the in-memory set, confirmed by the marker).
   */
  private boolean isParked(String aggregateId) {
    return aggregateId != null
        && marked.contains(aggregateId)
        && !active(aggregateId, null).isEmpty();
  }

  /** The aggregate's active entries in arrival order ({@code self} when it has no aggregate). */
  private List<ParkedEvent> active(String aggregateId, ParkedEvent self) {
    if (aggregateId == null) {
      return self == null ? List.of() : List.of(self);
    }
    Optional<AggregateMarker> marker = store.marker(aggregateId);
    if (marker.isEmpty()) {
      return List.of();
    }
    List<ParkedEvent> active = new ArrayList<>();
    for (String id : marker.get().parked()) {
      store.find(id).filter(e -> e.state().active()).ifPresent(active::add);
    }
    active.sort(Comparator.comparing(ParkedEvent::partition).thenComparing(ParkedEvent::offset));
    return active;
  }

  private Release release(ParkedEvent entry, Outcome outcome, int released) {
    int still =
        entry.aggregateId() == null
            ? (entry.state().active() ? 1 : 0)
            : active(entry.aggregateId(), null).size();
    return new Release(
        entry.id(), outcome, entry.state(), entry.reason(), entry.detail(), released, still);
  }

  private void count() {
    long parked = 0;
    long holding = 0;
    for (ParkedEvent e : store.all()) {
      if (e.state() == State.PARKED) {
        parked++;
      } else if (e.state() == State.HELD) {
        holding++;
      }
    }
    parkedCount.set(parked);
    heldCount.set(holding);
  }

  private List<Record> records(List<Incoming> incoming) {
    return incoming.stream().map(in -> new Record(in.envelope(), in.delivery())).toList();
  }

  private String raw(Incoming in) {
    byte[] bytes = in.raw() != null ? in.raw() : codec.encode(in.envelope());
    return Base64.getEncoder().encodeToString(bytes);
  }

  private record Identity(String eventId, String type, Integer revision, Long sequence) {}

  /** What can be read of the record without its payload. */
  private Identity identify(Incoming in) {
    EventEnvelope e = in.envelope();
    if (e != null) {
      return new Identity(e.eventId(), e.type(), e.revision(), e.sequence());
    }
    try {
      JsonNode tree = codec.mapper().readTree(in.raw());
      return new Identity(
          text(tree, "eventId"),
          text(tree, "type"),
          tree.path("revision").isInt() ? tree.path("revision").asInt() : null,
          tree.path("sequence").isIntegralNumber() ? tree.path("sequence").asLong() : null);
    } catch (Exception unreadable) {
      return new Identity(null, null, null, null);
    }
  }

  private static String text(JsonNode tree, String field) {
    return tree.path(field).isTextual() ? tree.path(field).asText() : null;
  }

  private static String gapDetail(SequenceGap gap) {
    return "waiting for sequence " + gap.expected() + " (this is " + gap.actual() + ")";
  }

  private static String detail(RuntimeException e) {
    return FailureDetail.of(e);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
