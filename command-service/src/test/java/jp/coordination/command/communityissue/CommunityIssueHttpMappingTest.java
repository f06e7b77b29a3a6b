package jp.coordination.command.communityissue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import jp.coordination.command.rules.RuleBrokenException;
import jp.coordination.command.web.CommandApiTestSupport;
import jp.coordination.events.AggregateType;
import jp.coordination.events.communityissue.CommunityIssueCategory;
import jp.coordination.events.communityissue.CommunityIssueResolution;
import jp.coordination.events.communityissue.CommunityIssueSource;
import org.axonframework.commandhandling.CommandMessage;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * The HTTP mapping of the community issue commands, with the command gateway stubbed. The state
 * transitions are tested on the aggregate ({@code CommunityIssueTest}).
 */
class CommunityIssueHttpMappingTest extends CommandApiTestSupport {
  private static final String ID = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5e";
  private static final String OF_THE_REGION =
      "{\"category\": \"HOUSING\", \"title\": \"住まいの確保\", \"raisedBy\": \"COUNCIL\"}";
  private static final String OF_AOBA =
      "{\"ward\": \"AOBA\", \"category\": \"MEDICAL_CARE\", \"title\": \"医療的ケアの短期入所不足\", \"raisedBy\": \"INTAKE_DECLINES\"}";

  private CommandMessage<?> sent() {
    ArgumentCaptor<CommandMessage<?>> sent = ArgumentCaptor.forClass(CommandMessage.class);
    then(commandGateway).should().sendAndWait(sent.capture());
    return sent.getValue();
  }

  @Test
  void raising_an_issue_without_a_ward_raises_it_for_the_region() throws Exception {
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);
    mvc.perform(postAs("coordinator", "/api/community-issues", OF_THE_REGION))
        .andExpect(status().isCreated());
    RaiseCommunityIssue command = (RaiseCommunityIssue) sent().getPayload();
    assertThat(command.ward()).isNull();
    assertThat(command.category()).isEqualTo(CommunityIssueCategory.HOUSING);
    assertThat(command.raisedBy()).isEqualTo(CommunityIssueSource.COUNCIL);
  }

  @Test
  void an_aoba_coordinator_may_raise_an_issue_of_aoba() throws Exception {
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);
    mvc.perform(postAs("aoba-coordinator", "/api/community-issues", OF_AOBA))
        .andExpect(status().isCreated());
  }

  @Test
  void an_aoba_coordinator_may_not_raise_an_issue_of_the_region() throws Exception {
    mvc.perform(postAs("aoba-coordinator", "/api/community-issues", OF_THE_REGION))
        .andExpect(status().isForbidden());
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void an_unknown_ward_is_refused_naming_ward() throws Exception {
    mvc.perform(postAs("coordinator", "/api/community-issues", OF_AOBA.replace("AOBA", "SHIBUYA")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("ward"));
  }

  @Test
  void an_unknown_category_is_refused_naming_category() throws Exception {
    mvc.perform(
            postAs(
                "coordinator", "/api/community-issues", OF_AOBA.replace("MEDICAL_CARE", "WEATHER")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("category"));
  }

  @Test
  void an_unknown_source_is_refused_naming_raisedBy() throws Exception {
    mvc.perform(
            postAs(
                "coordinator",
                "/api/community-issues",
                OF_AOBA.replace("INTAKE_DECLINES", "RUMOUR")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("raisedBy"));
  }

  @Test
  void a_title_with_control_characters_is_refused_naming_title() throws Exception {
    mvc.perform(
            postAs(
                "coordinator",
                "/api/community-issues",
                OF_AOBA.replace("医療的ケアの短期入所不足", "a\\u0000b")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("title"));
  }

  @Test
  void a_discussion_records_its_meeting_date() throws Exception {
    stored(ID, AggregateType.COMMUNITY_ISSUE, "AOBA");
    given(commandGateway.<Long>sendAndWait(any())).willReturn(1L);
    mvc.perform(
            postAs(
                "coordinator",
                "/api/community-issues/" + ID + "/discussion",
                "{\"meetingDate\": \"2026-05-21\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.sequence").value(1));
    assertThat(sent().getPayload())
        .isEqualTo(new RecordCommunityIssueDiscussion(ID, LocalDate.of(2026, 5, 21)));
  }

  @Test
  void a_meeting_date_in_the_future_is_refused_naming_meetingDate() throws Exception {
    stored(ID, AggregateType.COMMUNITY_ISSUE, "AOBA");
    mvc.perform(
            postAs(
                "coordinator",
                "/api/community-issues/" + ID + "/discussion",
                "{\"meetingDate\": \"2026-06-03\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("meetingDate"));
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void a_proposal_names_to_whom() throws Exception {
    stored(ID, AggregateType.COMMUNITY_ISSUE, "AOBA");
    given(commandGateway.<Long>sendAndWait(any())).willReturn(2L);
    mvc.perform(
            postAs(
                "coordinator", "/api/community-issues/" + ID + "/proposal", "{\"to\": \"障害者支援課\"}"))
        .andExpect(status().isOk());
    assertThat(sent().getPayload()).isEqualTo(new ProposeCommunityIssue(ID, "障害者支援課"));
  }

  @Test
  void a_proposal_without_to_is_refused_naming_to() throws Exception {
    stored(ID, AggregateType.COMMUNITY_ISSUE, "AOBA");
    mvc.perform(postAs("coordinator", "/api/community-issues/" + ID + "/proposal", "{}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("to"));
  }

  @Test
  void a_closure_carries_resolution_and_note() throws Exception {
    stored(ID, AggregateType.COMMUNITY_ISSUE, "AOBA");
    given(commandGateway.<Long>sendAndWait(any())).willReturn(3L);
    mvc.perform(
            postAs(
                "coordinator",
                "/api/community-issues/" + ID + "/closure",
                "{\"resolution\": \"NOT_RESOLVED\", \"note\": \"次年度に継続\"}"))
        .andExpect(status().isOk());
    assertThat(sent().getPayload())
        .isEqualTo(new CloseCommunityIssue(ID, CommunityIssueResolution.NOT_RESOLVED, "次年度に継続"));
  }

  @Test
  void closing_an_issue_that_was_not_proposed_is_answered_409() throws Exception {
    stored(ID, AggregateType.COMMUNITY_ISSUE, "AOBA");
    given(commandGateway.sendAndWait(any()))
        .willThrow(
            new RuleBrokenException(
                "The issue is RAISED; only an issue that is PROPOSED can be closed."));
    mvc.perform(
            postAs(
                "coordinator",
                "/api/community-issues/" + ID + "/closure",
                "{\"resolution\": \"RESOLVED\", \"note\": \"解決\"}"))
        .andExpect(status().isConflict());
  }

  @Test
  void an_aoba_coordinator_may_not_move_on_an_issue_of_the_region() throws Exception {
    stored(ID, AggregateType.COMMUNITY_ISSUE, null);
    mvc.perform(
            postAs(
                "aoba-coordinator",
                "/api/community-issues/" + ID + "/proposal",
                "{\"to\": \"障害者支援課\"}"))
        .andExpect(status().isForbidden());
    then(commandGateway).shouldHaveNoInteractions();
  }
}
