package jp.coordination.command.household;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import jp.coordination.command.eventstore.EventStreams;
import jp.coordination.command.lease.Leases;
import jp.coordination.command.personaldata.ErasureSchedule;
import jp.coordination.command.personaldata.ErasureSchedule.Entry;
import jp.coordination.command.personaldata.ErasureSchedule.Requester;
import jp.coordination.command.personaldata.ErasureSchedule.Trigger;
import jp.coordination.command.personaldata.HouseholdKeys;
import jp.coordination.command.personaldata.PersonalDataProperties;
import jp.coordination.command.rules.RuleBrokenException;
import jp.coordination.platform.security.Authorities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Works through {@code erasure_schedule}: erases deregistered households whose retention period is
 * over (and those whose consent was withdrawn, due at once), and finishes erasures a crash left
 * half-done. Idempotent: an erasure already recorded counts as done. Logs household ids only.
 *
 * <p>An erasure somebody asked for (an erasure request, a withdrawal of consent) is completed in
 * that user's name and within that user's wards as they were when asked: the event records who
 * asked, and a household that has left those wards meanwhile keeps its key (the entry is dropped,
 * as the request would have been refused a moment later). A key already destroyed by the request
 * itself is recorded whatever the household's ward now: the record follows the fact. Erasures of
 * the retention period are nobody's request and are recorded as the system ({@link #ACTOR}).
 */
@Component
public class PersonalDataRetentionJob {
  /** The user name erasures of this job are recorded under (event {@code actor}). */
  static final String ACTOR = "personal-data-retention";

  /** The role erasures of this job are recorded under. */
  static final String ROLE = "SYSTEM";

  private static final Logger log = LoggerFactory.getLogger(PersonalDataRetentionJob.class);

  private final ErasureSchedule schedule;
  private final EventStreams streams;
  private final HouseholdErasure erasure;
  private final PersonalDataProperties properties;
  private final Clock clock;
  private final ObjectProvider<Leases> leases;
  private final HouseholdKeys keys;

  /**
   * @param leases the instance's leases: only the holder of the sweep's lease sweeps on schedule
   *     (erasures are idempotent by their derived command id, so a paused former holder's one more
   *     erasure is a duplicate); without leases (tests of the web layer) every scheduled sweep runs
   */
  public PersonalDataRetentionJob(
      ErasureSchedule schedule,
      EventStreams streams,
      HouseholdErasure erasure,
      PersonalDataProperties properties,
      ObjectProvider<Clock> clock,
      ObjectProvider<Leases> leases,
      HouseholdKeys keys) {
    this.leases = leases;
    this.keys = keys;
    this.schedule = schedule;
    this.streams = streams;
    this.erasure = erasure;
    this.properties = properties;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  @Scheduled(
      fixedDelayString = "${coordination.personal-data.sweep-interval}",
      initialDelayString = "${coordination.personal-data.sweep-interval}")
  void scheduledSweep() {
    Leases instance = leases.getIfAvailable();
    if (instance != null && !instance.of(Leases.PERSONAL_DATA_SWEEP).held()) {
      return; // another instance sweeps
    }
    try {
      sweep();
    } catch (RuntimeException e) {
      // The next sweep retries; the message names no person.
      log.warn("personal-data sweep failed, retrying later: {}", e.getClass().getSimpleName());
    }
  }

  /** One pass; returns how many households were erased. */
  public int sweep() {
    Instant now = clock.instant();
    List<Entry> due = schedule.dueAt(now);
    int erased = 0;
    for (Entry entry : due) {
      boolean settled = !entry.scheduledAt().isAfter(now.minus(properties.grace()));
      boolean triggered = entry.trigger() == Trigger.ERASURE || deregistrationStored(entry);
      if (!triggered) {
        if (settled) {
          schedule.remove(entry); // the deregistration was refused or never stored
        }
        continue;
      }
      if (entry.trigger() == Trigger.ERASURE && !settled) {
        continue; // the request that wrote it is probably still running
      }
      try {
        if (complete(entry)) {
          erased++;
        }
        schedule.remove(entry);
      } catch (AccessDeniedException e) {
        // Asked for by a user whose wards the household has left since: the request no longer
        // stands, and retrying would never change that.
        log.warn(
            "erasure of household {} dropped: no longer within the wards of the user who asked",
            entry.householdId());
        schedule.remove(entry);
      } catch (RuntimeException e) {
        // Left in the schedule for the next pass; the message names no person.
        log.warn(
            "erasure of household {} failed, retrying later: {}",
            entry.householdId(),
            e.getClass().getSimpleName());
      }
    }
    return erased;
  }

  /**
   * Whether the entry's deregistration is stored. A "no" may come from a cached stream that another
   * instance has written to since, and dropping the entry on it would leave personal data that must
   * be erased: a "no" is asked again of MongoDB. A "yes" needs no such care (streams only grow).
   */
  private boolean deregistrationStored(Entry entry) {
    if (streams.findCommand(entry.householdId(), entry.commandId()).isPresent()) {
      return true;
    }
    streams.forget(entry.householdId());
    return streams.findCommand(entry.householdId(), entry.commandId()).isPresent();
  }

  /** Erases now on behalf of the caller's own request (consent withdrawn). */
  boolean eraseNow(String householdId) {
    try {
      erasure.erase(householdId, HouseholdErasure.derivedCommandId(householdId), true, null);
      return true;
    } catch (RuleBrokenException alreadyErased) {
      return false;
    }
  }

  /** Erases in the name of whoever asked for it, or as the system when nobody did. */
  private boolean complete(Entry entry) {
    String householdId = entry.householdId();
    var previous = SecurityContextHolder.getContext();
    try {
      var context = SecurityContextHolder.createEmptyContext();
      context.setAuthentication(onBehalfOf(entry));
      SecurityContextHolder.setContext(context);
      boolean done = eraseNow(householdId);
      if (done) {
        log.info(
            "personal data of household {} erased by the erasure schedule ({})",
            householdId,
            entry.requester() == null ? "retention period" : "on request");
      }
      return done;
    } finally {
      SecurityContextHolder.setContext(previous);
    }
  }

  private Authentication onBehalfOf(Entry entry) {
    Requester requester = entry.requester();
    if (requester == null) {
      return UsernamePasswordAuthenticationToken.authenticated(
          ACTOR, null, AuthorityUtils.createAuthorityList(Authorities.ROLE_PREFIX + ROLE));
    }
    boolean keyDestroyed = keys.find(entry.householdId()).isEmpty();
    return (keyDestroyed ? requester.withoutWardScopes() : requester).authentication();
  }
}
