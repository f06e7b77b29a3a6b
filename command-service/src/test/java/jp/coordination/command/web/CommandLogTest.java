package jp.coordination.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import jp.coordination.command.eventstore.CommandMetadata;
import jp.coordination.command.eventstore.StoredCommand;
import jp.coordination.events.AggregateType;
import org.axonframework.commandhandling.CommandMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * One line per command answered: its type, aggregate id, outcome, status and duration as fields,
 * and nothing of the person a command is about.
 */
@ExtendWith(OutputCaptureExtension.class)
class CommandLogTest extends CommandApiTestSupport {
  private static final String ID = "6f1c2a52-5d0e-4c41-9d7e-0d6f3c1b2a10";
  private static final String NAME = "仙台 花子";
  private static final String ADDRESS = "青葉区国分町3-3";
  private static final String PHONE = "022-000-1234";

  private static String registration(String ward, String name) {
    return """
        {"id": "%s", "ward": "%s", "riskFactors": ["CAREGIVER_AGED"], "disabilityTypes": ["INTELLECTUAL"],
         "child": false, "supportNeeds": ["BEHAVIOURAL_SUPPORT"], "consentAt": "2026-05-01T10:00:00+09:00",
         "person": {"name": "%s", "address": "%s", "phone": "%s", "birthYear": 1990}}
        """
        .formatted(ID, ward, name, ADDRESS, PHONE);
  }

  @Test
  void an_accepted_command_has_one_line_with_type_aggregate_outcome_status_and_duration(
      CapturedOutput output) throws Exception {
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);
    JsonLogLines logs = JsonLogLines.from(output);

    mvc.perform(postAs("coordinator", "/api/households", registration("AOBA", NAME)))
        .andExpect(status().isCreated());

    JsonNode line = logs.commandLine();
    assertThat(line.at("/log/level").asText()).isEqualTo("INFO");
    assertThat(line.path("command").asText()).isEqualTo("RegisterAtRiskHousehold");
    assertThat(line.path("aggregateId").asText()).isEqualTo(ID);
    assertThat(line.path("outcome").asText()).isEqualTo("accepted");
    assertThat(line.path("status").asInt()).isEqualTo(201);
    assertThat(line.path("durationMs").isIntegralNumber()).as("a number: %s", line).isTrue();
    assertThat(line.path("endpoint").asText()).isEqualTo("POST /api/households");
    assertThat(line.path(CommandLog.MDC_KEY).asText()).isEqualTo(ID);
    assertThat(line.at("/user/id").asText()).isEqualTo("coordinator");
    assertThat(line.path("service").path("name").asText()).isEqualTo("command-service");
  }

  @Test
  void no_line_of_a_registration_holds_the_persons_name_address_or_phone(CapturedOutput output)
      throws Exception {
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);
    JsonLogLines logs = JsonLogLines.from(output);

    mvc.perform(postAs("coordinator", "/api/households", registration("AOBA", NAME)))
        .andExpect(status().isCreated());
    // Refused further in, with the person in the body all the same.
    mvc.perform(postAs("aoba-coordinator", "/api/households", registration("IZUMI", NAME)))
        .andExpect(status().isForbidden());
    mvc.perform(postAs("coordinator", "/api/households", registration("AOBA", NAME.repeat(100))))
        .andExpect(status().isBadRequest());

    assertThat(logs.lines()).hasSizeGreaterThanOrEqualTo(3);
    for (String value : logs.values()) {
      for (String secret : List.of(NAME, ADDRESS, PHONE, "仙台", "国分町")) {
        assertThat(value).as("a value of a log line").doesNotContain(secret);
      }
    }
  }

  @Test
  void a_command_the_dispatcher_refuses_is_refused_with_its_status(CapturedOutput output)
      throws Exception {
    JsonLogLines logs = JsonLogLines.from(output);

    mvc.perform(postAs("aoba-coordinator", "/api/households", registration("IZUMI", NAME)))
        .andExpect(status().isForbidden());

    JsonNode line = logs.commandLine();
    assertThat(line.path("outcome").asText()).isEqualTo("refused");
    assertThat(line.path("status").asInt()).isEqualTo(403);
    assertThat(line.path("aggregateId").asText()).isEqualTo(ID);
    assertThat(line.at("/user/id").asText()).isEqualTo("aoba-coordinator");
  }

  @Test
  void a_command_refused_before_it_is_dispatched_names_its_endpoint(CapturedOutput output)
      throws Exception {
    JsonLogLines logs = JsonLogLines.from(output);

    mvc.perform(postAs("coordinator", "/api/intakes", "{\"ward\":\"AOBA\"}"))
        .andExpect(status().isBadRequest());

    JsonNode line = logs.commandLine();
    assertThat(line.path("outcome").asText()).isEqualTo("refused");
    assertThat(line.path("status").asInt()).isEqualTo(400);
    assertThat(line.path("endpoint").asText()).isEqualTo("POST /api/intakes");
    assertThat(line.has("command")).as("not built: %s", line).isFalse();
  }

  @Test
  void a_retry_answered_as_the_first_time_is_accepted_and_marked_replayed(CapturedOutput output)
      throws Exception {
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);
    mvc.perform(postAs("coordinator", "/api/households", registration("AOBA", NAME)))
        .andExpect(status().isCreated());
    ArgumentCaptor<CommandMessage<?>> first = ArgumentCaptor.forClass(CommandMessage.class);
    then(commandGateway).should().sendAndWait(first.capture());
    String hash = (String) first.getValue().getMetaData().get(CommandMetadata.REQUEST_HASH);
    given(eventStreams.findCommand(ID, ID))
        .willReturn(Optional.of(new StoredCommand(AggregateType.HOUSEHOLD, ID, hash, 0L, true)));
    JsonLogLines logs = JsonLogLines.from(output);

    mvc.perform(postAs("coordinator", "/api/households", registration("AOBA", NAME)))
        .andExpect(status().isCreated());

    JsonNode line = logs.commandLine();
    assertThat(line.path("outcome").asText()).isEqualTo("accepted");
    assertThat(line.path("replayed").asBoolean()).isTrue();
  }

  @Test
  void a_read_has_no_command_line(CapturedOutput output) throws Exception {
    JsonLogLines logs = JsonLogLines.from(output);

    mvc.perform(get("/api/audit/verify").with(httpBasic("auditor", "auditor")));

    assertThat(logs.lines())
        .noneSatisfy(
            line ->
                assertThat(line.at("/log/logger").asText()).isEqualTo(CommandLog.class.getName()));
  }
}
