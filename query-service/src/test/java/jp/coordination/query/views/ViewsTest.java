package jp.coordination.query.views;

import static jp.coordination.query.TestEvents.jst;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import jp.coordination.events.cosupport.ActivityType;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.household.RiskFactor;
import jp.coordination.events.intake.DeclineReason;
import jp.coordination.events.intake.EmergencyIntakePlaced;
import jp.coordination.events.intake.IntakeOutcome;
import jp.coordination.query.TestEvents;
import org.junit.jupiter.api.Test;

class ViewsTest {

  private static final Instant T = jst("2026-06-01T10:00");
  private final TestEvents events = new TestEvents();

  private AggregateView fold(EventEnvelope... envelopes) {
    AggregateView view = null;
    for (EventEnvelope envelope : envelopes) {
      view = Views.evolve(view, envelope);
    }
    return view;
  }

  @Test
  void an_intake_view_keeps_declines_placement_and_outcome_with_their_business_times() {
    IntakeView intake =
        (IntakeView)
            fold(
                events.intakeRequested("i1", "AOBA", T),
                events.intakeDeclined("i1", "AOBA", "f1", T.plusSeconds(60)),
                events.intakePlaced("i1", "AOBA", "f2", T.plusSeconds(120)),
                events.intakeCompleted("i1", "AOBA", T.plusSeconds(86_400)));
    assertThat(intake.status()).isEqualTo(IntakeView.Status.COMPLETED);
    assertThat(intake.requestedAt()).isEqualTo(T);
    assertThat(intake.declines())
        .containsExactly(new IntakeView.Decline("f1", DeclineReason.NO_BED, T.plusSeconds(60)));
    assertThat(intake.facilityId()).isEqualTo("f2");
    assertThat(intake.placedAt()).isEqualTo(T.plusSeconds(120));
    assertThat(intake.outcome()).isEqualTo(IntakeOutcome.RETURNED_HOME);
    assertThat(intake.completedAt()).isEqualTo(T.plusSeconds(86_400));
    assertThat(intake.sequence()).isEqualTo(3);
  }

  @Test
  void an_intake_view_keeps_the_expected_last_day_of_its_stay_after_completion() {
    IntakeView intake =
        (IntakeView)
            fold(
                events.intakeRequested("i1", "AOBA", T),
                events.wrap(
                    new EmergencyIntakePlaced("i1", "AOBA", "f2", LocalDate.of(2026, 6, 14)),
                    T.plusSeconds(120)),
                events.intakeCompleted("i1", "AOBA", T.plusSeconds(86_400)));
    assertThat(intake.expectedLastDay()).isEqualTo(LocalDate.of(2026, 6, 14));
  }

  @Test
  void erasure_removes_the_personal_data_from_the_household_view() {
    HouseholdView household =
        (HouseholdView)
            fold(
                events.householdRegistered("h1", "AOBA", T, RiskFactor.ISOLATED),
                events.householdMoved("h1", "AOBA", "IZUMI", T.plusSeconds(10)),
                events.householdErased("h1", "IZUMI", T.plusSeconds(20)));
    assertThat(household.encryptedPersonalData()).isNull();
    assertThat(household.personalDataErased()).isTrue();
    assertThat(household.ward()).isEqualTo("IZUMI");
    assertThat(household.riskFactors()).containsExactly(RiskFactor.ISOLATED);
    assertThat(household.registeredAt()).isEqualTo(T);
  }

  @Test
  void a_co_support_view_lists_its_activities_in_order() {
    CoSupportView view =
        (CoSupportView)
            fold(
                events.coSupportOpened("c1", "AOBA", T),
                events.coSupportActivity("c1", "AOBA", T.plusSeconds(5)),
                events.coSupportClosed("c1", "AOBA", T.plusSeconds(9)));
    assertThat(view.activities())
        .containsExactly(new CoSupportView.Activity(ActivityType.JOINT_VISIT, T.plusSeconds(5)));
    assertThat(view.status()).isEqualTo(CoSupportView.Status.CLOSED);
    assertThat(view.closedAt()).isEqualTo(T.plusSeconds(9));
  }

  @Test
  void a_facility_has_all_its_emergency_beds_free_until_it_declares() {
    FacilityView registered = (FacilityView) fold(events.facilityRegistered("f1", "AOBA", 3, T));
    assertThat(registered.availableBeds()).isEqualTo(3);
    FacilityView declared =
        FacilityView.evolve(registered, events.facilityDeclared("f1", "AOBA", 0, T.plusSeconds(1)));
    assertThat(declared.availableBeds()).isZero();
    assertThat(declared.emergencyBeds()).isEqualTo(3);
  }
}
