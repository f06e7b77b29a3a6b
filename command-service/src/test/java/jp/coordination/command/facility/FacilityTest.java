package jp.coordination.command.facility;

import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import jp.coordination.command.rules.FieldRejectedException;
import jp.coordination.events.facility.Capability;
import jp.coordination.events.facility.FacilityAvailabilityDeclared;
import jp.coordination.events.facility.FacilityKind;
import jp.coordination.events.facility.FacilityRegistered;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FacilityTest {
  private static final String ID = "a3c4e2f0-7b1d-4c9e-b2a8-5e6f7a8b9c0d";

  private static final FacilityRegistered REGISTERED =
      new FacilityRegistered(
          ID, "泉ショートステイ", "IZUMI", FacilityKind.SHORT_STAY, List.of(Capability.MEDICAL_CARE), 2);

  private AggregateTestFixture<Facility> fixture;

  private static Matcher<FieldRejectedException> rejecting(String field) {
    return new FeatureMatcher<>(equalTo(field), "rejected field", "field") {
      @Override
      protected String featureValueOf(FieldRejectedException actual) {
        return actual.field();
      }
    };
  }

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Facility.class);
  }

  @Test
  void registering_a_facility_registers_it_at_sequence_0() {
    fixture
        .givenNoPriorActivity()
        .when(
            new RegisterFacility(
                ID,
                "泉ショートステイ",
                "IZUMI",
                FacilityKind.SHORT_STAY,
                List.of(Capability.MEDICAL_CARE),
                2))
        .expectEvents(REGISTERED)
        .expectResultMessagePayload(0L);
  }

  @Test
  void registering_a_facility_without_emergency_beds_is_allowed() {
    fixture
        .givenNoPriorActivity()
        .when(new RegisterFacility(ID, "Day", "AOBA", FacilityKind.OTHER, List.of(), 0))
        .expectEvents(new FacilityRegistered(ID, "Day", "AOBA", FacilityKind.OTHER, List.of(), 0));
  }

  @Test
  void registering_a_facility_with_negative_emergency_beds_is_refused() {
    fixture
        .givenNoPriorActivity()
        .when(new RegisterFacility(ID, "Bad", "AOBA", FacilityKind.OTHER, List.of(), -1))
        .expectNoEvents()
        .expectException(FieldRejectedException.class);
  }

  @Test
  void declaring_all_emergency_beds_free_is_allowed() {
    fixture
        .given(REGISTERED)
        .when(new DeclareFacilityAvailability(ID, 2))
        .expectEvents(new FacilityAvailabilityDeclared(ID, "IZUMI", 2))
        .expectResultMessagePayload(1L);
  }

  @Test
  void declaring_no_free_bed_is_allowed() {
    fixture
        .given(REGISTERED, new FacilityAvailabilityDeclared(ID, "IZUMI", 2))
        .when(new DeclareFacilityAvailability(ID, 0))
        .expectEvents(new FacilityAvailabilityDeclared(ID, "IZUMI", 0))
        .expectResultMessagePayload(2L);
  }

  @Test
  void declaring_more_free_beds_than_emergency_beds_is_refused_naming_availableBeds() {
    fixture
        .given(REGISTERED)
        .when(new DeclareFacilityAvailability(ID, 3))
        .expectNoEvents()
        .expectException(FieldRejectedException.class)
        .expectException(rejecting("availableBeds"));
  }

  @Test
  void declaring_negative_free_beds_is_refused() {
    fixture
        .given(REGISTERED)
        .when(new DeclareFacilityAvailability(ID, -1))
        .expectNoEvents()
        .expectException(FieldRejectedException.class);
  }
}
