package jp.coordination.query.consumer;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which generation of the read models is served, and which one a thread writes.
 *
 * <p>Every collection the consumer writes (projection documents, the ledger, positions, parking)
 * exists once per generation: generation 0 under its plain name, generation {@code n} under {@code
 * <name>_g<n>}. One pointer document, {@code projection_generations {_id: "active"}}, names the
 * generation that readers see and the live consumers write, whether the live consumers are to stand
 * still ({@link State#PAUSED}, during a rebuild's switch-over) and which rebuild holds the right to
 * change it. No document means generation 0, serving, no rebuild.
 *
 * <p>Each instance reads the pointer every {@code watch} interval ({@link #start}); a change
 * reaches every instance within that interval, without anything else telling them.
 *
 * <p>A thread may be bound to a generation ({@link #bind}): everything it reads and writes through
 * the stores then goes to that generation's collections, whatever the pointer says. The live
 * consumer binds its poll loop for as long as its session lasts, so that a batch never starts in
 * one generation and ends in another; a rebuild binds its thread to the generation it builds. A
 * thread that is not bound (HTTP requests, the live stream) uses the active generation. The same
 * pattern as Spring's {@code AbstractRoutingDataSource} with a thread-bound lookup key: every
 * projection, the apply code and the queries stay as they are and are shared by both.
 */
public final class Generations implements AutoCloseable {

  public static final String COLLECTION = "projection_generations";
  static final String ACTIVE = "active";
  private static final String SUFFIX = "_g";
  private static final Logger log = LoggerFactory.getLogger(Generations.class);

  /** Whether the live consumers run. */
  public enum State {
    SERVING,
    PAUSED
  }

  /**
   * The pointer document.
   *
   * @param generation the generation readers see and live consumers write
   * @param state {@link State#PAUSED} while a rebuild switches over
   * @param rebuild the id of the rebuild that holds the pointer, or null
   */
  public record Pointer(long generation, State state, String rebuild) {
    static final Pointer INITIAL = new Pointer(0, State.SERVING, null);
  }

  /** Restores what the thread was bound to before. */
  public interface Binding extends AutoCloseable {
    @Override
    void close();
  }

  private final MongoCollection<Document> pointers;
  private final MongoDatabase database;
  private final ThreadLocal<Long> bound = new ThreadLocal<>();
  private final List<LongConsumer> switchListeners = new CopyOnWriteArrayList<>();
  private final List<LongConsumer> dropListeners = new CopyOnWriteArrayList<>();
  private volatile Pointer pointer;
  private ScheduledExecutorService watcher;

  public Generations(MongoDatabase database) {
    this.database = database;
    this.pointers = database.getCollection(COLLECTION);
  }

  /** The name of a collection in a generation. */
  public static String collection(String base, long generation) {
    return generation == 0 ? base : base + SUFFIX + generation;
  }

  /** The name of a collection in the generation this thread works on ({@link #current}). */
  public String name(String base) {
    return collection(base, current());
  }

  /** The generation bound to this thread, else the active one. */
  public long current() {
    Long generation = bound.get();
    return generation != null ? generation : active();
  }

  /** Whether this thread writes a generation other than the one readers see (a rebuild). */
  public boolean boundElsewhere() {
    Long generation = bound.get();
    return generation != null && generation != active();
  }

  /**
   * The generation readers see, as this instance last read the pointer. Before a first read
   * succeeded (MongoDB was away at start) it is read now: guessing generation 0, which a rebuild
   * may have dropped, would answer empty read models; failing the request is honest.
   */
  public long active() {
    Pointer p = pointer;
    return (p == null ? refresh() : p).generation();
  }

  /** The pointer as this instance last read it; empty before the first successful read. */
  public Optional<Pointer> known() {
    return Optional.ofNullable(pointer);
  }

  /** Whether live consumers may write {@code generation} now, as this instance last saw it. */
  public boolean serving(long generation) {
    Pointer p = pointer;
    return p != null && p.state() == State.SERVING && p.generation() == generation;
  }

  /** Binds this thread to a generation until the binding is closed. */
  public Binding bind(long generation) {
    Long before = bound.get();
    bound.set(generation);
    return () -> {
      if (before == null) {
        bound.remove();
      } else {
        bound.set(before);
      }
    };
  }

  /** Called with the new active generation whenever this instance sees it change. */
  public void onSwitch(LongConsumer listener) {
    switchListeners.add(listener);
  }

  /** Called with a generation whose collections were dropped by this instance. */
  public void onDrop(LongConsumer listener) {
    dropListeners.add(listener);
  }

  /**
   * Reads the pointer from the database now. One read at a time, so that a slow read can never put
   * an older pointer back after a newer one (and fire the switch listeners backwards).
   */
  public synchronized Pointer refresh() {
    Document doc = pointers.find(Filters.eq("_id", ACTIVE)).first();
    Pointer read =
        doc == null
            ? Pointer.INITIAL
            : new Pointer(
                doc.get("generation", Number.class).longValue(),
                State.valueOf(doc.getString("state")),
                doc.getString("rebuild"));
    Pointer before = pointer;
    pointer = read;
    if (before != null && before.generation() != read.generation()) {
      log.info(
          "Read models switched from generation {} to {}", before.generation(), read.generation());
      switchListeners.forEach(l -> l.accept(read.generation()));
    }
    return read;
  }

  /** Reads the pointer now and then every {@code watch}, on a daemon thread. */
  public synchronized void start(Duration watch) {
    if (watcher != null) {
      return;
    }
    try {
      refresh();
    } catch (RuntimeException e) {
      // MongoDB not there yet: the watcher keeps trying; the consumer waits for a first read.
      log.warn("Could not read the read models' generation yet: {}", e.toString());
    }
    watcher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "generation-watch");
              t.setDaemon(true);
              return t;
            });
    long every = Math.max(10, watch.toMillis());
    watcher.scheduleWithFixedDelay(
        () -> {
          try {
            refresh();
          } catch (RuntimeException e) {
            log.debug("Could not read the read models' generation: {}", e.toString());
          }
        },
        every,
        every,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void close() {
    if (watcher != null) {
      watcher.shutdownNow();
      watcher = null;
    }
  }

  // The pointer's changes, all conditional on who holds it. Filters name few keys, but the
  // collection holds one document, so the stand-in's scan costs nothing.

  /**
   * Takes the pointer for a rebuild, if no other rebuild holds it.
   *
   * @return false when another rebuild holds it
   */
  public boolean claim(String rebuild) {
    try {
      pointers.insertOne(
          new Document("_id", ACTIVE)
              .append("generation", 0L)
              .append("state", State.SERVING.name())
              .append("rebuild", rebuild));
      return true;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
    }
    return changed(holder(null), Updates.set("rebuild", rebuild));
  }

  /** Takes the pointer from a rebuild that stopped (its instance died); serving again. */
  public boolean takeOver(String from, String to) {
    return changed(
        holder(from),
        Updates.combine(Updates.set("rebuild", to), Updates.set("state", State.SERVING.name())));
  }

  /** Asks every live consumer to stand still. */
  public boolean pause(String rebuild) {
    return changed(holder(rebuild), Updates.set("state", State.PAUSED.name()));
  }

  /** Points readers and live consumers at {@code to}, and lets the consumers run again. */
  public boolean switchTo(String rebuild, long from, long to) {
    return changed(
        new Document("_id", ACTIVE).append("rebuild", rebuild).append("generation", from),
        Updates.combine(Updates.set("generation", to), Updates.set("state", State.SERVING.name())));
  }

  /** Gives the pointer up: serving, held by no rebuild. */
  public boolean release(String rebuild) {
    return changed(
        holder(rebuild),
        Updates.combine(Updates.set("rebuild", null), Updates.set("state", State.SERVING.name())));
  }

  private static Document holder(String rebuild) {
    return new Document("_id", ACTIVE).append("rebuild", rebuild);
  }

  private boolean changed(Bson filter, Bson update) {
    boolean changed = pointers.updateOne(filter, update).getMatchedCount() == 1;
    try {
      refresh();
    } catch (RuntimeException e) {
      // The write happened: reporting it as failed would make a switch look undone. The watcher
      // reads the pointer again within its interval.
      log.warn("Pointer written, but reading it back failed: {}", e.toString());
    }
    return changed;
  }

  /**
   * The collections of a generation, as the database lists them. Generation 0 has plain names,
   * which cannot be told from any other collection's: its collections are those that have a
   * counterpart in {@code newer}, plus the consumer's own, which every generation has.
   */
  public List<String> collectionsOf(long generation, long newer) {
    List<String> all = new ArrayList<>();
    database.listCollectionNames().into(all);
    List<String> of = new ArrayList<>();
    if (generation > 0) {
      String suffix = SUFFIX + generation;
      for (String name : all) {
        if (name.endsWith(suffix)) {
          of.add(name);
        }
      }
      return of;
    }
    String newerSuffix = SUFFIX + newer;
    for (String name : all) {
      if (name.endsWith(newerSuffix)) {
        String base = name.substring(0, name.length() - newerSuffix.length());
        if (all.contains(base)) {
          of.add(base);
        }
      }
    }
    for (String own : CONSUMER_COLLECTIONS) {
      if (all.contains(own) && !of.contains(own)) {
        of.add(own);
      }
    }
    return of;
  }

  /** Drops every collection of a generation. */
  public void drop(long generation, long newer) {
    for (String name : collectionsOf(generation, newer)) {
      database.getCollection(name).drop();
    }
    // What this instance keeps in memory of them (documents read for update) is gone with them.
    dropListeners.forEach(l -> l.accept(generation));
  }

  /** What the consumer itself keeps per generation, beside the projections' documents. */
  static final List<String> CONSUMER_COLLECTIONS =
      List.of(
          MongoProjectionStore.LEDGER,
          PositionStore.COLLECTION,
          MongoParkingStore.EVENTS,
          MongoParkingStore.AGGREGATES);
}
