package jp.coordination.command.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem.HttpMethod;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import jp.coordination.platform.apidocs.ProblemResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * What every command endpoint answers because it goes through the {@link CommandDispatcher}, added
 * to the OpenAPI description by rule rather than on each controller method: a POST to a collection
 * creates (201, also when the same request is sent again); any command may break a rule of the
 * domain or reuse an id with other content (409). The platform's shared answers come first ({@link
 * jp.coordination.platform.apidocs.ProblemResponses}).
 */
@Component
public class CommandApiDescription implements OpenApiCustomizer {

  @Override
  public void customise(OpenAPI openApi) {
    ProblemResponses.forEachOperation(
        openApi,
        (path, method, operation) -> {
          if (method == HttpMethod.POST && !path.contains("{")) {
            created(operation.getResponses());
          }
          if (isCommand(path, method)) {
            operation
                .getResponses()
                .putIfAbsent(
                    "409",
                    ProblemResponses.problem(
                        "A rule of the domain broken (closing a closed case, placing a cancelled intake), or the id of an earlier"
                            + " request sent again with other content."));
          }
        });
  }

  /** The audit trail's endpoints are no commands: they only read, or take a checkpoint. */
  private static boolean isCommand(String path, HttpMethod method) {
    return (method == HttpMethod.POST || method == HttpMethod.PUT)
        && !path.startsWith("/api/audit/");
  }

  private static void created(ApiResponses responses) {
    ApiResponse ok = responses.remove("200");
    if (ok != null) {
      responses.putIfAbsent(
          "201", ok.description("Created; the same request sent again gets the same answer."));
    }
  }
}
