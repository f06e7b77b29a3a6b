package jp.coordination.command.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import jp.coordination.platform.security.Actor;
import org.bson.Document;

/**
 * The latest display name the identity provider gave for each subject, so that the audit listing
 * can name the person behind an event's {@code actor}: collection {@code actors}, one document per
 * subject {@code {_id: sub, displayName, role, updatedAt}}.
 *
 * <p>Beside the events, not in them: the envelope is a hashed, versioned contract read by both
 * services (a new field would break a rolling upgrade), and a display name may change while the
 * subject does not.
 */
public final class ActorDirectory {

  /** The collection of known actors. */
  public static final String COLLECTION = "actors";

  static final String DISPLAY_NAME = "displayName";

  private final MongoCollection<Document> actors;
  private final Clock clock;
  // What this process has written per subject, so that after a user's first command the hot path
  // costs a map lookup. Only authenticated subjects reach it: it grows with the identity provider's
  // users, not with requests.
  private final ConcurrentMap<String, Written> written = new ConcurrentHashMap<>();

  private record Written(String displayName, String role) {}

  public ActorDirectory(MongoCollection<Document> actors, Clock clock) {
    this.actors = actors;
    this.clock = clock;
  }

  /**
   * Records the actor's display name and role, unless this process has already written the same. A
   * failed write throws and is written again next time.
   */
  public void remember(Actor actor) {
    Written now = new Written(actor.displayName(), actor.role());
    if (now.equals(written.get(actor.name()))) {
      return;
    }
    actors.updateOne(
        Filters.eq("_id", actor.name()),
        Updates.combine(
            Updates.set(DISPLAY_NAME, now.displayName()),
            Updates.set("role", now.role()),
            Updates.set("updatedAt", clock.instant().toString())),
        new UpdateOptions().upsert(true));
    written.put(actor.name(), now);
  }

  /** The display names of these subjects, in one query; a subject never recorded is absent. */
  public Map<String, String> displayNames(Collection<String> subjects) {
    Map<String, String> names = new HashMap<>();
    if (subjects.isEmpty()) {
      return names;
    }
    for (Document known :
        actors.find(Filters.in("_id", subjects)).projection(Projections.include(DISPLAY_NAME))) {
      if (known.get(DISPLAY_NAME) instanceof String name) {
        names.put(String.valueOf(known.get("_id")), name);
      }
    }
    return names;
  }
}
