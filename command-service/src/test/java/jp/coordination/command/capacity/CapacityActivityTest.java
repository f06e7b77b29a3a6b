package jp.coordination.command.capacity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import jp.coordination.command.rules.FieldRejectedException;
import jp.coordination.command.rules.RuleBrokenException;
import jp.coordination.events.capacity.CapacityActivityCorrected;
import jp.coordination.events.capacity.CapacityActivityKind;
import jp.coordination.events.capacity.CapacityActivityRecorded;
import jp.coordination.events.capacity.CapacityActivityWithdrawn;
import jp.coordination.events.capacity.Organiser;
import jp.coordination.events.capacity.ParticipantKind;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CapacityActivityTest {
  private static final String ID = "f0e1d2c3-b4a5-4968-8776-655443322110";
  private static final Instant HELD = Instant.parse("2026-05-20T05:00:00Z");
  private static final Map<ParticipantKind, Integer> PARTICIPANTS =
      Map.of(ParticipantKind.CONSULTATION_SPECIALIST, 23, ParticipantKind.SERVICE_PROVIDER, 8);

  private static final CapacityActivityRecorded RECORDED_FOR_AOBA =
      new CapacityActivityRecorded(
          ID,
          "AOBA",
          CapacityActivityKind.TRAINING,
          List.of("AOBA"),
          Organiser.CORE_CENTER,
          HELD,
          PARTICIPANTS,
          "強度行動障害の支援研修");
  private static final CapacityActivityWithdrawn WITHDRAWN =
      new CapacityActivityWithdrawn(ID, "AOBA", "重複して記録したため");

  private AggregateTestFixture<CapacityActivity> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(CapacityActivity.class);
  }

  private static ActivityRecord record(List<String> wards) {
    return new ActivityRecord(
        CapacityActivityKind.TRAINING,
        wards,
        Organiser.CORE_CENTER,
        HELD,
        PARTICIPANTS,
        "強度行動障害の支援研修");
  }

  @Test
  void an_activity_of_one_ward_counts_for_that_ward() {
    fixture
        .givenNoPriorActivity()
        .when(new RecordCapacityActivity(ID, record(List.of("AOBA"))))
        .expectEvents(RECORDED_FOR_AOBA)
        .expectResultMessagePayload(0L);
  }

  @Test
  void an_activity_of_several_wards_counts_for_no_single_ward_and_lists_them() {
    fixture
        .givenNoPriorActivity()
        .when(new RecordCapacityActivity(ID, record(List.of("IZUMI", "AOBA"))))
        .expectEvents(
            new CapacityActivityRecorded(
                ID,
                null,
                CapacityActivityKind.TRAINING,
                List.of("AOBA", "IZUMI"),
                Organiser.CORE_CENTER,
                HELD,
                PARTICIPANTS,
                "強度行動障害の支援研修"));
  }

  @Test
  void an_activity_of_the_whole_region_has_no_wards() {
    fixture
        .givenNoPriorActivity()
        .when(new RecordCapacityActivity(ID, record(List.of())))
        .expectEvents(
            new CapacityActivityRecorded(
                ID,
                null,
                CapacityActivityKind.TRAINING,
                List.of(),
                Organiser.CORE_CENTER,
                HELD,
                PARTICIPANTS,
                "強度行動障害の支援研修"));
  }

  @Test
  void participants_counted_zero_are_left_out() {
    fixture
        .givenNoPriorActivity()
        .when(
            new RecordCapacityActivity(
                ID,
                new ActivityRecord(
                    CapacityActivityKind.OFFICE_VISIT,
                    List.of("AOBA"),
                    Organiser.HUB,
                    HELD,
                    Map.of(ParticipantKind.MEDICAL, 0, ParticipantKind.OTHER, 2),
                    "事業所訪問")))
        .expectEvents(
            new CapacityActivityRecorded(
                ID,
                "AOBA",
                CapacityActivityKind.OFFICE_VISIT,
                List.of("AOBA"),
                Organiser.HUB,
                HELD,
                Map.of(ParticipantKind.OTHER, 2),
                "事業所訪問"));
  }

  @Test
  void a_negative_participant_count_is_refused() {
    fixture
        .givenNoPriorActivity()
        .when(
            new RecordCapacityActivity(
                ID,
                new ActivityRecord(
                    CapacityActivityKind.TRAINING,
                    List.of("AOBA"),
                    Organiser.HUB,
                    HELD,
                    Map.of(ParticipantKind.MEDICAL, -1),
                    "研修")))
        .expectNoEvents()
        .expectException(FieldRejectedException.class);
  }

  @Test
  void an_activity_without_a_topic_is_refused() {
    fixture
        .givenNoPriorActivity()
        .when(
            new RecordCapacityActivity(
                ID,
                new ActivityRecord(
                    CapacityActivityKind.TRAINING,
                    List.of("AOBA"),
                    Organiser.HUB,
                    HELD,
                    PARTICIPANTS,
                    " ")))
        .expectNoEvents()
        .expectException(FieldRejectedException.class);
  }

  @Test
  void a_correction_gives_the_whole_record_again_and_follows_its_wards() {
    fixture
        .given(RECORDED_FOR_AOBA)
        .when(new CorrectCapacityActivity(ID, record(List.of("AOBA", "TAIHAKU"))))
        .expectEvents(
            new CapacityActivityCorrected(
                ID,
                null,
                CapacityActivityKind.TRAINING,
                List.of("AOBA", "TAIHAKU"),
                Organiser.CORE_CENTER,
                HELD,
                PARTICIPANTS,
                "強度行動障害の支援研修"))
        .expectResultMessagePayload(1L);
  }

  @Test
  void an_activity_can_be_corrected_more_than_once() {
    fixture
        .given(
            RECORDED_FOR_AOBA,
            new CapacityActivityCorrected(
                ID,
                null,
                CapacityActivityKind.TRAINING,
                List.of(),
                Organiser.CORE_CENTER,
                HELD,
                PARTICIPANTS,
                "研修"))
        .when(new CorrectCapacityActivity(ID, record(List.of("AOBA"))))
        .expectEvents(
            new CapacityActivityCorrected(
                ID,
                "AOBA",
                CapacityActivityKind.TRAINING,
                List.of("AOBA"),
                Organiser.CORE_CENTER,
                HELD,
                PARTICIPANTS,
                "強度行動障害の支援研修"))
        .expectResultMessagePayload(2L);
  }

  @Test
  void withdrawing_an_activity_withdraws_it_in_the_ward_of_its_last_record() {
    fixture
        .given(RECORDED_FOR_AOBA)
        .when(new WithdrawCapacityActivity(ID, "重複して記録したため"))
        .expectEvents(WITHDRAWN)
        .expectResultMessagePayload(1L);
  }

  @Test
  void correcting_a_withdrawn_activity_is_refused() {
    fixture
        .given(RECORDED_FOR_AOBA, WITHDRAWN)
        .when(new CorrectCapacityActivity(ID, record(List.of("AOBA"))))
        .expectNoEvents()
        .expectException(RuleBrokenException.class);
  }

  @Test
  void withdrawing_a_withdrawn_activity_is_refused() {
    fixture
        .given(RECORDED_FOR_AOBA, WITHDRAWN)
        .when(new WithdrawCapacityActivity(ID, "again"))
        .expectNoEvents()
        .expectException(RuleBrokenException.class);
  }

  @Test
  void withdrawing_without_a_reason_is_refused() {
    fixture
        .given(RECORDED_FOR_AOBA)
        .when(new WithdrawCapacityActivity(ID, ""))
        .expectNoEvents()
        .expectException(FieldRejectedException.class);
  }
}
