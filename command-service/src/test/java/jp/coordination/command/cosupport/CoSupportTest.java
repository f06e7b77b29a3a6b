package jp.coordination.command.cosupport;

import java.util.List;
import jp.coordination.command.rules.FieldRejectedException;
import jp.coordination.command.rules.RuleBrokenException;
import jp.coordination.events.cosupport.ActivityType;
import jp.coordination.events.cosupport.CoSupportActivityRecorded;
import jp.coordination.events.cosupport.CoSupportClosed;
import jp.coordination.events.cosupport.CoSupportOpened;
import jp.coordination.events.cosupport.CoSupportOutcome;
import jp.coordination.events.cosupport.Difficulty;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CoSupportTest {
  private static final String ID = "c0ffee00-1234-4abc-9def-0123456789ab";

  private static final CoSupportOpened OPENED =
      new CoSupportOpened(ID, "TAIHAKU", "office-17", null, List.of(Difficulty.SUPPORT_REFUSAL));
  private static final CoSupportClosed CLOSED =
      new CoSupportClosed(ID, "TAIHAKU", CoSupportOutcome.OFFICE_CONTINUES_ALONE);

  private AggregateTestFixture<CoSupport> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(CoSupport.class);
  }

  @Test
  void opening_a_case_with_a_difficulty_opens_it_at_sequence_0() {
    fixture
        .givenNoPriorActivity()
        .when(
            new OpenCoSupport(
                ID, "TAIHAKU", "office-17", null, List.of(Difficulty.SUPPORT_REFUSAL)))
        .expectEvents(OPENED)
        .expectResultMessagePayload(0L);
  }

  @Test
  void opening_a_case_without_a_difficulty_is_refused() {
    fixture
        .givenNoPriorActivity()
        .when(new OpenCoSupport(ID, "TAIHAKU", "office-17", null, List.of()))
        .expectNoEvents()
        .expectException(FieldRejectedException.class);
  }

  @Test
  void opening_a_case_without_an_office_is_refused() {
    fixture
        .givenNoPriorActivity()
        .when(new OpenCoSupport(ID, "TAIHAKU", " ", null, List.of(Difficulty.MEDICAL)))
        .expectNoEvents()
        .expectException(FieldRejectedException.class);
  }

  @Test
  void an_activity_on_an_open_case_is_recorded() {
    fixture
        .given(OPENED)
        .when(new RecordCoSupportActivity(ID, ActivityType.JOINT_VISIT))
        .expectEvents(new CoSupportActivityRecorded(ID, "TAIHAKU", ActivityType.JOINT_VISIT))
        .expectResultMessagePayload(1L);
  }

  @Test
  void an_activity_on_a_closed_case_is_refused() {
    fixture
        .given(OPENED, CLOSED)
        .when(new RecordCoSupportActivity(ID, ActivityType.CASE_REVIEW))
        .expectNoEvents()
        .expectException(RuleBrokenException.class);
  }

  @Test
  void closing_an_open_case_closes_it_with_its_outcome() {
    fixture
        .given(OPENED, new CoSupportActivityRecorded(ID, "TAIHAKU", ActivityType.CASE_CONFERENCE))
        .when(new CloseCoSupport(ID, CoSupportOutcome.OFFICE_CONTINUES_ALONE))
        .expectEvents(CLOSED)
        .expectResultMessagePayload(2L);
  }

  @Test
  void closing_a_closed_case_is_refused() {
    fixture
        .given(OPENED, CLOSED)
        .when(new CloseCoSupport(ID, CoSupportOutcome.ESCALATED))
        .expectNoEvents()
        .expectException(RuleBrokenException.class);
  }
}
