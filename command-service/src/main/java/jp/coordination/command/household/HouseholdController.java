package jp.coordination.command.household;

import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import jp.coordination.command.personaldata.DataKey;
import jp.coordination.command.personaldata.ErasureSchedule;
import jp.coordination.command.personaldata.HouseholdKeys;
import jp.coordination.command.personaldata.KeyDestroyedException;
import jp.coordination.command.personaldata.PersonalDataProperties;
import jp.coordination.command.web.BusinessTime;
import jp.coordination.command.web.CommandAccepted;
import jp.coordination.command.web.CommandDispatcher;
import jp.coordination.command.web.CommandDispatcher.Change;
import jp.coordination.command.web.CommandDispatcher.Creation;
import jp.coordination.events.AggregateType;
import jp.coordination.events.household.DeregistrationReason;
import jp.coordination.events.household.PersonalData;
import jp.coordination.events.personaldata.PersonalDataCipher;
import jp.coordination.events.region.Region;
import jp.coordination.platform.problem.ConflictException;
import jp.coordination.platform.problem.InvalidFieldException;
import jp.coordination.platform.problem.ProblemText;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Commands on the at-risk household register. */
@RestController
@RequestMapping("/api/households")
class HouseholdController {
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  private final CommandDispatcher dispatcher;
  private final Region region;
  private final Clock clock;
  private final HouseholdKeys keys;
  private final ErasureSchedule schedule;
  private final PersonalDataProperties personalData;
  private final HouseholdErasure erasure;
  private final PersonalDataRetentionJob retention;
  private final BusinessTime businessTime;

  HouseholdController(
      CommandDispatcher dispatcher,
      BusinessTime businessTime,
      Region region,
      ObjectProvider<Clock> clock,
      HouseholdKeys keys,
      ErasureSchedule schedule,
      PersonalDataProperties personalData,
      HouseholdErasure erasure,
      PersonalDataRetentionJob retention) {
    this.dispatcher = dispatcher;
    this.businessTime = businessTime;
    this.region = region;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
    this.keys = keys;
    this.schedule = schedule;
    this.personalData = personalData;
    this.erasure = erasure;
    this.retention = retention;
  }

  /**
   * Registers a household. The personal data is encrypted with the household's own data key here,
   * before it enters a command or an event; the request hash keeps only a keyed fingerprint of it,
   * which cannot be tested against guesses once the key is destroyed.
   */
  @PostMapping
  ResponseEntity<CommandAccepted> register(@Valid @RequestBody HouseholdRequests.Register body) {
    Instant consentAt = businessTime.requireInRange("consentAt", body.consentAt());
    if (body.area() != null
        && !region.ward(body.ward()).map(w -> w.hasArea(body.area())).orElse(false)) {
      throw new InvalidFieldException(
          "area", ProblemText.of("field.not-area-of-ward", body.ward()));
    }
    if (body.person().birthYear() > Year.now(clock.withZone(TOKYO)).getValue()) {
      throw new InvalidFieldException("person.birthYear", ProblemText.of("field.not-in-future"));
    }
    PersonalData person =
        new PersonalData(
            body.person().name(),
            body.person().address(),
            body.person().phone(),
            body.person().birthYear());
    RegistrationFingerprint fingerprint = new RegistrationFingerprint(body.withoutPerson());
    return dispatcher.create(
        new Creation(
            body.ward(),
            body.id(),
            body.at(),
            fingerprint,
            // Runs after the ward scope check and before the request is hashed.
            householdId -> {
              DataKey key;
              try {
                key = keys.keyFor(householdId);
              } catch (KeyDestroyedException e) {
                throw new ConflictException(ProblemText.of("conflict.erased-household"), "id");
              }
              fingerprint.person = PersonalDataCipher.fingerprint(key.bytes(), person);
              return new RegisterAtRiskHousehold(
                  householdId,
                  body.ward(),
                  body.area(),
                  body.riskFactors(),
                  body.disabilityTypes(),
                  body.child(),
                  body.supportNeeds(),
                  consentAt,
                  PersonalDataCipher.encrypt(householdId, key.version(), key.bytes(), person));
            }));
  }

  /**
   * What the request hash sees of a registration: the body without the person, and its keyed
   * fingerprint.
   */
  static final class RegistrationFingerprint {
    public final HouseholdRequests.Register request;
    public String person;

    RegistrationFingerprint(HouseholdRequests.Register request) {
      this.request = request;
    }
  }

  @PostMapping("/{id}/reassessments")
  ResponseEntity<CommandAccepted> reassess(
      @PathVariable UUID id, @Valid @RequestBody HouseholdRequests.Reassess body) {
    return dispatcher.change(
        new Change(
            AggregateType.HOUSEHOLD,
            id.toString(),
            body.id(),
            body.at(),
            body,
            new ReassessHouseholdRisk(id.toString(), body.riskFactors(), body.supportNeeds())));
  }

  @PostMapping("/{id}/moves")
  ResponseEntity<CommandAccepted> move(
      @PathVariable UUID id, @Valid @RequestBody HouseholdRequests.Move body) {
    return dispatcher.change(
        new Change(
            AggregateType.HOUSEHOLD,
            id.toString(),
            body.id(),
            body.at(),
            body,
            new MoveHouseholdToWard(id.toString(), body.toWard()),
            // A ward-scoped coordinator may neither move a household out of nor into other wards.
            List.of(body.toWard()),
            () -> {}));
  }

  /**
   * Deregisters. An erasure-schedule entry is written first (due after the retention period, or at
   * once when consent was withdrawn), so the erasure happens even if this request dies after the
   * deregistration is stored; the retention job only acts on it once the deregistration is stored.
   */
  @PostMapping("/{id}/deregistration")
  ResponseEntity<CommandAccepted> deregister(
      @PathVariable UUID id, @Valid @RequestBody HouseholdRequests.Deregister body) {
    UUID commandId = body.id() != null ? body.id() : UUID.randomUUID();
    boolean consentWithdrawn = body.reason() == DeregistrationReason.CONSENT_WITHDRAWN;
    Instant now = clock.instant();
    Instant due =
        consentWithdrawn ? now : now.atZone(TOKYO).plus(personalData.retention()).toInstant();
    // Withdrawing consent asks for the erasure: if this request cannot finish it, the sweeper
    // does, in this user's name. An erasure at the end of the retention period is nobody's request.
    ErasureSchedule.Requester requester =
        consentWithdrawn
            ? ErasureSchedule.Requester.of(SecurityContextHolder.getContext().getAuthentication())
            : null;
    ErasureSchedule.Entry entry =
        new ErasureSchedule.Entry(
            id.toString(),
            ErasureSchedule.Trigger.DEREGISTRATION,
            commandId.toString(),
            due,
            now,
            requester);
    ResponseEntity<CommandAccepted> answer =
        dispatcher.change(
            new Change(
                AggregateType.HOUSEHOLD,
                id.toString(),
                commandId,
                body.at(),
                body,
                new DeregisterHousehold(id.toString(), body.reason()),
                List.of(),
                () -> schedule.put(entry)));
    if (consentWithdrawn) {
      // Same request, same user: erase now. A crash before the removal leaves the entry for the
      // retention job, which finds the erasure already done.
      retention.eraseNow(id.toString());
      schedule.remove(entry);
    }
    return answer;
  }

  /** Records a consultation contact; the household must be registered (the aggregate's rule). */
  @PostMapping("/{id}/contacts")
  ResponseEntity<CommandAccepted> recordContact(
      @PathVariable UUID id, @Valid @RequestBody HouseholdRequests.Contact body) {
    return dispatcher.change(
        new Change(
            AggregateType.HOUSEHOLD,
            id.toString(),
            body.id(),
            body.at(),
            body,
            new RecordHouseholdContact(
                id.toString(), body.kind(), body.channel(), body.officeId())));
  }

  /**
   * Erases the household's personal data (key first, then the event; see {@link HouseholdErasure}).
   * A body is optional: {@code id} (a retry is answered as the first time) and {@code at}.
   */
  @PostMapping("/{id}/erasure")
  ResponseEntity<CommandAccepted> erase(
      @PathVariable UUID id, @Valid @RequestBody(required = false) HouseholdRequests.Erase body) {
    UUID commandId = body != null && body.id() != null ? body.id() : UUID.randomUUID();
    return erasure.erase(
        id.toString(),
        commandId,
        body != null && body.id() != null,
        body == null ? null : body.at());
  }
}
