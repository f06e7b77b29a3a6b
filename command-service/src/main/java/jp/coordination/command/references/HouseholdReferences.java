package jp.coordination.command.references;

import java.util.Optional;
import jp.coordination.command.eventstore.EventStreams;
import jp.coordination.command.eventstore.StreamScope;
import jp.coordination.command.rules.UnknownReferenceException;
import jp.coordination.events.AggregateType;
import jp.coordination.platform.problem.ProblemText;
import jp.coordination.platform.security.Actor;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * A household named by another feature's command (an intake, a co-support case) must be a
 * registered household the user may act on. For a ward-scoped user it must lie in one of the user's
 * wards, else 403, also when no such household exists: the answer never tells whether something
 * exists outside the user's wards (the same rule as for a path id). For a user of the whole region
 * an id that is no household is 404 naming the field.
 *
 * <p>The ward is the household's current one. An answer from the cache of recent streams that would
 * refuse is asked again of MongoDB first (another instance may have moved the household into the
 * user's wards); an answer that allows is used as it is, since a reference changes nothing of the
 * household and a move a moment ago is no stronger a fact than one a moment later.
 */
@Component
public class HouseholdReferences {
  private final EventStreams streams;

  public HouseholdReferences(EventStreams streams) {
    this.streams = streams;
  }

  /**
   * Throws unless the current user may name this household in a command; a {@code null} id (the
   * household is optional) passes.
   *
   * @param field the request field that names it, reported with a 404
   */
  public void requireReferable(String field, String householdId) {
    if (householdId == null) {
      return;
    }
    Authentication caller = SecurityContextHolder.getContext().getAuthentication();
    if (caller == null) {
      throw new AccessDeniedException("not authenticated");
    }
    Actor actor = Actor.of(caller);
    Optional<StreamScope> household = householdScope(householdId);
    if (!allows(actor, household)) {
      streams.forget(householdId);
      household = householdScope(householdId);
    }
    if (actor.wardScoped() && !allows(actor, household)) {
      throw new AccessDeniedException("the household is not within the user's wards");
    }
    if (household.isEmpty()) {
      throw new UnknownReferenceException(field, ProblemText.of("field.unregistered-household"));
    }
  }

  private Optional<StreamScope> householdScope(String householdId) {
    return streams
        .scopeOf(householdId)
        .filter(s -> AggregateType.HOUSEHOLD.equals(s.aggregateType()));
  }

  private static boolean allows(Actor actor, Optional<StreamScope> household) {
    return household.map(h -> h.ward() != null && actor.mayActIn(h.ward())).orElse(false);
  }
}
