package jp.coordination.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.coordination.events.capacity.CapacityActivityCorrected;
import jp.coordination.events.capacity.CapacityActivityKind;
import jp.coordination.events.capacity.CapacityActivityRecorded;
import jp.coordination.events.capacity.CapacityActivityWithdrawn;
import jp.coordination.events.capacity.Organiser;
import jp.coordination.events.capacity.ParticipantKind;
import jp.coordination.events.care.SupportNeed;
import jp.coordination.events.communityissue.CommunityIssueCategory;
import jp.coordination.events.communityissue.CommunityIssueClosed;
import jp.coordination.events.communityissue.CommunityIssueDiscussed;
import jp.coordination.events.communityissue.CommunityIssueProposed;
import jp.coordination.events.communityissue.CommunityIssueRaised;
import jp.coordination.events.communityissue.CommunityIssueResolution;
import jp.coordination.events.communityissue.CommunityIssueSource;
import jp.coordination.events.cosupport.ActivityType;
import jp.coordination.events.cosupport.CoSupportActivityRecorded;
import jp.coordination.events.cosupport.CoSupportClosed;
import jp.coordination.events.cosupport.CoSupportOpened;
import jp.coordination.events.cosupport.CoSupportOutcome;
import jp.coordination.events.cosupport.Difficulty;
import jp.coordination.events.envelope.Envelopes;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.experiencestay.ExperienceStayArranged;
import jp.coordination.events.experiencestay.ExperienceStayCancelled;
import jp.coordination.events.experiencestay.ExperienceStayCompleted;
import jp.coordination.events.experiencestay.ExperienceStayKind;
import jp.coordination.events.experiencestay.ExperienceStayOutcome;
import jp.coordination.events.experiencestay.ExperienceStayStarted;
import jp.coordination.events.facility.Capability;
import jp.coordination.events.facility.FacilityAvailabilityDeclared;
import jp.coordination.events.facility.FacilityKind;
import jp.coordination.events.facility.FacilityRegistered;
import jp.coordination.events.household.AtRiskHouseholdRegistered;
import jp.coordination.events.household.ContactChannel;
import jp.coordination.events.household.ContactKind;
import jp.coordination.events.household.DeregistrationReason;
import jp.coordination.events.household.DisabilityType;
import jp.coordination.events.household.EncryptedPersonalData;
import jp.coordination.events.household.HouseholdContactRecorded;
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
import jp.coordination.events.plan.AnnualPlanSet;
import jp.coordination.events.plan.PlanTarget;

/** One fixed, fully populated sample of every event: the instances the approved contracts show. */
public final class SampleEvents {
  static final String HOUSEHOLD = "0b7f7a0e-3c1d-4a53-9d43-2f4f0c1e8a11";
  static final String INTAKE = "5d2c9e1a-7b44-4f0e-a1c3-9e8d7c6b5a42";
  static final String CASE = "8e1f2d3c-4b5a-4697-8877-665544332211";
  static final String FACILITY = "c3a1b2d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";
  static final String STAY = "e1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b";
  static final String ACTIVITY = "f0e1d2c3-b4a5-4968-8776-655443322110";
  static final String ISSUE = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5e";
  static final String PLAN = AnnualPlanSet.planIdOf("sendai", 2024);

  /** The data key of the sample household (bytes 1..32), documented in docs/events.md. */
  public static final String SAMPLE_DATA_KEY = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";

  /** What {@link #SAMPLE_PERSONAL_DATA} decrypts to with {@link #SAMPLE_DATA_KEY}. */
  public static final PersonalData SAMPLE_PERSON =
      new PersonalData("仙台 花子", "仙台市青葉区一番町1-1", "022-000-0000", 1988);

  static final EncryptedPersonalData SAMPLE_PERSONAL_DATA =
      new EncryptedPersonalData(
          HOUSEHOLD,
          1,
          "M6x2t+iyb6Dme+qZ",
          "sejxjVhTXvKZ4pgJsaGGbhCrFhOUlT/id7li384VMlAnkq+mdAwMD85j7+GpDizBQsltk0FD8glzPzpZ3eWGN51m0spFpufuSe2M8h2TADOtXTUqXEZk0ctV3JVklnvTtPG+kEPvEfsSLgl5heflREApHJOeYuGbFSw3");

  private SampleEvents() {}

  /** Every sample event, one per registered type. */
  public static List<DomainEvent> all() {
    return List.of(
        new AtRiskHouseholdRegistered(
            HOUSEHOLD,
            "AOBA",
            null,
            List.of(RiskFactor.SINGLE_CAREGIVER, RiskFactor.CAREGIVER_AGED),
            List.of(DisabilityType.INTELLECTUAL),
            false,
            List.of(SupportNeed.BEHAVIOURAL_SUPPORT),
            Instant.parse("2024-05-10T01:00:00Z"),
            SAMPLE_PERSONAL_DATA),
        new HouseholdRiskReassessed(
            HOUSEHOLD,
            "AOBA",
            List.of(RiskFactor.CAREGIVER_ILL),
            List.of(SupportNeed.MEDICAL_CARE, SupportNeed.WHEELCHAIR)),
        new HouseholdMovedWard(HOUSEHOLD, "AOBA", "IZUMI"),
        new HouseholdDeregistered(HOUSEHOLD, "IZUMI", DeregistrationReason.NO_LONGER_AT_RISK),
        new HouseholdPersonalDataErased(HOUSEHOLD, "IZUMI"),
        new EmergencyIntakeRequested(
            INTAKE,
            "AOBA",
            HOUSEHOLD,
            IntakeTrigger.CAREGIVER_SUDDEN_ILLNESS,
            List.of(SupportNeed.BEHAVIOURAL_SUPPORT)),
        new EmergencyIntakeDeclined(INTAKE, "AOBA", FACILITY, DeclineReason.NO_BED),
        new EmergencyIntakePlaced(INTAKE, "AOBA", FACILITY, LocalDate.of(2024, 6, 14)),
        new EmergencyIntakeCompleted(INTAKE, "AOBA", HOUSEHOLD, IntakeOutcome.RETURNED_HOME),
        new EmergencyIntakeCancelled(INTAKE, "AOBA", "家族が帰宅したため"),
        new CoSupportOpened(
            CASE,
            "MIYAGINO",
            "office-miyagino-01",
            HOUSEHOLD,
            List.of(Difficulty.SUPPORT_REFUSAL, Difficulty.MULTI_PROBLEM_HOUSEHOLD)),
        new CoSupportActivityRecorded(CASE, "MIYAGINO", ActivityType.JOINT_VISIT),
        new CoSupportClosed(CASE, "MIYAGINO", CoSupportOutcome.OFFICE_CONTINUES_ALONE),
        new FacilityRegistered(
            FACILITY,
            "青葉ショートステイ",
            "AOBA",
            FacilityKind.SHORT_STAY,
            List.of(Capability.WHEELCHAIR, Capability.BEHAVIOURAL_SUPPORT),
            2),
        new FacilityAvailabilityDeclared(FACILITY, "AOBA", 1),
        new HouseholdContactRecorded(
            HOUSEHOLD,
            "IZUMI",
            ContactKind.RE_CONSULTATION,
            ContactChannel.VISIT,
            "office-izumi-03"),
        new ExperienceStayArranged(
            STAY,
            "TAIHAKU",
            ExperienceStayKind.GROUP_HOME_TRIAL,
            HOUSEHOLD,
            FACILITY,
            LocalDate.parse("2024-06-10"),
            LocalDate.parse("2024-06-14")),
        new ExperienceStayStarted(STAY, "TAIHAKU"),
        new ExperienceStayCompleted(
            STAY,
            "TAIHAKU",
            ExperienceStayKind.GROUP_HOME_TRIAL,
            4,
            ExperienceStayOutcome.MOVED_TO_GROUP_HOME),
        new ExperienceStayCancelled(STAY, "TAIHAKU", "本人の体調不良のため延期"),
        new CapacityActivityRecorded(
            ACTIVITY,
            null,
            CapacityActivityKind.TRAINING,
            List.of("WAKABAYASHI", "AOBA"),
            Organiser.CORE_CENTER,
            Instant.parse("2024-06-20T05:00:00Z"),
            Map.of(
                ParticipantKind.SERVICE_PROVIDER, 8, ParticipantKind.CONSULTATION_SPECIALIST, 23),
            "強度行動障害の支援研修"),
        new CapacityActivityCorrected(
            ACTIVITY,
            "AOBA",
            CapacityActivityKind.GROUP_SUPERVISION,
            List.of("AOBA"),
            Organiser.HUB,
            Instant.parse("2024-06-20T06:30:00Z"),
            Map.of(ParticipantKind.CONSULTATION_SPECIALIST, 6, ParticipantKind.MEDICAL, 1),
            "医療的ケア児の事例によるGSV"),
        new CapacityActivityWithdrawn(ACTIVITY, "AOBA", "重複して記録したため"),
        new CommunityIssueRaised(
            ISSUE,
            "MIYAGINO",
            CommunityIssueCategory.MEDICAL_CARE,
            "医療的ケアに対応できる短期入所の不足",
            CommunityIssueSource.INTAKE_DECLINES),
        new CommunityIssueDiscussed(ISSUE, "MIYAGINO", LocalDate.parse("2024-07-18")),
        new CommunityIssueProposed(ISSUE, "MIYAGINO", "仙台市障害者支援課"),
        new CommunityIssueClosed(
            ISSUE, "MIYAGINO", CommunityIssueResolution.RESOLVED, "次年度予算で短期入所の医療連携加算を拡充"),
        new AnnualPlanSet(
            PLAN,
            null,
            "sendai",
            2024,
            List.of(
                new PlanTarget(null, "householdsRegistered", new BigDecimal("60")),
                new PlanTarget(
                    "AOBA", "capacityBuilding.activitiesByKind.TRAINING", new BigDecimal("4.0")),
                new PlanTarget(null, "experienceStays.transitionRate", new BigDecimal("0.25")))));
  }

  /** The samples by event class. */
  public static Map<Class<?>, DomainEvent> byClass() {
    return all().stream().collect(Collectors.toMap(Object::getClass, Function.identity()));
  }

  /** A sample wrapped in a fully populated envelope with fixed ids and times. */
  public static EventEnvelope enveloped(DomainEvent event) {
    return Envelopes.wrap(
        event,
        "6f1c2b3a-0d9e-4f8a-b7c6-d5e4f3a2b1c0",
        3,
        Instant.parse("2024-06-01T15:30:00Z"),
        Instant.parse("2024-06-01T15:30:02.125Z"),
        "coordinator",
        "COORDINATOR",
        "corr-2b1c0d9e",
        "a7b6c5d4-e3f2-4a1b-9c8d-7e6f5a4b3c2d");
  }
}
