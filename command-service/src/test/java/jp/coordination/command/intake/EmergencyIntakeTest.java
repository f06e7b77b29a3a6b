package jp.coordination.command.intake;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import jp.coordination.command.eventstore.CommandMetadata;
import jp.coordination.command.rules.FieldRejectedException;
import jp.coordination.command.rules.RuleBrokenException;
import jp.coordination.events.care.SupportNeed;
import jp.coordination.events.intake.DeclineReason;
import jp.coordination.events.intake.EmergencyIntakeCancelled;
import jp.coordination.events.intake.EmergencyIntakeCompleted;
import jp.coordination.events.intake.EmergencyIntakeDeclined;
import jp.coordination.events.intake.EmergencyIntakePlaced;
import jp.coordination.events.intake.EmergencyIntakeRequested;
import jp.coordination.events.intake.IntakeOutcome;
import jp.coordination.events.intake.IntakeTrigger;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmergencyIntakeTest {
  private static final String ID = "0b7d5a7e-1f5c-4a3e-8e8a-3f1f2b6c9d01";
  private static final String HOUSEHOLD = "6f1c2a52-5d0e-4c41-9d7e-0d6f3c1b2a10";
  private static final String FACILITY = "a3c4e2f0-7b1d-4c9e-b2a8-5e6f7a8b9c0d";

  private static final EmergencyIntakeRequested REQUESTED =
      new EmergencyIntakeRequested(
          ID,
          "MIYAGINO",
          HOUSEHOLD,
          IntakeTrigger.CAREGIVER_SUDDEN_ILLNESS,
          List.of(SupportNeed.MEDICAL_CARE));
  private static final EmergencyIntakeDeclined DECLINED =
      new EmergencyIntakeDeclined(ID, "MIYAGINO", FACILITY, DeclineReason.NO_BED);
  private static final EmergencyIntakePlaced PLACED =
      new EmergencyIntakePlaced(ID, "MIYAGINO", FACILITY, null);
  private static final EmergencyIntakeCompleted COMPLETED =
      new EmergencyIntakeCompleted(ID, "MIYAGINO", HOUSEHOLD, IntakeOutcome.RETURNED_HOME);
  private static final EmergencyIntakeCancelled CANCELLED =
      new EmergencyIntakeCancelled(ID, "MIYAGINO", "family found help");

  private AggregateTestFixture<EmergencyIntake> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(EmergencyIntake.class);
  }

  @Test
  void requesting_an_intake_starts_it_as_requested_at_sequence_0() {
    fixture
        .givenNoPriorActivity()
        .when(
            new RequestEmergencyIntake(
                ID,
                "MIYAGINO",
                HOUSEHOLD,
                IntakeTrigger.CAREGIVER_SUDDEN_ILLNESS,
                List.of(SupportNeed.MEDICAL_CARE)))
        .expectEvents(REQUESTED)
        .expectResultMessagePayload(0L);
  }

  @Test
  void requesting_an_intake_for_an_unregistered_person_needs_no_household() {
    fixture
        .givenNoPriorActivity()
        .when(new RequestEmergencyIntake(ID, "MIYAGINO", null, IntakeTrigger.ABUSE, List.of()))
        .expectEvents(
            new EmergencyIntakeRequested(ID, "MIYAGINO", null, IntakeTrigger.ABUSE, List.of()));
  }

  @Test
  void a_decline_of_a_requested_intake_is_recorded_and_the_intake_stays_requested() {
    fixture
        .given(REQUESTED, DECLINED)
        .when(new RecordIntakeDecline(ID, FACILITY, DeclineReason.INSUFFICIENT_INFORMATION))
        .expectEvents(
            new EmergencyIntakeDeclined(
                ID, "MIYAGINO", FACILITY, DeclineReason.INSUFFICIENT_INFORMATION))
        .expectResultMessagePayload(2L);
  }

  @Test
  void a_declined_intake_can_still_be_placed() {
    fixture
        .given(REQUESTED, DECLINED)
        .when(new PlaceEmergencyIntake(ID, FACILITY, null))
        .expectEvents(PLACED)
        .expectResultMessagePayload(2L);
  }

  @Test
  void declining_a_placed_intake_is_refused() {
    fixture
        .given(REQUESTED, PLACED)
        .when(new RecordIntakeDecline(ID, FACILITY, DeclineReason.NO_BED))
        .expectNoEvents()
        .expectException(RuleBrokenException.class);
  }

  @Test
  void declining_a_cancelled_intake_is_refused() {
    fixture
        .given(REQUESTED, CANCELLED)
        .when(new RecordIntakeDecline(ID, FACILITY, DeclineReason.NO_BED))
        .expectNoEvents()
        .expectException(RuleBrokenException.class);
  }

  @Test
  void placing_a_requested_intake_places_it() {
    fixture
        .given(REQUESTED)
        .when(new PlaceEmergencyIntake(ID, FACILITY, null))
        .expectEvents(PLACED)
        .expectResultMessagePayload(1L);
  }

  /**
   * 2024-06-01 23:30 in Tokyo: the day of placement is the 1st, though it is the 1st's 14:30 in
   * UTC.
   */
  private static final Map<String, String> PLACED_LATE_ON_JUNE_1 =
      Map.of(CommandMetadata.OCCURRED_AT, "2024-06-01T14:30:00Z");

  @Test
  void a_placement_records_the_day_the_stay_is_expected_to_end() {
    fixture
        .given(REQUESTED)
        .when(
            new PlaceEmergencyIntake(ID, FACILITY, LocalDate.of(2024, 6, 14)),
            PLACED_LATE_ON_JUNE_1)
        .expectEvents(
            new EmergencyIntakePlaced(ID, "MIYAGINO", FACILITY, LocalDate.of(2024, 6, 14)));
  }

  @Test
  void a_stay_may_be_expected_to_end_on_the_day_of_placement_in_tokyo() {
    fixture
        .given(REQUESTED)
        .when(
            new PlaceEmergencyIntake(ID, FACILITY, LocalDate.of(2024, 6, 1)), PLACED_LATE_ON_JUNE_1)
        .expectEvents(
            new EmergencyIntakePlaced(ID, "MIYAGINO", FACILITY, LocalDate.of(2024, 6, 1)));
  }

  @Test
  void an_expected_last_day_before_the_day_of_placement_is_refused_naming_it() {
    fixture
        .given(REQUESTED)
        .when(
            new PlaceEmergencyIntake(ID, FACILITY, LocalDate.of(2024, 5, 31)),
            PLACED_LATE_ON_JUNE_1)
        .expectNoEvents()
        .expectException(FieldRejectedException.class)
        .expectExceptionMessage(org.hamcrest.Matchers.containsString("2024-06-01"));
  }

  @Test
  void an_expected_last_day_more_than_365_days_after_placement_is_refused() {
    fixture
        .given(REQUESTED)
        .when(
            new PlaceEmergencyIntake(ID, FACILITY, LocalDate.of(2025, 6, 2)), PLACED_LATE_ON_JUNE_1)
        .expectNoEvents()
        .expectException(FieldRejectedException.class);
  }

  @Test
  void an_expected_last_day_365_days_after_placement_is_accepted() {
    fixture
        .given(REQUESTED)
        .when(
            new PlaceEmergencyIntake(ID, FACILITY, LocalDate.of(2025, 6, 1)), PLACED_LATE_ON_JUNE_1)
        .expectEvents(
            new EmergencyIntakePlaced(ID, "MIYAGINO", FACILITY, LocalDate.of(2025, 6, 1)));
  }

  @Test
  void placing_a_placed_intake_is_refused() {
    fixture
        .given(REQUESTED, PLACED)
        .when(new PlaceEmergencyIntake(ID, FACILITY, null))
        .expectNoEvents()
        .expectException(RuleBrokenException.class);
  }

  @Test
  void placing_a_cancelled_intake_is_refused() {
    fixture
        .given(REQUESTED, CANCELLED)
        .when(new PlaceEmergencyIntake(ID, FACILITY, null))
        .expectNoEvents()
        .expectException(RuleBrokenException.class);
  }

  @Test
  void completing_a_placed_intake_carries_its_household() {
    fixture
        .given(REQUESTED, PLACED)
        .when(new CompleteEmergencyIntake(ID, IntakeOutcome.RETURNED_HOME))
        .expectEvents(COMPLETED)
        .expectResultMessagePayload(2L);
  }

  @Test
  void completing_a_requested_intake_is_refused() {
    fixture
        .given(REQUESTED)
        .when(new CompleteEmergencyIntake(ID, IntakeOutcome.HOSPITAL))
        .expectNoEvents()
        .expectException(RuleBrokenException.class);
  }

  @Test
  void completing_a_completed_intake_is_refused() {
    fixture
        .given(REQUESTED, PLACED, COMPLETED)
        .when(new CompleteEmergencyIntake(ID, IntakeOutcome.HOSPITAL))
        .expectNoEvents()
        .expectException(RuleBrokenException.class);
  }

  @Test
  void cancelling_a_requested_intake_cancels_it() {
    fixture
        .given(REQUESTED)
        .when(new CancelEmergencyIntake(ID, "family found help"))
        .expectEvents(CANCELLED)
        .expectResultMessagePayload(1L);
  }

  @Test
  void cancelling_a_placed_intake_is_refused() {
    fixture
        .given(REQUESTED, PLACED)
        .when(new CancelEmergencyIntake(ID, "too late"))
        .expectNoEvents()
        .expectException(RuleBrokenException.class);
  }

  @Test
  void cancelling_a_cancelled_intake_is_refused() {
    fixture
        .given(REQUESTED, CANCELLED)
        .when(new CancelEmergencyIntake(ID, "again"))
        .expectNoEvents()
        .expectException(RuleBrokenException.class);
  }
}
