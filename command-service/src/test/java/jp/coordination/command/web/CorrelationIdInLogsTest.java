package jp.coordination.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import jp.coordination.platform.correlation.CorrelationIdFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Every log line written while a command request runs is a JSON object with the request's
 * correlation id, the user's subject and the command's id as fields, whoever writes it.
 */
@ExtendWith(OutputCaptureExtension.class)
class CorrelationIdInLogsTest extends CommandApiTestSupport {
  private static final String INTAKE_ID = "2f6a9d1e-3b4c-4d5e-8f70-1a2b3c4d5e6f";

  @Test
  void
      every_line_of_a_failed_command_carries_the_callers_correlation_id_the_user_and_the_command_id(
          CapturedOutput output) throws Exception {
    given(commandGateway.sendAndWait(any()))
        .willThrow(new IllegalStateException("store unavailable"));
    JsonLogLines logs = JsonLogLines.from(output);

    mvc.perform(
            postAs(
                    "coordinator",
                    "/api/intakes",
                    "{\"id\":\""
                        + INTAKE_ID
                        + "\",\"ward\":\"AOBA\",\"trigger\":\"OTHER\",\"supportNeeds\":[]}")
                .header(CorrelationIdFilter.HEADER, "req-log-42"))
        .andExpect(status().isInternalServerError());

    assertThat(logs.lines())
        .as("the failure and the command's line")
        .anySatisfy(line -> assertThat(line.get("message").asText()).contains("Unexpected failure"))
        .anySatisfy(
            line ->
                assertThat(line.at("/log/logger").asText()).isEqualTo(CommandLog.class.getName()))
        .allSatisfy(
            line -> {
              assertThat(line.path("correlationId").asText()).isEqualTo("req-log-42");
              assertThat(line.at("/user/id").asText()).isEqualTo("coordinator");
              assertThat(line.path(CommandLog.MDC_KEY).asText()).isEqualTo(INTAKE_ID);
            });
  }

  @Test
  void without_a_callers_correlation_id_the_lines_carry_the_one_answered_in_the_header(
      CapturedOutput output) throws Exception {
    given(commandGateway.sendAndWait(any())).willReturn(0L);
    JsonLogLines logs = JsonLogLines.from(output);

    String answered =
        mvc.perform(
                postAs(
                    "coordinator",
                    "/api/intakes",
                    "{\"ward\":\"AOBA\",\"trigger\":\"OTHER\",\"supportNeeds\":[]}"))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getHeader(CorrelationIdFilter.HEADER);

    assertThat(answered).matches("[0-9a-f-]{36}");
    JsonNode line = logs.commandLine();
    assertThat(line.path("correlationId").asText()).isEqualTo(answered);
    // The command id the dispatcher made, which is also the new intake's id.
    assertThat(line.path(CommandLog.MDC_KEY).asText())
        .matches("[0-9a-f-]{36}")
        .isEqualTo(line.path("aggregateId").asText());
  }
}
