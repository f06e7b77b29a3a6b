package jp.coordination.command.household;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import jp.coordination.command.eventstore.EventStreams;
import jp.coordination.command.eventstore.StreamScope;
import jp.coordination.command.personaldata.ErasureSchedule;
import jp.coordination.command.personaldata.ErasureSchedule.Entry;
import jp.coordination.command.personaldata.ErasureSchedule.Requester;
import jp.coordination.command.personaldata.ErasureSchedule.Trigger;
import jp.coordination.command.personaldata.HouseholdKeys;
import jp.coordination.command.rules.RuleBrokenException;
import jp.coordination.command.web.CommandAccepted;
import jp.coordination.command.web.CommandDispatcher;
import jp.coordination.command.web.CommandDispatcher.Change;
import jp.coordination.events.AggregateType;
import jp.coordination.platform.problem.NotFoundException;
import jp.coordination.platform.security.Actor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Erases a household's personal data: <b>key first, event second</b>.
 *
 * <ol>
 *   <li>the household's ward is read again from MongoDB, not from the cache of recent streams, and
 *       must be within the requesting user's wards (see {@code destroyKeyWithinScope});
 *   <li>an {@code erasure_schedule} entry is written, with the requesting user, so the erasure is
 *       finished by the sweeper, in that user's name, if this request dies half-way;
 *   <li>the household's data key is destroyed: from this moment every copy of the ciphertext, in
 *       the store, on Kafka and in any projection or backup of them, is unreadable;
 *   <li>{@code HouseholdPersonalDataErased} is recorded (the audit trail's record of the erasure);
 *   <li>the schedule entry is removed.
 * </ol>
 *
 * A crash after 3 leaves the data unrecoverable (the safe side) and the event missing until the
 * sweeper records it. The other order (event first) would leave the data readable until the key
 * destruction ran, and a lost key destruction would leave it readable forever unless driven from
 * the store; key first needs no such driver for the part that matters.
 */
@Component
public class HouseholdErasure {
  private final HouseholdKeys keys;
  private final ErasureSchedule schedule;
  private final CommandDispatcher dispatcher;
  private final EventStreams streams;
  private final Clock clock;

  public HouseholdErasure(
      HouseholdKeys keys,
      ErasureSchedule schedule,
      CommandDispatcher dispatcher,
      EventStreams streams,
      ObjectProvider<Clock> clock) {
    this.keys = keys;
    this.schedule = schedule;
    this.dispatcher = dispatcher;
    this.streams = streams;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  /**
   * Erases through the dispatcher (scope, existence and retry handling as for every command), in
   * the name of the current user.
   *
   * @param commandId the command's id: the client's, or one derived from the trigger
   * @param clientChose whether the client chose {@code commandId} (its retry then gets the first
   *     answer)
   */
  ResponseEntity<CommandAccepted> erase(
      String householdId, UUID commandId, boolean clientChose, String at) {
    Instant now = clock.instant();
    Entry entry =
        new Entry(
            householdId,
            Trigger.ERASURE,
            commandId.toString(),
            now,
            now,
            Requester.of(currentUser()));
    ResponseEntity<CommandAccepted> answer;
    try {
      answer =
          dispatcher.change(
              new Change(
                  AggregateType.HOUSEHOLD,
                  householdId,
                  commandId,
                  at,
                  Map.of("erasure", householdId),
                  new EraseHouseholdPersonalData(householdId),
                  java.util.List.of(),
                  // Runs once the caller is known to be allowed and the household to exist.
                  () -> destroyKeyWithinScope(entry)));
    } catch (RuleBrokenException alreadyErased) {
      // The erasure is already recorded: nothing is left to finish.
      schedule.remove(entry);
      throw alreadyErased;
    }
    schedule.remove(entry);
    return answer;
  }

  /**
   * The irreversible step, on the household's ward as MongoDB has it now. The dispatcher checked
   * the user's scope on the state it had at hand, which may come from this instance's cache of
   * recent streams and lag behind a move another instance stored: a command decided on it would
   * only conflict and be redone, but a destroyed key cannot be. So the ward is read again from the
   * store and checked before the entry is written and the key destroyed. (A move stored between
   * this read and the destruction is a race the erasure won.)
   */
  private void destroyKeyWithinScope(Entry entry) {
    String householdId = entry.householdId();
    streams.forget(householdId);
    StreamScope current =
        streams
            .scopeOf(householdId)
            .filter(s -> AggregateType.HOUSEHOLD.equals(s.aggregateType()))
            .orElseThrow(() -> NotFoundException.noSuchRecord());
    if (!Actor.of(currentUser()).mayActIn(current.ward())) {
      throw new AccessDeniedException("the household is not within the user's wards");
    }
    schedule.put(entry);
    keys.destroy(householdId, clock.instant());
  }

  private static Authentication currentUser() {
    Authentication user = SecurityContextHolder.getContext().getAuthentication();
    if (user == null) {
      throw new AccessDeniedException("not authenticated");
    }
    return user;
  }

  /** The command id of an erasure caused by something else (retention, consent withdrawal). */
  static UUID derivedCommandId(String householdId) {
    return UUID.nameUUIDFromBytes(
        ("erasure:" + householdId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
