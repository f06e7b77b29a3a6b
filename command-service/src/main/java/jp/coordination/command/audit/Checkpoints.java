package jp.coordination.command.audit;

import static jp.coordination.command.eventstore.StoredEvents.HEAD_HASH;
import static jp.coordination.command.eventstore.StoredEvents.ID;
import static jp.coordination.command.eventstore.StoredEvents.VERSION;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import jp.coordination.command.audit.BrokenEvent.Problem;
import jp.coordination.command.eventstore.EventHashChain;
import jp.coordination.command.eventstore.StoredEvents;
import jp.coordination.platform.security.ConstantTime;
import org.bson.Document;

/**
 * Takes, stores and checks checkpoints ({@code audit_checkpoints}, {@code _id} = number). Every
 * operation is by {@code _id}, except taking a checkpoint, which reads every stream's head once (an
 * audit operation, projected to {@code version} and {@code headHash}).
 *
 * <p>The newest stored checkpoint is the highest numeric {@code _id} (one read of the {@code _id}
 * index, newest first). A record document ({@code _id: "latest"}, moved forward with {@code $max}
 * after each insert) remembers the highest number ever taken: when it is ahead of the newest stored
 * checkpoint, checkpoints were deleted. A new checkpoint takes the number after both, so deleting
 * the newest and letting the schedule take the next one leaves the gap visible. A crash between
 * writing a checkpoint and moving the record loses nothing (the record then lags, which is
 * harmless), and two instances taking a checkpoint at once get consecutive numbers (the loser of
 * the duplicate key retries with the next one).
 *
 * <p>Hashes and HMACs are compared in constant time ({@link #sameHex}).
 */
public final class Checkpoints {

  /** The collection of checkpoints. */
  public static final String COLLECTION = "audit_checkpoints";

  /** The "previous hash" of checkpoint 1. */
  public static final String GENESIS =
      EventHashChain.hex(
          EventHashChain.sha256(
              "coordination-checkpoint-chain-v1".getBytes(StandardCharsets.UTF_8)));

  private static final String LATEST = "latest";
  private static final String NUMBER = "number";

  private final MongoCollection<Document> streams;
  private final MongoCollection<Document> checkpoints;
  private final Clock clock;
  private final byte[] hmacKey;

  /**
   * @param hmacKey key to authenticate checkpoints with, or {@code null}/empty for none
   */
  public Checkpoints(
      MongoCollection<Document> streams,
      MongoCollection<Document> checkpoints,
      Clock clock,
      byte[] hmacKey) {
    this.streams = streams;
    this.checkpoints = checkpoints;
    this.clock = clock;
    this.hmacKey = hmacKey == null || hmacKey.length == 0 ? null : hmacKey.clone();
  }

  /** Whether checkpoints are authenticated with a key. */
  public boolean signed() {
    return hmacKey != null;
  }

  /** Reads every stream's head and stores a new checkpoint chained to the newest one. */
  public Checkpoint create() {
    List<Checkpoint.Head> heads = new ArrayList<>();
    for (Document stream :
        streams.find().projection(Projections.include(VERSION, HEAD_HASH)).batchSize(1000)) {
      heads.add(
          new Checkpoint.Head(
              String.valueOf(stream.get(ID)),
              StoredEvents.versionOf(stream),
              stream.getString(HEAD_HASH)));
    }
    heads.sort(Comparator.comparing(Checkpoint.Head::aggregateId));
    long events = heads.stream().mapToLong(Checkpoint.Head::version).sum();
    String digest = digestOf(heads);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    while (true) {
      Optional<Checkpoint> previous = latest();
      // After the newest stored and after any number ever recorded: a deleted newest stays a gap.
      long number =
          Math.max(previous.map(Checkpoint::number).orElse(0L), recordedNewestNumber()) + 1;
      String previousHash = previous.map(Checkpoint::hash).orElse(GENESIS);
      String hash = hashOf(number, now, previousHash, heads.size(), events, digest);
      Checkpoint checkpoint =
          new Checkpoint(
              number, now, previousHash, heads.size(), events, digest, hash, hmacOf(hash), heads);
      try {
        checkpoints.insertOne(toDocument(checkpoint));
      } catch (MongoWriteException e) {
        if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
          continue; // another instance took this number: chain after it
        }
        throw e;
      }
      checkpoints.updateOne(
          Filters.eq(ID, LATEST), Updates.max(NUMBER, number), new UpdateOptions().upsert(true));
      return checkpoint;
    }
  }

  /** The newest stored checkpoint, with its heads. */
  public Optional<Checkpoint> latest() {
    long number = newestStoredNumber();
    return number == 0 ? Optional.empty() : byNumber(number);
  }

  /** A stored checkpoint by number, with its heads. */
  public Optional<Checkpoint> byNumber(long number) {
    return Optional.ofNullable(checkpoints.find(Filters.eq(ID, number)).first())
        .map(Checkpoints::fromDocument);
  }

  /**
   * The number of the newest stored checkpoint (0 when none): the highest numeric {@code _id}, read
   * newest first from the {@code _id} index. Not the record document, which only says what was
   * taken, and may name a checkpoint that is gone.
   */
  public long newestStoredNumber() {
    Document newest =
        checkpoints
            .find(Filters.ne(ID, LATEST))
            .projection(Projections.include(ID))
            .sort(Sorts.descending(ID))
            .limit(1)
            .first();
    return newest != null && newest.get(ID) instanceof Number n ? n.longValue() : 0;
  }

  /** The highest number the record document says was ever taken (0 when absent or damaged). */
  long recordedNewestNumber() {
    Document record = checkpoints.find(Filters.eq(ID, LATEST)).first();
    return record != null && record.get(NUMBER) instanceof Number n ? n.longValue() : 0;
  }

  /**
   * Checks the stored checkpoints from 1 to the newest: none is missing (the numbers run from 1
   * without a gap, up to at least the newest number ever recorded), each matches its own hash and
   * HMAC and names its predecessor's hash. Reads one checkpoint at a time by {@code _id}, without
   * heads (the heads of the newest are checked against its digest by {@link #checkItself}).
   */
  public Optional<BrokenEvent> checkChain() {
    long newest = newestStoredNumber();
    String previousHash = GENESIS;
    for (long number = 1; number <= newest; number++) {
      Document stored =
          checkpoints.find(Filters.eq(ID, number)).projection(Projections.exclude("heads")).first();
      if (stored == null) {
        return Optional.of(
            missing(
                "Checkpoint "
                    + number
                    + " of "
                    + newest
                    + " is missing: checkpoints were deleted"
                    + (number == 1 ? " (the chain must start at checkpoint 1)." : ".")));
      }
      Checkpoint checkpoint;
      try {
        checkpoint = fromDocument(stored);
      } catch (RuntimeException e) {
        return Optional.of(
            chainBroken("Checkpoint " + number + " lacks fields or holds malformed ones."));
      }
      if (checkpoint.previousHash() == null) {
        return Optional.of(
            chainBroken(
                "Checkpoint "
                    + number
                    + " has no link to its predecessor (previousHash): a checkpoint was altered."));
      }
      if (!ConstantTime.equal(previousHash, checkpoint.previousHash())) {
        return Optional.of(
            chainBroken(
                "Checkpoint "
                    + number
                    + " does not name checkpoint "
                    + (number - 1)
                    + " as its predecessor: a checkpoint was altered, removed or inserted."));
      }
      Optional<String> wrong = ownHashProblem(checkpoint);
      if (wrong.isPresent()) {
        return Optional.of(chainBroken("Checkpoint " + number + ": " + wrong.get()));
      }
      previousHash = checkpoint.hash();
    }
    long recorded = recordedNewestNumber();
    if (recorded > newest) {
      return Optional.of(
          missing(
              "Checkpoint "
                  + recorded
                  + ", recorded as taken, is missing; the stored chain ends at checkpoint "
                  + newest
                  + ": checkpoints were deleted."));
    }
    return Optional.empty();
  }

  /**
   * Checks that the store still holds a checkpoint known from outside it, with the same hash.
   *
   * @param source how the caller knows it, for the detail ({@code "given"}, {@code "exported"})
   */
  public Optional<BrokenEvent> checkKnown(KnownCheckpoint known, String source) {
    Optional<Checkpoint> stored;
    try {
      stored = byNumber(known.number());
    } catch (RuntimeException e) {
      return Optional.of(
          new BrokenEvent(
              Problem.CHECKPOINT_ALTERED,
              null,
              null,
              null,
              "The stored checkpoint "
                  + known.number()
                  + " is malformed; the "
                  + source
                  + " one is not."));
    }
    if (stored.isEmpty()) {
      long newest = newestStoredNumber();
      String where =
          newest == 0
              ? "The store holds no checkpoint at all"
              : newest < known.number()
                  ? "The store's checkpoint chain ends at checkpoint " + newest
                  : "The store lacks checkpoint " + known.number();
      return Optional.of(
          missing(
              where
                  + ", yet checkpoint "
                  + known.number()
                  + " is known ("
                  + source
                  + "): checkpoints were deleted."));
    }
    if (!ConstantTime.equal(stored.get().hash(), known.hash())) {
      return Optional.of(
          new BrokenEvent(
              Problem.CHECKPOINT_ALTERED,
              null,
              null,
              null,
              "The stored checkpoint "
                  + known.number()
                  + " differs from the "
                  + source
                  + " one: the checkpoint history was rewritten."));
    }
    return Optional.empty();
  }

  /** Checks a checkpoint (stored or exported) against its own digest, hash and HMAC. */
  public Optional<BrokenEvent> checkItself(Checkpoint checkpoint) {
    List<Checkpoint.Head> heads = new ArrayList<>(checkpoint.heads());
    heads.sort(Comparator.comparing(Checkpoint.Head::aggregateId));
    String problem = null;
    if (heads.size() != checkpoint.streams()
        || heads.stream().mapToLong(Checkpoint.Head::version).sum() != checkpoint.events()
        || !ConstantTime.equal(digestOf(heads), checkpoint.digest())) {
      problem = "its list of stream heads does not match its digest or counts";
    } else {
      problem = ownHashProblem(checkpoint).orElse(null);
    }
    return Optional.ofNullable(problem)
        .map(
            p ->
                new BrokenEvent(
                    Problem.CHECKPOINT_ALTERED,
                    null,
                    null,
                    null,
                    "Checkpoint " + checkpoint.number() + ": " + p + "."));
  }

  private Optional<String> ownHashProblem(Checkpoint checkpoint) {
    String expected =
        hashOf(
            checkpoint.number(),
            checkpoint.createdAt(),
            checkpoint.previousHash(),
            checkpoint.streams(),
            checkpoint.events(),
            checkpoint.digest());
    if (!ConstantTime.equal(expected, checkpoint.hash())) {
      return Optional.of("its fields do not match its hash");
    }
    if (hmacKey != null && !ConstantTime.equal(hmacOf(expected), checkpoint.hmac())) {
      return Optional.of(
          checkpoint.hmac() == null
              ? "it carries no HMAC although checkpoints are signed"
              : "its HMAC does not match the configured key");
    }
    return Optional.empty();
  }

  private static BrokenEvent chainBroken(String detail) {
    return new BrokenEvent(Problem.CHECKPOINT_CHAIN_BROKEN, null, null, null, detail);
  }

  private static BrokenEvent missing(String detail) {
    return new BrokenEvent(Problem.CHECKPOINT_MISSING, null, null, null, detail);
  }

  /** SHA-256 over the heads, sorted by aggregate id, one line {@code id\tversion\theadHash\n}. */
  public static String digestOf(List<Checkpoint.Head> sortedHeads) {
    StringBuilder text = new StringBuilder(sortedHeads.size() * 110);
    for (Checkpoint.Head head : sortedHeads) {
      text.append(head.aggregateId())
          .append('\t')
          .append(head.version())
          .append('\t')
          .append(head.headHash() == null ? "-" : head.headHash())
          .append('\n');
    }
    return EventHashChain.hex(
        EventHashChain.sha256(text.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /** SHA-256 over a checkpoint's fields, one per line, after a versioned label. */
  public static String hashOf(
      long number,
      Instant createdAt,
      String previousHash,
      long streams,
      long events,
      String digest) {
    String text =
        String.join(
            "\n",
            "coordination-checkpoint-v1",
            Long.toString(number),
            String.valueOf(createdAt),
            String.valueOf(previousHash),
            Long.toString(streams),
            Long.toString(events),
            String.valueOf(digest));
    return EventHashChain.hex(EventHashChain.sha256(text.getBytes(StandardCharsets.UTF_8)));
  }

  private String hmacOf(String hash) {
    if (hmacKey == null) {
      return null;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
      return EventHashChain.hex(mac.doFinal(hash.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
    }
  }

  private static Document toDocument(Checkpoint checkpoint) {
    List<Document> heads = new ArrayList<>(checkpoint.heads().size());
    for (Checkpoint.Head head : checkpoint.heads()) {
      heads.add(
          new Document("aggregateId", head.aggregateId())
              .append("version", head.version())
              .append("headHash", head.headHash()));
    }
    return new Document(ID, checkpoint.number())
        .append("createdAt", checkpoint.createdAt().toString())
        .append("previousHash", checkpoint.previousHash())
        .append("streams", checkpoint.streams())
        .append("events", checkpoint.events())
        .append("digest", checkpoint.digest())
        .append("hash", checkpoint.hash())
        .append("hmac", checkpoint.hmac())
        .append("heads", heads);
  }

  private static Checkpoint fromDocument(Document stored) {
    List<Checkpoint.Head> heads = new ArrayList<>();
    for (Document head : stored.getList("heads", Document.class, List.of())) {
      heads.add(
          new Checkpoint.Head(
              head.getString("aggregateId"),
              ((Number) head.get("version")).longValue(),
              head.getString("headHash")));
    }
    return new Checkpoint(
        ((Number) stored.get(ID)).longValue(),
        Instant.parse(stored.getString("createdAt")),
        stored.getString("previousHash"),
        ((Number) stored.get("streams")).longValue(),
        ((Number) stored.get("events")).longValue(),
        stored.getString("digest"),
        stored.getString("hash"),
        stored.getString("hmac"),
        heads);
  }
}
