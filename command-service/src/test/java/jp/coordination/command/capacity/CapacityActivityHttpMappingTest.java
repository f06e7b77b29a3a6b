package jp.coordination.command.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import jp.coordination.command.rules.RuleBrokenException;
import jp.coordination.command.web.CommandApiTestSupport;
import jp.coordination.events.AggregateType;
import jp.coordination.events.capacity.CapacityActivityKind;
import jp.coordination.events.capacity.Organiser;
import jp.coordination.events.capacity.ParticipantKind;
import org.axonframework.commandhandling.CommandMessage;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * The HTTP mapping of capacity-building activities, with the command gateway stubbed: wards of the
 * region, participants, the held time, and the ward scope of activities serving one ward, several
 * or the whole region. The rules themselves are tested on the aggregate ({@code
 * CapacityActivityTest}).
 */
class CapacityActivityHttpMappingTest extends CommandApiTestSupport {
  private static final String ID = "f0e1d2c3-b4a5-4968-8776-655443322110";
  private static final String ACTIVITY =
      """
      {"kind": "TRAINING", "wards": %s, "organiser": "CORE_CENTER", "heldAt": "2026-05-20T14:00:00+09:00",
       "participants": {"SERVICE_PROVIDER": 8, "CONSULTATION_SPECIALIST": 23}, "topic": "強度行動障害の支援研修"}""";

  private static String activity(String wards) {
    return ACTIVITY.formatted(wards);
  }

  @Test
  void recording_an_activity_of_several_wards_answers_201_with_the_wards_sorted() throws Exception {
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);

    mvc.perform(
            postAs("coordinator", "/api/capacity-activities", activity("[\"IZUMI\", \"AOBA\"]")))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.sequence").value(0));

    ArgumentCaptor<CommandMessage<?>> sent = ArgumentCaptor.forClass(CommandMessage.class);
    then(commandGateway).should().sendAndWait(sent.capture());
    RecordCapacityActivity command = (RecordCapacityActivity) sent.getValue().getPayload();
    assertThat(command.record())
        .isEqualTo(
            new ActivityRecord(
                CapacityActivityKind.TRAINING,
                List.of("AOBA", "IZUMI"),
                Organiser.CORE_CENTER,
                Instant.parse("2026-05-20T05:00:00Z"),
                Map.of(
                    ParticipantKind.SERVICE_PROVIDER,
                    8,
                    ParticipantKind.CONSULTATION_SPECIALIST,
                    23),
                "強度行動障害の支援研修"));
  }

  @Test
  void an_aoba_coordinator_may_record_an_activity_of_aoba() throws Exception {
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);
    mvc.perform(postAs("aoba-coordinator", "/api/capacity-activities", activity("[\"AOBA\"]")))
        .andExpect(status().isCreated());
  }

  @Test
  void an_aoba_coordinator_may_not_record_an_activity_that_also_served_another_ward()
      throws Exception {
    mvc.perform(
            postAs(
                "aoba-coordinator", "/api/capacity-activities", activity("[\"AOBA\", \"IZUMI\"]")))
        .andExpect(status().isForbidden());
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void an_aoba_coordinator_may_not_record_an_activity_of_the_whole_region() throws Exception {
    mvc.perform(postAs("aoba-coordinator", "/api/capacity-activities", activity("[]")))
        .andExpect(status().isForbidden());
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void a_coordinator_of_the_region_may_record_an_activity_of_the_whole_region() throws Exception {
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);
    mvc.perform(postAs("coordinator", "/api/capacity-activities", activity("[]")))
        .andExpect(status().isCreated());
  }

  @Test
  void an_unknown_ward_is_refused_naming_its_position() throws Exception {
    mvc.perform(
            postAs("coordinator", "/api/capacity-activities", activity("[\"AOBA\", \"SHIBUYA\"]")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("wards[1]"));
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void missing_wards_are_refused_naming_wards() throws Exception {
    mvc.perform(postAs("coordinator", "/api/capacity-activities", activity("null")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("wards"));
  }

  @Test
  void an_unknown_participant_kind_is_refused_naming_participants() throws Exception {
    mvc.perform(
            postAs(
                "coordinator",
                "/api/capacity-activities",
                activity("[\"AOBA\"]").replace("SERVICE_PROVIDER", "ALIENS")))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.errors[0].field").value(org.hamcrest.Matchers.startsWith("participants")));
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void a_negative_participant_count_is_refused_naming_participants() throws Exception {
    mvc.perform(
            postAs(
                "coordinator",
                "/api/capacity-activities",
                activity("[\"AOBA\"]").replace(": 8", ": -8")))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.errors[0].field").value(org.hamcrest.Matchers.startsWith("participants")));
  }

  @Test
  void a_held_time_in_the_future_is_refused_naming_heldAt() throws Exception {
    mvc.perform(
            postAs(
                "coordinator",
                "/api/capacity-activities",
                activity("[\"AOBA\"]").replace("2026-05-20", "2026-07-20")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("heldAt"));
  }

  @Test
  void a_topic_that_looks_like_an_operator_is_refused_naming_topic() throws Exception {
    mvc.perform(
            postAs(
                "coordinator",
                "/api/capacity-activities",
                activity("[\"AOBA\"]").replace("強度行動障害の支援研修", "$where")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("topic"));
  }

  @Test
  void correcting_an_activity_answers_200() throws Exception {
    stored(ID, AggregateType.CAPACITY_ACTIVITY, "AOBA");
    given(commandGateway.<Long>sendAndWait(any())).willReturn(1L);
    mvc.perform(
            postAs(
                "aoba-coordinator",
                "/api/capacity-activities/" + ID + "/correction",
                activity("[\"AOBA\"]")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.sequence").value(1));
  }

  @Test
  void an_aoba_coordinator_may_not_correct_an_activity_into_another_ward() throws Exception {
    stored(ID, AggregateType.CAPACITY_ACTIVITY, "AOBA");
    mvc.perform(
            postAs(
                "aoba-coordinator",
                "/api/capacity-activities/" + ID + "/correction",
                activity("[\"IZUMI\"]")))
        .andExpect(status().isForbidden());
    mvc.perform(
            postAs(
                "aoba-coordinator",
                "/api/capacity-activities/" + ID + "/correction",
                activity("[\"AOBA\", \"IZUMI\"]")))
        .andExpect(status().isForbidden());
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void an_aoba_coordinator_may_not_touch_an_activity_of_the_whole_region() throws Exception {
    stored(ID, AggregateType.CAPACITY_ACTIVITY, null);
    mvc.perform(
            postAs(
                "aoba-coordinator",
                "/api/capacity-activities/" + ID + "/withdrawal",
                "{\"reason\": \"重複\"}"))
        .andExpect(status().isForbidden());
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void correcting_a_withdrawn_activity_is_answered_409() throws Exception {
    stored(ID, AggregateType.CAPACITY_ACTIVITY, "AOBA");
    given(commandGateway.sendAndWait(any()))
        .willThrow(new RuleBrokenException("The activity is withdrawn and cannot be corrected."));
    mvc.perform(
            postAs(
                "coordinator",
                "/api/capacity-activities/" + ID + "/correction",
                activity("[\"AOBA\"]")))
        .andExpect(status().isConflict());
  }

  @Test
  void withdrawing_without_a_reason_is_refused_naming_reason() throws Exception {
    stored(ID, AggregateType.CAPACITY_ACTIVITY, "AOBA");
    mvc.perform(postAs("coordinator", "/api/capacity-activities/" + ID + "/withdrawal", "{}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("reason"));
  }
}
