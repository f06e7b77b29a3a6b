package jp.coordination.command.cosupport;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jp.coordination.command.rules.RuleBrokenException;
import jp.coordination.command.web.CommandApiTestSupport;
import jp.coordination.events.AggregateType;
import org.junit.jupiter.api.Test;

class CoSupportApiTest extends CommandApiTestSupport {
  private static final String ID = "c0ffee00-1234-4abc-9def-0123456789ab";

  @Test
  void opening_a_case_answers_201() throws Exception {
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);
    mvc.perform(postAs("coordinator", "/api/cosupports",
            "{\"id\": \"" + ID + "\", \"ward\": \"TAIHAKU\", \"officeId\": \"office-17\", \"difficulties\": [\"MEDICAL\"]}"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.id").value(ID));
  }

  @Test
  void opening_a_case_without_difficulties_is_refused_naming_difficulties() throws Exception {
    mvc.perform(postAs("coordinator", "/api/cosupports",
            "{\"ward\": \"TAIHAKU\", \"officeId\": \"office-17\", \"difficulties\": []}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("difficulties"));
  }

  @Test
  void an_unknown_activity_type_is_refused_naming_type() throws Exception {
    stored(ID, AggregateType.CO_SUPPORT, "TAIHAKU");
    mvc.perform(postAs("coordinator", "/api/cosupports/" + ID + "/activities", "{\"type\": \"PARTY\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("type"));
  }

  @Test
  void closing_a_closed_case_is_refused_with_409() throws Exception {
    stored(ID, AggregateType.CO_SUPPORT, "TAIHAKU");
    given(commandGateway.sendAndWait(any())).willThrow(new RuleBrokenException("The case is closed and cannot be closed again."));
    mvc.perform(postAs("coordinator", "/api/cosupports/" + ID + "/closure", "{\"outcome\": \"ESCALATED\"}"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.status").value(409));
  }
}
