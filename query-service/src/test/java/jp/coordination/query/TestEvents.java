package jp.coordination.query;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.coordination.events.DomainEvent;
import jp.coordination.events.cosupport.ActivityType;
import jp.coordination.events.cosupport.CoSupportActivityRecorded;
import jp.coordination.events.cosupport.CoSupportClosed;
import jp.coordination.events.cosupport.CoSupportOpened;
import jp.coordination.events.cosupport.CoSupportOutcome;
import jp.coordination.events.cosupport.Difficulty;
import jp.coordination.events.envelope.Envelopes;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.facility.Capability;
import jp.coordination.events.facility.FacilityAvailabilityDeclared;
import jp.coordination.events.facility.FacilityKind;
import jp.coordination.events.facility.FacilityRegistered;
import jp.coordination.events.household.AtRiskHouseholdRegistered;
import jp.coordination.events.household.DeregistrationReason;
import jp.coordination.events.household.DisabilityType;
import jp.coordination.events.household.HouseholdDeregistered;
import jp.coordination.events.household.HouseholdMovedWard;
import jp.coordination.events.household.HouseholdPersonalDataErased;
import jp.coordination.events.household.HouseholdRiskReassessed;
import jp.coordination.events.household.PersonalData;
import jp.coordination.events.household.RiskFactor;
import jp.coordination.events.intake.DeclineReason;
import jp.coordination.events.intake.EmergencyIntakeCancelled;
import jp.coordination.events.intake.EmergencyIntakeCompleted;
import jp.coordination.events.intake.EmergencyIntakeDeclined;
import jp.coordination.events.intake.EmergencyIntakePlaced;
import jp.coordination.events.intake.EmergencyIntakeRequested;
import jp.coordination.events.intake.IntakeOutcome;
import jp.coordination.events.intake.IntakeTrigger;
import jp.coordination.events.personaldata.LocalMasterKey;
import jp.coordination.events.personaldata.MasterKey;
import jp.coordination.events.personaldata.PersonalDataCipher;

/**
 * Builds envelopes the way the command side does ({@link Envelopes#wrap}), numbering each
 * aggregate's events from 0. Times are given as Tokyo wall-clock times, which is how the rules
 * read.
 */
public final class TestEvents {

  public static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  private final Map<String, Long> sequences = new HashMap<>();

  /** The person every test household registers. */
  public static final PersonalData PERSON =
      new PersonalData("山田 太郎", "仙台市青葉区1-1", "022-000-0000", 1980);

  /**
   * The development master key the tests' key documents are wrapped with (the services' default).
   */
  public static final MasterKey MASTER_KEY =
      LocalMasterKey.fromBase64("ZGV2ZWxvcG1lbnQtb25seS1tYXN0ZXIta2V5LTAwMDE=");

  private final Map<String, byte[]> dataKeys = new HashMap<>();

  /** The household's data key in these tests. */
  public byte[] dataKey(String householdId) {
    return dataKeys.computeIfAbsent(householdId, id -> PersonalDataCipher.newDataKey());
  }

  /** The household's key as the command-service stores it in {@code household_keys}. */
  public org.bson.Document keyDocument(String householdId) {
    byte[] wrapped =
        MASTER_KEY.wrap(dataKey(householdId), PersonalDataCipher.keyContext(householdId, 1));
    return new org.bson.Document("_id", householdId)
        .append("keyVersion", 1)
        .append("wrappedKey", java.util.Base64.getEncoder().encodeToString(wrapped))
        .append("createdAt", new java.util.Date())
        .append("destroyedAt", null);
  }

  /** A Tokyo wall-clock time, e.g. {@code jst("2026-04-01T00:00")}. */
  public static Instant jst(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(TOKYO).toInstant();
  }

  /** Wraps a payload with business time {@code at}, recorded one second later. */
  public EventEnvelope wrap(DomainEvent payload, Instant at) {
    return wrap(payload, at, at.plusSeconds(1));
  }

  /** Wraps a payload with business time {@code at}, recorded at {@code recordedAt}. */
  public EventEnvelope wrap(DomainEvent payload, Instant at, Instant recordedAt) {
    long sequence = sequences.merge(payload.aggregateId(), 1L, Long::sum) - 1;
    return Envelopes.wrap(
        payload,
        UUID.randomUUID().toString(),
        sequence,
        at,
        recordedAt,
        "coordinator",
        "COORDINATOR",
        UUID.randomUUID().toString(),
        UUID.randomUUID().toString());
  }

  public EventEnvelope householdRegistered(
      String id, String ward, Instant at, RiskFactor... factors) {
    return wrap(
        new AtRiskHouseholdRegistered(
            id,
            ward,
            null,
            List.of(factors),
            List.of(DisabilityType.INTELLECTUAL),
            false,
            List.of(),
            at.minusSeconds(3600),
            PersonalDataCipher.encrypt(id, 1, dataKey(id), PERSON)),
        at);
  }

  /** A registration entered late: business time {@code at}, recorded at {@code recordedAt}. */
  public EventEnvelope householdRegisteredLate(
      String id, String ward, Instant at, Instant recordedAt) {
    return wrap(
        new AtRiskHouseholdRegistered(
            id,
            ward,
            null,
            List.of(),
            List.of(DisabilityType.INTELLECTUAL),
            false,
            List.of(),
            at.minusSeconds(3600),
            PersonalDataCipher.encrypt(id, 1, dataKey(id), PERSON)),
        at,
        recordedAt);
  }

  public EventEnvelope householdReassessed(
      String id, String ward, Instant at, RiskFactor... factors) {
    return wrap(new HouseholdRiskReassessed(id, ward, List.of(factors), List.of()), at);
  }

  public EventEnvelope householdMoved(String id, String from, String to, Instant at) {
    return wrap(new HouseholdMovedWard(id, from, to), at);
  }

  public EventEnvelope householdDeregistered(String id, String ward, Instant at) {
    return wrap(new HouseholdDeregistered(id, ward, DeregistrationReason.NO_LONGER_AT_RISK), at);
  }

  public EventEnvelope householdErased(String id, String ward, Instant at) {
    return wrap(new HouseholdPersonalDataErased(id, ward), at);
  }

  public EventEnvelope intakeRequested(String id, String ward, Instant at) {
    return wrap(
        new EmergencyIntakeRequested(
            id, ward, null, IntakeTrigger.CAREGIVER_SUDDEN_ILLNESS, List.of()),
        at);
  }

  public EventEnvelope intakeDeclined(String id, String ward, String facilityId, Instant at) {
    return wrap(new EmergencyIntakeDeclined(id, ward, facilityId, DeclineReason.NO_BED), at);
  }

  public EventEnvelope intakePlaced(String id, String ward, String facilityId, Instant at) {
    return wrap(new EmergencyIntakePlaced(id, ward, facilityId, null), at);
  }

  public EventEnvelope intakeCompleted(String id, String ward, Instant at) {
    return wrap(new EmergencyIntakeCompleted(id, ward, null, IntakeOutcome.RETURNED_HOME), at);
  }

  public EventEnvelope intakeCancelled(String id, String ward, Instant at) {
    return wrap(new EmergencyIntakeCancelled(id, ward, "family arrived"), at);
  }

  public EventEnvelope coSupportOpened(String id, String ward, Instant at) {
    return wrap(
        new CoSupportOpened(id, ward, "office-1", null, List.of(Difficulty.SUPPORT_REFUSAL)), at);
  }

  public EventEnvelope coSupportActivity(String id, String ward, Instant at) {
    return wrap(new CoSupportActivityRecorded(id, ward, ActivityType.JOINT_VISIT), at);
  }

  public EventEnvelope coSupportClosed(String id, String ward, Instant at) {
    return wrap(new CoSupportClosed(id, ward, CoSupportOutcome.OFFICE_CONTINUES_ALONE), at);
  }

  public EventEnvelope facilityRegistered(String id, String ward, int beds, Instant at) {
    return facilityRegistered(id, ward, beds, at, at.plusSeconds(1));
  }

  /** A registration whose business time {@code at} may be far from when it was recorded. */
  public EventEnvelope facilityRegistered(
      String id, String ward, int beds, Instant at, Instant recordedAt) {
    return wrap(
        new FacilityRegistered(
            id,
            "ショートステイ" + id,
            ward,
            FacilityKind.SHORT_STAY,
            List.of(Capability.WHEELCHAIR),
            beds),
        at,
        recordedAt);
  }

  public EventEnvelope facilityDeclared(String id, String ward, int available, Instant at) {
    return wrap(new FacilityAvailabilityDeclared(id, ward, available), at);
  }
}
