package jp.coordination.command.communityissue;

import java.time.LocalDate;
import jp.coordination.command.rules.FieldRejectedException;
import jp.coordination.command.rules.RuleBrokenException;
import jp.coordination.events.communityissue.CommunityIssueCategory;
import jp.coordination.events.communityissue.CommunityIssueClosed;
import jp.coordination.events.communityissue.CommunityIssueDiscussed;
import jp.coordination.events.communityissue.CommunityIssueProposed;
import jp.coordination.events.communityissue.CommunityIssueRaised;
import jp.coordination.events.communityissue.CommunityIssueResolution;
import jp.coordination.events.communityissue.CommunityIssueSource;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommunityIssueTest {
  private static final String ID = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5e";
  private static final String TITLE = "医療的ケアに対応できる短期入所の不足";
  private static final LocalDate MEETING = LocalDate.of(2026, 5, 21);

  private static final CommunityIssueRaised RAISED =
      new CommunityIssueRaised(
          ID,
          "MIYAGINO",
          CommunityIssueCategory.MEDICAL_CARE,
          TITLE,
          CommunityIssueSource.INTAKE_DECLINES);
  private static final CommunityIssueDiscussed DISCUSSED =
      new CommunityIssueDiscussed(ID, "MIYAGINO", MEETING);
  private static final CommunityIssueProposed PROPOSED =
      new CommunityIssueProposed(ID, "MIYAGINO", "障害者支援課");
  private static final CommunityIssueClosed CLOSED =
      new CommunityIssueClosed(ID, "MIYAGINO", CommunityIssueResolution.RESOLVED, "次年度予算で対応");

  private AggregateTestFixture<CommunityIssue> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(CommunityIssue.class);
  }

  @Test
  void raising_an_issue_of_a_ward_raises_it_at_sequence_0() {
    fixture
        .givenNoPriorActivity()
        .when(
            new RaiseCommunityIssue(
                ID,
                "MIYAGINO",
                CommunityIssueCategory.MEDICAL_CARE,
                TITLE,
                CommunityIssueSource.INTAKE_DECLINES))
        .expectEvents(RAISED)
        .expectResultMessagePayload(0L);
  }

  @Test
  void an_issue_without_a_ward_concerns_the_whole_region() {
    fixture
        .givenNoPriorActivity()
        .when(
            new RaiseCommunityIssue(
                ID, null, CommunityIssueCategory.HOUSING, "住まいの確保", CommunityIssueSource.COUNCIL))
        .expectEvents(
            new CommunityIssueRaised(
                ID, null, CommunityIssueCategory.HOUSING, "住まいの確保", CommunityIssueSource.COUNCIL));
  }

  @Test
  void raising_an_issue_without_a_title_is_refused() {
    fixture
        .givenNoPriorActivity()
        .when(
            new RaiseCommunityIssue(
                ID, "AOBA", CommunityIssueCategory.OTHER, " ", CommunityIssueSource.OTHER))
        .expectNoEvents()
        .expectException(FieldRejectedException.class);
  }

  @Test
  void a_raised_issue_can_be_discussed() {
    fixture
        .given(RAISED)
        .when(new RecordCommunityIssueDiscussion(ID, MEETING))
        .expectEvents(DISCUSSED)
        .expectResultMessagePayload(1L);
  }

  @Test
  void a_discussed_issue_can_be_discussed_at_another_meeting() {
    fixture
        .given(RAISED, DISCUSSED)
        .when(new RecordCommunityIssueDiscussion(ID, MEETING.plusMonths(2)))
        .expectEvents(new CommunityIssueDiscussed(ID, "MIYAGINO", MEETING.plusMonths(2)));
  }

  @Test
  void discussing_a_proposed_issue_is_refused() {
    fixture
        .given(RAISED, DISCUSSED, PROPOSED)
        .when(new RecordCommunityIssueDiscussion(ID, MEETING))
        .expectNoEvents()
        .expectException(RuleBrokenException.class);
  }

  @Test
  void discussing_a_closed_issue_is_refused() {
    fixture
        .given(RAISED, DISCUSSED, PROPOSED, CLOSED)
        .when(new RecordCommunityIssueDiscussion(ID, MEETING))
        .expectNoEvents()
        .expectException(RuleBrokenException.class);
  }

  @Test
  void a_discussed_issue_can_be_proposed() {
    fixture
        .given(RAISED, DISCUSSED)
        .when(new ProposeCommunityIssue(ID, "障害者支援課"))
        .expectEvents(PROPOSED)
        .expectResultMessagePayload(2L);
  }

  @Test
  void proposing_an_issue_that_was_never_discussed_is_refused() {
    fixture
        .given(RAISED)
        .when(new ProposeCommunityIssue(ID, "障害者支援課"))
        .expectNoEvents()
        .expectException(RuleBrokenException.class);
  }

  @Test
  void proposing_a_proposed_issue_again_is_refused() {
    fixture
        .given(RAISED, DISCUSSED, PROPOSED)
        .when(new ProposeCommunityIssue(ID, "障害者支援課"))
        .expectNoEvents()
        .expectException(RuleBrokenException.class);
  }

  @Test
  void a_proposed_issue_can_be_closed() {
    fixture
        .given(RAISED, DISCUSSED, PROPOSED)
        .when(new CloseCommunityIssue(ID, CommunityIssueResolution.RESOLVED, "次年度予算で対応"))
        .expectEvents(CLOSED)
        .expectResultMessagePayload(3L);
  }

  @Test
  void closing_a_raised_issue_that_was_never_proposed_is_refused() {
    fixture
        .given(RAISED)
        .when(new CloseCommunityIssue(ID, CommunityIssueResolution.NOT_RESOLVED, "重複"))
        .expectNoEvents()
        .expectException(RuleBrokenException.class);
  }

  @Test
  void closing_a_discussed_issue_that_was_never_proposed_is_refused() {
    fixture
        .given(RAISED, DISCUSSED)
        .when(new CloseCommunityIssue(ID, CommunityIssueResolution.RESOLVED, "解決"))
        .expectNoEvents()
        .expectException(RuleBrokenException.class);
  }

  @Test
  void closing_a_closed_issue_is_refused() {
    fixture
        .given(RAISED, DISCUSSED, PROPOSED, CLOSED)
        .when(new CloseCommunityIssue(ID, CommunityIssueResolution.RESOLVED, "again"))
        .expectNoEvents()
        .expectException(RuleBrokenException.class);
  }

  @Test
  void closing_without_a_note_is_refused() {
    fixture
        .given(RAISED, DISCUSSED, PROPOSED)
        .when(new CloseCommunityIssue(ID, CommunityIssueResolution.NOT_RESOLVED, ""))
        .expectNoEvents()
        .expectException(FieldRejectedException.class);
  }
}
