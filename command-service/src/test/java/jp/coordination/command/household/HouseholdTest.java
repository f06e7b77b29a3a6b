package jp.coordination.command.household;

import java.time.Instant;
import java.util.List;
import jp.coordination.command.rules.FieldRejectedException;
import jp.coordination.command.rules.RuleBrokenException;
import jp.coordination.events.care.SupportNeed;
import jp.coordination.events.household.AtRiskHouseholdRegistered;
import jp.coordination.events.household.DeregistrationReason;
import jp.coordination.events.household.DisabilityType;
import jp.coordination.events.household.EncryptedPersonalData;
import jp.coordination.events.household.HouseholdDeregistered;
import jp.coordination.events.household.HouseholdMovedWard;
import jp.coordination.events.household.HouseholdPersonalDataErased;
import jp.coordination.events.household.HouseholdRiskReassessed;
import jp.coordination.events.household.RiskFactor;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HouseholdTest {
  private static final String ID = "6f1c2a52-5d0e-4c41-9d7e-0d6f3c1b2a10";
  private static final Instant CONSENT = Instant.parse("2026-04-01T00:00:00Z");
  private static final EncryptedPersonalData PERSON =
      new EncryptedPersonalData(ID, 1, "aXY=", "Y2lwaGVy");

  private static final AtRiskHouseholdRegistered REGISTERED =
      new AtRiskHouseholdRegistered(
          ID,
          "AOBA",
          null,
          List.of(RiskFactor.CAREGIVER_AGED),
          List.of(DisabilityType.INTELLECTUAL),
          false,
          List.of(SupportNeed.BEHAVIOURAL_SUPPORT),
          CONSENT,
          PERSON);
  private static final HouseholdDeregistered DEREGISTERED =
      new HouseholdDeregistered(ID, "AOBA", DeregistrationReason.NO_LONGER_AT_RISK);

  private AggregateTestFixture<Household> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Household.class);
  }

  private static RegisterAtRiskHousehold register(List<RiskFactor> riskFactors, Instant consentAt) {
    return new RegisterAtRiskHousehold(
        ID,
        "AOBA",
        null,
        riskFactors,
        List.of(DisabilityType.INTELLECTUAL),
        false,
        List.of(SupportNeed.BEHAVIOURAL_SUPPORT),
        consentAt,
        PERSON);
  }

  @Test
  void registering_a_household_with_a_risk_factor_and_consent_registers_it_at_sequence_0() {
    fixture
        .givenNoPriorActivity()
        .when(register(List.of(RiskFactor.CAREGIVER_AGED), CONSENT))
        .expectEvents(REGISTERED)
        .expectResultMessagePayload(0L);
  }

  @Test
  void registering_without_a_risk_factor_is_refused_naming_riskFactors() {
    fixture
        .givenNoPriorActivity()
        .when(register(List.of(), CONSENT))
        .expectNoEvents()
        .expectException(FieldRejectedException.class)
        .expectExceptionMessage("must name at least one risk factor");
  }

  @Test
  void registering_without_consent_time_is_refused() {
    fixture
        .givenNoPriorActivity()
        .when(register(List.of(RiskFactor.LIVES_ALONE), null))
        .expectNoEvents()
        .expectException(FieldRejectedException.class);
  }

  @Test
  void reassessing_a_registered_household_replaces_its_risk_factors() {
    fixture
        .given(REGISTERED)
        .when(new ReassessHouseholdRisk(ID, List.of(RiskFactor.ISOLATED), List.of()))
        .expectEvents(
            new HouseholdRiskReassessed(ID, "AOBA", List.of(RiskFactor.ISOLATED), List.of()))
        .expectResultMessagePayload(1L);
  }

  @Test
  void reassessing_a_deregistered_household_is_refused() {
    fixture
        .given(REGISTERED, DEREGISTERED)
        .when(new ReassessHouseholdRisk(ID, List.of(RiskFactor.ISOLATED), List.of()))
        .expectNoEvents()
        .expectException(RuleBrokenException.class);
  }

  @Test
  void reassessing_without_a_risk_factor_is_refused() {
    fixture
        .given(REGISTERED)
        .when(new ReassessHouseholdRisk(ID, List.of(), List.of()))
        .expectNoEvents()
        .expectException(FieldRejectedException.class);
  }

  @Test
  void moving_to_another_ward_moves_the_household_and_counts_for_the_new_ward() {
    fixture
        .given(REGISTERED)
        .when(new MoveHouseholdToWard(ID, "IZUMI"))
        .expectEvents(new HouseholdMovedWard(ID, "AOBA", "IZUMI"))
        .expectResultMessagePayload(1L);
  }

  @Test
  void moving_to_the_ward_it_already_lives_in_is_refused() {
    fixture
        .given(REGISTERED)
        .when(new MoveHouseholdToWard(ID, "AOBA"))
        .expectNoEvents()
        .expectException(RuleBrokenException.class);
  }

  @Test
  void events_after_a_move_count_for_the_new_ward() {
    fixture
        .given(REGISTERED, new HouseholdMovedWard(ID, "AOBA", "IZUMI"))
        .when(new DeregisterHousehold(ID, DeregistrationReason.DECEASED))
        .expectEvents(new HouseholdDeregistered(ID, "IZUMI", DeregistrationReason.DECEASED))
        .expectResultMessagePayload(2L);
  }

  @Test
  void moving_a_deregistered_household_is_refused() {
    fixture
        .given(REGISTERED, DEREGISTERED)
        .when(new MoveHouseholdToWard(ID, "IZUMI"))
        .expectNoEvents()
        .expectException(RuleBrokenException.class);
  }

  @Test
  void deregistering_a_registered_household_records_the_reason() {
    fixture
        .given(REGISTERED)
        .when(new DeregisterHousehold(ID, DeregistrationReason.CONSENT_WITHDRAWN))
        .expectEvents(new HouseholdDeregistered(ID, "AOBA", DeregistrationReason.CONSENT_WITHDRAWN))
        .expectResultMessagePayload(1L);
  }

  @Test
  void deregistering_a_deregistered_household_is_refused() {
    fixture
        .given(REGISTERED, DEREGISTERED)
        .when(new DeregisterHousehold(ID, DeregistrationReason.DECEASED))
        .expectNoEvents()
        .expectException(RuleBrokenException.class);
  }

  @Test
  void deregistering_without_a_reason_is_refused() {
    fixture
        .given(REGISTERED)
        .when(new DeregisterHousehold(ID, null))
        .expectNoEvents()
        .expectException(FieldRejectedException.class);
  }

  @Test
  void erasing_personal_data_records_the_erasure_in_the_households_ward() {
    fixture
        .given(REGISTERED)
        .when(new EraseHouseholdPersonalData(ID))
        .expectEvents(new HouseholdPersonalDataErased(ID, "AOBA"))
        .expectResultMessagePayload(1L);
  }

  @Test
  void erasing_a_deregistered_households_personal_data_is_allowed() {
    fixture
        .given(REGISTERED, DEREGISTERED)
        .when(new EraseHouseholdPersonalData(ID))
        .expectEvents(new HouseholdPersonalDataErased(ID, "AOBA"));
  }

  @Test
  void erasing_twice_is_refused() {
    fixture
        .given(REGISTERED, new HouseholdPersonalDataErased(ID, "AOBA"))
        .when(new EraseHouseholdPersonalData(ID))
        .expectNoEvents()
        .expectException(RuleBrokenException.class);
  }
}
