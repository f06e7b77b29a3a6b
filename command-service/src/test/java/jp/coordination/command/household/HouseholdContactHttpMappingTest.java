package jp.coordination.command.household;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jp.coordination.command.rules.RuleBrokenException;
import jp.coordination.command.web.CommandApiTestSupport;
import jp.coordination.events.AggregateType;
import jp.coordination.events.household.ContactChannel;
import jp.coordination.events.household.ContactKind;
import org.axonframework.commandhandling.CommandMessage;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.MediaType;

/**
 * The HTTP mapping of consultation contacts, with the command gateway stubbed. The rule (only while
 * registered) is tested on the aggregate ({@code HouseholdContactTest}).
 */
class HouseholdContactHttpMappingTest extends CommandApiTestSupport {
  private static final String ID = "6f1c2a52-5d0e-4c41-9d7e-0d6f3c1b2a10";
  private static final String CONTACT =
      "{\"kind\": \"FOLLOW_UP\", \"channel\": \"VISIT\", \"officeId\": \"office-07\"}";

  @Test
  void recording_a_contact_answers_200_with_the_new_sequence() throws Exception {
    stored(ID, AggregateType.HOUSEHOLD, "AOBA");
    given(commandGateway.<Long>sendAndWait(any())).willReturn(3L);

    mvc.perform(postAs("coordinator", "/api/households/" + ID + "/contacts", CONTACT))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.id").value(ID))
        .andExpect(jsonPath("$.sequence").value(3));

    ArgumentCaptor<CommandMessage<?>> sent = ArgumentCaptor.forClass(CommandMessage.class);
    then(commandGateway).should().sendAndWait(sent.capture());
    assertThat(sent.getValue().getPayload())
        .isEqualTo(
            new RecordHouseholdContact(
                ID, ContactKind.FOLLOW_UP, ContactChannel.VISIT, "office-07"));
  }

  @Test
  void an_unknown_kind_is_refused_naming_kind() throws Exception {
    stored(ID, AggregateType.HOUSEHOLD, "AOBA");
    mvc.perform(
            postAs(
                "coordinator",
                "/api/households/" + ID + "/contacts",
                CONTACT.replace("FOLLOW_UP", "GOSSIP")))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[0].field").value("kind"));
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void an_unknown_channel_is_refused_naming_channel() throws Exception {
    stored(ID, AggregateType.HOUSEHOLD, "AOBA");
    mvc.perform(
            postAs(
                "coordinator",
                "/api/households/" + ID + "/contacts",
                CONTACT.replace("VISIT", "PIGEON")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("channel"));
  }

  @Test
  void a_contact_without_an_office_is_refused_naming_officeId() throws Exception {
    stored(ID, AggregateType.HOUSEHOLD, "AOBA");
    mvc.perform(
            postAs(
                "coordinator",
                "/api/households/" + ID + "/contacts",
                "{\"kind\": \"FOLLOW_UP\", \"channel\": \"VISIT\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("officeId"));
  }

  @Test
  void an_office_id_that_looks_like_an_operator_is_refused_naming_officeId() throws Exception {
    stored(ID, AggregateType.HOUSEHOLD, "AOBA");
    mvc.perform(
            postAs(
                "coordinator",
                "/api/households/" + ID + "/contacts",
                CONTACT.replace("office-07", "$where")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("officeId"));
  }

  @Test
  void a_contact_with_a_deregistered_household_is_answered_409() throws Exception {
    stored(ID, AggregateType.HOUSEHOLD, "AOBA");
    given(commandGateway.sendAndWait(any()))
        .willThrow(
            new RuleBrokenException(
                "The household is deregistered; contacts are recorded only while it is registered."));
    mvc.perform(postAs("coordinator", "/api/households/" + ID + "/contacts", CONTACT))
        .andExpect(status().isConflict())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
  }

  @Test
  void a_contact_with_an_unknown_household_answers_404() throws Exception {
    mvc.perform(postAs("coordinator", "/api/households/" + ID + "/contacts", CONTACT))
        .andExpect(status().isNotFound());
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void an_aoba_coordinator_may_not_record_a_contact_with_a_household_of_another_ward()
      throws Exception {
    stored(ID, AggregateType.HOUSEHOLD, "IZUMI");
    mvc.perform(postAs("aoba-coordinator", "/api/households/" + ID + "/contacts", CONTACT))
        .andExpect(status().isForbidden());
    then(commandGateway).shouldHaveNoInteractions();
  }
}
