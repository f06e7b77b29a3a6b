package jp.coordination.command.household;

import java.time.Instant;
import java.util.List;
import jp.coordination.command.rules.FieldRejectedException;
import jp.coordination.command.rules.RuleBrokenException;
import jp.coordination.events.care.SupportNeed;
import jp.coordination.events.household.AtRiskHouseholdRegistered;
import jp.coordination.events.household.ContactChannel;
import jp.coordination.events.household.ContactKind;
import jp.coordination.events.household.DeregistrationReason;
import jp.coordination.events.household.DisabilityType;
import jp.coordination.events.household.EncryptedPersonalData;
import jp.coordination.events.household.HouseholdContactRecorded;
import jp.coordination.events.household.HouseholdDeregistered;
import jp.coordination.events.household.HouseholdMovedWard;
import jp.coordination.events.household.RiskFactor;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Consultation contacts with a registered household (①相談): recorded only while it is registered.
 */
class HouseholdContactTest {
  private static final String ID = "6f1c2a52-5d0e-4c41-9d7e-0d6f3c1b2a10";
  private static final EncryptedPersonalData PERSON =
      new EncryptedPersonalData(ID, 1, "aXY=", "Y2lwaGVy");
  private static final AtRiskHouseholdRegistered REGISTERED =
      new AtRiskHouseholdRegistered(
          ID,
          "AOBA",
          null,
          List.of(RiskFactor.LIVES_ALONE),
          List.of(DisabilityType.PSYCHIATRIC),
          false,
          List.of(SupportNeed.PSYCHIATRIC_CARE),
          Instant.parse("2026-04-01T00:00:00Z"),
          PERSON);

  private AggregateTestFixture<Household> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Household.class);
  }

  @Test
  void a_contact_with_a_registered_household_is_recorded_in_its_ward() {
    fixture
        .given(REGISTERED)
        .when(
            new RecordHouseholdContact(
                ID, ContactKind.FOLLOW_UP, ContactChannel.PHONE, "office-07"))
        .expectEvents(
            new HouseholdContactRecorded(
                ID, "AOBA", ContactKind.FOLLOW_UP, ContactChannel.PHONE, "office-07"))
        .expectResultMessagePayload(1L);
  }

  @Test
  void a_contact_after_a_move_counts_for_the_new_ward() {
    fixture
        .given(REGISTERED, new HouseholdMovedWard(ID, "AOBA", "IZUMI"))
        .when(
            new RecordHouseholdContact(
                ID, ContactKind.CRISIS_CALL, ContactChannel.VISIT, "office-07"))
        .expectEvents(
            new HouseholdContactRecorded(
                ID, "IZUMI", ContactKind.CRISIS_CALL, ContactChannel.VISIT, "office-07"));
  }

  @Test
  void a_contact_with_a_deregistered_household_is_refused() {
    fixture
        .given(
            REGISTERED,
            new HouseholdDeregistered(ID, "AOBA", DeregistrationReason.MOVED_OUT_OF_REGION))
        .when(
            new RecordHouseholdContact(
                ID, ContactKind.RE_CONSULTATION, ContactChannel.OFFICE, "office-07"))
        .expectNoEvents()
        .expectException(RuleBrokenException.class);
  }

  @Test
  void a_contact_without_a_kind_is_refused_naming_kind() {
    fixture
        .given(REGISTERED)
        .when(new RecordHouseholdContact(ID, null, ContactChannel.ONLINE, "office-07"))
        .expectNoEvents()
        .expectException(FieldRejectedException.class);
  }

  @Test
  void a_contact_without_an_office_is_refused() {
    fixture
        .given(REGISTERED)
        .when(new RecordHouseholdContact(ID, ContactKind.CONSULTATION, ContactChannel.ONLINE, " "))
        .expectNoEvents()
        .expectException(FieldRejectedException.class);
  }
}
