package jp.coordination.command.apidocs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.coordination.command.web.CommandApiTestSupport;
import jp.coordination.platform.apidocs.DocumentedOperations;
import org.junit.jupiter.api.Test;

/**
 * The command-service's OpenAPI description ({@code GET /v3/api-docs}, API.md "Operations") is the
 * contract: every operation of docs/API-OPERATIONS.md with exactly its statuses, nothing else. It
 * reuses the web layer's test context, which serves the description of the very controllers.
 */
class ApiDescriptionTest extends CommandApiTestSupport {

  @Test
  void every_documented_operation_is_described_with_its_statuses() throws Exception {
    assertThat(DocumentedOperations.undescribed(description(), "command", true)).isEmpty();
  }

  @Test
  void nothing_undocumented_is_described() throws Exception {
    assertThat(DocumentedOperations.undocumented(description(), "command")).isEmpty();
  }

  @Test
  void the_local_run_is_described_as_signing_in_with_http_basic() throws Exception {
    JsonNode description = description();

    assertThat(description.at("/info/title").asText()).isEqualTo("command-service");
    assertThat(description.at("/info/version").asText()).isNotBlank();
    assertThat(description.at("/components/securitySchemes/signIn/scheme").asText())
        .isEqualTo("basic");
    assertThat(description.at("/security/0").has("signIn")).isTrue();
  }

  @Test
  void errors_are_problems_and_commands_name_their_bodies() throws Exception {
    JsonNode register = description().at("/paths/~1api~1households/post");

    assertThat(register.at("/responses/409/content").has("application/problem+json")).isTrue();
    assertThat(register.at("/requestBody/content/application~1json/schema/$ref").asText())
        .endsWith("HouseholdRequests.Register");
    assertThat(register.at("/responses/201/content/application~1json/schema/$ref").asText())
        .endsWith("CommandAccepted");
  }

  private JsonNode description() throws Exception {
    // Without credentials: the description holds the contract, no data (docs/SECURITY.md).
    String json =
        mvc.perform(get("/v3/api-docs"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    return new ObjectMapper().readTree(json);
  }
}
