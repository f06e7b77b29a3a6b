package jp.coordination.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jp.coordination.platform.correlation.CorrelationIdFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A log line written while a request runs carries its correlation id (the service's log pattern). */
@ExtendWith(OutputCaptureExtension.class)
class CorrelationIdInLogsTest extends CommandApiTestSupport {

  @Test
  void the_log_line_of_a_failed_command_carries_the_requests_correlation_id(CapturedOutput output) throws Exception {
    given(commandGateway.sendAndWait(any())).willThrow(new IllegalStateException("store unavailable"));
    mvc.perform(
            postAs("coordinator", "/api/intakes", "{\"ward\":\"AOBA\",\"trigger\":\"OTHER\",\"supportNeeds\":[]}")
                .header(CorrelationIdFilter.HEADER, "req-log-42"))
        .andExpect(status().isInternalServerError());
    assertThat(output.getAll().lines().filter(line -> line.contains("Unexpected failure")))
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).contains("[req-log-42]"));
  }
}
