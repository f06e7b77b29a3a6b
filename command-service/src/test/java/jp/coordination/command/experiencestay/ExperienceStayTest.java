package jp.coordination.command.experiencestay;

import java.time.LocalDate;
import jp.coordination.command.rules.FieldRejectedException;
import jp.coordination.command.rules.RuleBrokenException;
import jp.coordination.events.experiencestay.ExperienceStayArranged;
import jp.coordination.events.experiencestay.ExperienceStayCancelled;
import jp.coordination.events.experiencestay.ExperienceStayCompleted;
import jp.coordination.events.experiencestay.ExperienceStayKind;
import jp.coordination.events.experiencestay.ExperienceStayOutcome;
import jp.coordination.events.experiencestay.ExperienceStayStarted;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExperienceStayTest {
  private static final String ID = "e1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b";
  private static final String HOUSEHOLD = "6f1c2a52-5d0e-4c41-9d7e-0d6f3c1b2a10";
  private static final String FACILITY = "a3c4e2f0-7b1d-4c9e-b2a8-5e6f7a8b9c0d";
  private static final LocalDate FIRST = LocalDate.of(2026, 6, 10);

  private static final ExperienceStayArranged ARRANGED =
      new ExperienceStayArranged(
          ID,
          "TAIHAKU",
          ExperienceStayKind.GROUP_HOME_TRIAL,
          HOUSEHOLD,
          FACILITY,
          FIRST,
          FIRST.plusDays(4));
  private static final ExperienceStayStarted STARTED = new ExperienceStayStarted(ID, "TAIHAKU");
  private static final ExperienceStayCompleted COMPLETED =
      new ExperienceStayCompleted(
          ID,
          "TAIHAKU",
          ExperienceStayKind.GROUP_HOME_TRIAL,
          4,
          ExperienceStayOutcome.MOVED_TO_GROUP_HOME);
  private static final ExperienceStayCancelled CANCELLED =
      new ExperienceStayCancelled(ID, "TAIHAKU", "体調不良のため延期");

  private AggregateTestFixture<ExperienceStay> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(ExperienceStay.class);
  }

  private static ArrangeExperienceStay arrange(LocalDate first, LocalDate last) {
    return new ArrangeExperienceStay(
        ID, "TAIHAKU", ExperienceStayKind.GROUP_HOME_TRIAL, HOUSEHOLD, FACILITY, first, last);
  }

  @Test
  void arranging_a_stay_arranges_it_at_sequence_0() {
    fixture
        .givenNoPriorActivity()
        .when(arrange(FIRST, FIRST.plusDays(4)))
        .expectEvents(ARRANGED)
        .expectResultMessagePayload(0L);
  }

  @Test
  void a_stay_needs_neither_household_nor_facility() {
    fixture
        .givenNoPriorActivity()
        .when(
            new ArrangeExperienceStay(
                ID, "AOBA", ExperienceStayKind.LIVING_ALONE_TRIAL, null, null, FIRST, FIRST))
        .expectEvents(
            new ExperienceStayArranged(
                ID, "AOBA", ExperienceStayKind.LIVING_ALONE_TRIAL, null, null, FIRST, FIRST));
  }

  @Test
  void a_last_day_before_the_first_day_is_refused() {
    fixture
        .givenNoPriorActivity()
        .when(arrange(FIRST, FIRST.minusDays(1)))
        .expectNoEvents()
        .expectException(FieldRejectedException.class);
  }

  @Test
  void a_stay_of_30_nights_can_be_arranged() {
    fixture
        .givenNoPriorActivity()
        .when(arrange(FIRST, FIRST.plusDays(30)))
        .expectSuccessfulHandlerExecution();
  }

  @Test
  void a_stay_of_31_nights_is_refused() {
    fixture
        .givenNoPriorActivity()
        .when(arrange(FIRST, FIRST.plusDays(31)))
        .expectNoEvents()
        .expectException(FieldRejectedException.class);
  }

  @Test
  void starting_an_arranged_stay_starts_it() {
    fixture
        .given(ARRANGED)
        .when(new StartExperienceStay(ID))
        .expectEvents(STARTED)
        .expectResultMessagePayload(1L);
  }

  @Test
  void starting_a_started_stay_is_refused() {
    fixture
        .given(ARRANGED, STARTED)
        .when(new StartExperienceStay(ID))
        .expectNoEvents()
        .expectException(RuleBrokenException.class);
  }

  @Test
  void starting_a_cancelled_stay_is_refused() {
    fixture
        .given(ARRANGED, CANCELLED)
        .when(new StartExperienceStay(ID))
        .expectNoEvents()
        .expectException(RuleBrokenException.class);
  }

  @Test
  void completing_a_started_stay_carries_its_kind_nights_and_outcome() {
    fixture
        .given(ARRANGED, STARTED)
        .when(new CompleteExperienceStay(ID, 4, ExperienceStayOutcome.MOVED_TO_GROUP_HOME))
        .expectEvents(COMPLETED)
        .expectResultMessagePayload(2L);
  }

  @Test
  void completing_an_arranged_stay_that_never_started_is_refused() {
    fixture
        .given(ARRANGED)
        .when(new CompleteExperienceStay(ID, 0, ExperienceStayOutcome.OTHER))
        .expectNoEvents()
        .expectException(RuleBrokenException.class);
  }

  @Test
  void completing_a_completed_stay_is_refused() {
    fixture
        .given(ARRANGED, STARTED, COMPLETED)
        .when(new CompleteExperienceStay(ID, 4, ExperienceStayOutcome.WILL_TRY_AGAIN))
        .expectNoEvents()
        .expectException(RuleBrokenException.class);
  }

  @Test
  void completing_with_more_than_30_nights_is_refused() {
    fixture
        .given(ARRANGED, STARTED)
        .when(new CompleteExperienceStay(ID, 31, ExperienceStayOutcome.CONTINUES_AT_HOME))
        .expectNoEvents()
        .expectException(FieldRejectedException.class);
  }

  @Test
  void completing_with_negative_nights_is_refused() {
    fixture
        .given(ARRANGED, STARTED)
        .when(new CompleteExperienceStay(ID, -1, ExperienceStayOutcome.CONTINUES_AT_HOME))
        .expectNoEvents()
        .expectException(FieldRejectedException.class);
  }

  @Test
  void cancelling_an_arranged_stay_cancels_it() {
    fixture
        .given(ARRANGED)
        .when(new CancelExperienceStay(ID, "体調不良のため延期"))
        .expectEvents(CANCELLED)
        .expectResultMessagePayload(1L);
  }

  @Test
  void cancelling_a_started_stay_is_refused() {
    fixture
        .given(ARRANGED, STARTED)
        .when(new CancelExperienceStay(ID, "too late"))
        .expectNoEvents()
        .expectException(RuleBrokenException.class);
  }

  @Test
  void cancelling_a_cancelled_stay_is_refused() {
    fixture
        .given(ARRANGED, CANCELLED)
        .when(new CancelExperienceStay(ID, "again"))
        .expectNoEvents()
        .expectException(RuleBrokenException.class);
  }

  @Test
  void cancelling_without_a_reason_is_refused() {
    fixture
        .given(ARRANGED)
        .when(new CancelExperienceStay(ID, " "))
        .expectNoEvents()
        .expectException(FieldRejectedException.class);
  }
}
