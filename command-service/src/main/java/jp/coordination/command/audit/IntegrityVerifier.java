package jp.coordination.command.audit;

import static jp.coordination.command.eventstore.StoredEvents.HASH;
import static jp.coordination.command.eventstore.StoredEvents.HEAD_HASH;
import static jp.coordination.command.eventstore.StoredEvents.ID;
import static jp.coordination.command.eventstore.StoredEvents.REQUEST_HASH;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoCollection;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.coordination.command.audit.BrokenEvent.Problem;
import jp.coordination.command.eventstore.EventHashChain;
import jp.coordination.command.eventstore.StoredEvents;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.platform.security.ConstantTime;
import org.bson.Document;

/**
 * Checks the event store against its hash chains and a checkpoint: one streaming pass over {@code
 * event_streams}, holding one stream at a time (plus the checkpoint's heads, one small entry per
 * stream). Used by {@code GET /api/audit/integrity} and by the command-line verifier.
 */
public final class IntegrityVerifier {

  private final MongoCollection<Document> streams;
  private final StoredEvents storedEvents;
  private final Checkpoints checkpoints;
  private final Clock clock;
  private final ObjectMapper mapper;

  public IntegrityVerifier(
      MongoCollection<Document> streams,
      StoredEvents storedEvents,
      Checkpoints checkpoints,
      Clock clock) {
    this.streams = streams;
    this.storedEvents = storedEvents;
    this.checkpoints = checkpoints;
    this.clock = clock;
    this.mapper = storedEvents.codec().mapper();
  }

  /** Verifies against the newest stored checkpoint, if there is one. */
  public IntegrityReport verify() {
    return verify(null, null);
  }

  /**
   * Verifies every stream's chain, the stored checkpoints' chain, and the store against a
   * checkpoint: the exported one if given (which must also equal the stored checkpoint of the same
   * number), else the newest stored one.
   */
  public IntegrityReport verify(Checkpoint exported) {
    return verify(exported, null);
  }

  /**
   * Verifies as {@link #verify()} does, and that the store still holds the checkpoint the caller
   * knows of from outside MongoDB, with its hash: a chain that ends before it, or holds another
   * checkpoint under its number, is broken.
   */
  public IntegrityReport verify(KnownCheckpoint known) {
    return verify(null, known);
  }

  /**
   * Verifies every stream's chain, the stored checkpoints' chain (no checkpoint missing, none
   * altered), that the stored chain still holds the exported and the known checkpoint (when given)
   * with their hashes, and the store against a checkpoint: the exported one if given, else the
   * newest stored one.
   *
   * @param exported an exported checkpoint with its heads, or {@code null}
   * @param known the number and hash of a checkpoint known from outside MongoDB, or {@code null}
   */
  public IntegrityReport verify(Checkpoint exported, KnownCheckpoint known) {
    Findings findings = new Findings();
    findings.add(checkpoints.checkChain());
    if (known != null) {
      findings.add(checkpoints.checkKnown(known, "given"));
    }
    Checkpoint against = exported;
    if (exported != null) {
      Optional<BrokenEvent> itself = checkpoints.checkItself(exported);
      findings.add(itself);
      if (itself.isEmpty() && exported.number() >= 1) {
        // Its own hash holds, so its number and hash are what was exported: the store must agree.
        findings.add(checkpoints.checkKnown(KnownCheckpoint.of(exported), "exported"));
      }
    } else {
      try {
        against = checkpoints.latest().orElse(null);
      } catch (RuntimeException e) {
        // Malformed beyond reading: the chain check above names it; compare with nothing.
        against = null;
      }
      if (against != null) {
        findings.add(checkpoints.checkItself(against));
      }
    }
    Map<String, Checkpoint.Head> expected = new HashMap<>();
    if (against != null) {
      against.heads().forEach(head -> expected.put(head.aggregateId(), head));
    }

    long events = 0;
    long streamCount = 0;
    // Event-level findings come first: they name the event an auditor has to look at.
    Findings streamFindings = new Findings();
    for (Document stream : streams.find().batchSize(100)) {
      streamCount++;
      List<Document> stored = StoredEvents.eventsOf(stream);
      events += stored.size();
      String aggregateId = String.valueOf(stream.get(ID));
      Optional<BrokenEvent> broken = checkStream(aggregateId, stream, stored);
      Checkpoint.Head head = expected.remove(aggregateId);
      if (broken.isEmpty() && head != null) {
        broken = checkAgainstHead(aggregateId, stored, head);
      }
      streamFindings.add(broken);
    }
    long checkpointNumber = against == null ? 0 : against.number();
    expected.values().stream()
        .sorted(Comparator.comparing(Checkpoint.Head::aggregateId))
        .forEach(
            head ->
                streamFindings.add(
                    new BrokenEvent(
                        Problem.STREAM_MISSING,
                        head.aggregateId(),
                        null,
                        null,
                        "The stream with "
                            + head.version()
                            + " events at checkpoint "
                            + checkpointNumber
                            + " is gone.")));
    BrokenEvent first = streamFindings.first != null ? streamFindings.first : findings.first;
    long problems = streamFindings.count + findings.count;
    return new IntegrityReport(
        problems == 0,
        events,
        streamCount,
        clock.instant(),
        against == null ? null : against.withoutHeads(),
        problems,
        first);
  }

  /**
   * The first problem of one stream: its events in order, each matching its hash, then its head.
   */
  Optional<BrokenEvent> checkStream(String aggregateId, Document stream, List<Document> stored) {
    String previous = EventHashChain.GENESIS;
    for (int position = 0; position < stored.size(); position++) {
      Document event = stored.get(position);
      String eventId = event.get("eventId") instanceof String id ? id : null;
      Long sequence = sequenceOf(event);
      if (sequence == null) {
        return broken(
            Problem.UNDECODABLE, aggregateId, position, eventId, "It has no sequence number.");
      }
      if (sequence != position) {
        return Optional.of(outOfPlace(aggregateId, stored, position, sequence, eventId));
      }
      if (!aggregateId.equals(event.get("aggregateId"))) {
        return broken(
            Problem.WRONG_STREAM,
            aggregateId,
            position,
            eventId,
            "It names aggregate " + event.get("aggregateId") + " but is stored in this stream.");
      }
      // The stored event without its hashes, converted once: decoded, compared and hashed from it.
      ObjectNode storedTree = mapper.valueToTree(event);
      storedTree.remove(REQUEST_HASH);
      storedTree.remove(HASH);
      EventEnvelope envelope;
      try {
        envelope = storedEvents.codec().fromTree(storedTree);
      } catch (RuntimeException e) {
        return broken(
            Problem.UNDECODABLE,
            aggregateId,
            position,
            eventId,
            "It cannot be read as an envelope.");
      }
      // An event of an older revision is read through the upcasters, but it was hashed as its own
      // revision was written: its stored form, which no class of this build writes any more.
      boolean olderRevision = storedEvents.codec().isOlderRevision(storedTree);
      Optional<String> difference =
          olderRevision ? Optional.empty() : canonicalDifference(storedTree, envelope);
      if (difference.isPresent()) {
        return broken(Problem.NOT_CANONICAL, aggregateId, position, eventId, difference.get());
      }
      String hash = event.get(HASH) instanceof String h ? h : null;
      if (hash == null) {
        return broken(
            Problem.HASH_MISSING,
            aggregateId,
            position,
            eventId,
            "It carries no hash (stored before hashing, or the hash was removed).");
      }
      String requestHash = event.get(REQUEST_HASH) instanceof String r ? r : null;
      byte[] hashed = olderRevision ? asWritten(storedTree) : storedEvents.codec().encode(envelope);
      String computed = EventHashChain.next(previous, hashed, requestHash);
      if (!ConstantTime.equal(computed, hash)) {
        return broken(
            Problem.HASH_MISMATCH,
            aggregateId,
            position,
            eventId,
            "Its content or its place in the chain does not match its hash: the event was altered"
                + " (or an event before it was replaced).");
      }
      previous = hash;
    }
    long version = stream.get("version") instanceof Number n ? n.longValue() : -1;
    String headHash = stream.getString(HEAD_HASH);
    if (version != stored.size()
        || !ConstantTime.equal(headHash, stored.isEmpty() ? null : previous)) {
      long last = stored.size() - 1L;
      return Optional.of(
          new BrokenEvent(
              version > stored.size() ? Problem.MISSING : Problem.STREAM_HEAD_MISMATCH,
              aggregateId,
              version > stored.size() ? (long) stored.size() : Math.max(last, 0),
              version > stored.size() || stored.isEmpty()
                  ? null
                  : stored.get((int) last).getString("eventId"),
              "The stream records version "
                  + version
                  + " and a head hash that do not match its "
                  + stored.size()
                  + " events: events were removed from its end, added, or its head was edited."));
    }
    return Optional.empty();
  }

  private static BrokenEvent outOfPlace(
      String aggregateId, List<Document> stored, int position, long sequence, String eventId) {
    if (sequence < position) {
      return new BrokenEvent(
          Problem.INSERTED,
          aggregateId,
          (long) position,
          eventId,
          "Position "
              + position
              + " holds sequence "
              + sequence
              + ", which comes earlier: an event was inserted.");
    }
    boolean storedLater = false;
    for (int later = position + 1; later < stored.size(); later++) {
      Long other = sequenceOf(stored.get(later));
      if (other != null && other == position) {
        storedLater = true;
        break;
      }
    }
    if (storedLater) {
      return new BrokenEvent(
          Problem.REORDERED,
          aggregateId,
          (long) position,
          eventId,
          "Position "
              + position
              + " holds sequence "
              + sequence
              + "; sequence "
              + position
              + " is stored later.");
    }
    return new BrokenEvent(
        Problem.MISSING,
        aggregateId,
        (long) position,
        null,
        "Sequence "
            + position
            + " is missing: the next stored event has sequence "
            + sequence
            + ".");
  }

  /** Whether the stored document says exactly what the envelope says, no more and no other. */
  private byte[] asWritten(ObjectNode storedTree) {
    try {
      return mapper.writeValueAsBytes(storedTree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A stored event cannot be written as JSON", e);
    }
  }

  private Optional<String> canonicalDifference(ObjectNode stored, EventEnvelope envelope) {
    ObjectNode canonical = storedEvents.codec().toTree(envelope);
    if (canonical.equals(NUMERIC_EQUALITY, stored)) {
      return Optional.empty();
    }
    var fields = stored.fieldNames();
    while (fields.hasNext()) {
      String field = fields.next();
      if (!canonical.has(field)) {
        return Optional.of("It holds a field the envelope does not have: " + field + ".");
      }
      if (!canonical.get(field).equals(NUMERIC_EQUALITY, stored.get(field))) {
        return Optional.of("Its field " + field + " is not stored in the envelope's form.");
      }
    }
    return Optional.of("It lacks fields of the envelope.");
  }

  /** JSON equality where 1 (int) equals 1 (long): BSON keeps whichever width the driver chose. */
  private static final Comparator<JsonNode> NUMERIC_EQUALITY =
      (a, b) -> {
        if (a.equals(b)) {
          return 0;
        }
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return 1;
      };

  private static Optional<BrokenEvent> checkAgainstHead(
      String aggregateId, List<Document> stored, Checkpoint.Head head) {
    if (stored.size() < head.version()) {
      return Optional.of(
          new BrokenEvent(
              Problem.TRUNCATED,
              aggregateId,
              (long) stored.size(),
              null,
              "The stream has "
                  + stored.size()
                  + " events; the checkpoint saw "
                  + head.version()
                  + ": events were removed and the chain rebuilt."));
    }
    if (head.version() > 0) {
      Document seen = stored.get((int) head.version() - 1);
      if (!ConstantTime.equal(seen.getString(HASH), head.headHash())) {
        return Optional.of(
            new BrokenEvent(
                Problem.REWRITTEN,
                aggregateId,
                head.version() - 1,
                seen.getString("eventId"),
                "This event's hash differs from the one the checkpoint saw: the stream up to it was"
                    + " rewritten and its chain recomputed."));
      }
    }
    return Optional.empty();
  }

  private static Long sequenceOf(Document event) {
    return event.get("sequence") instanceof Number n ? n.longValue() : null;
  }

  private static Optional<BrokenEvent> broken(
      Problem problem, String aggregateId, long position, String eventId, String detail) {
    return Optional.of(new BrokenEvent(problem, aggregateId, position, eventId, detail));
  }

  /** Counts problems and keeps the first. */
  private static final class Findings {
    BrokenEvent first;
    long count;

    void add(Optional<BrokenEvent> broken) {
      broken.ifPresent(this::add);
    }

    void add(BrokenEvent broken) {
      count++;
      if (first == null) {
        first = broken;
      }
    }
  }
}
