package jp.coordination.platform.apidocs;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import jp.coordination.platform.security.ServiceSecurity;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpMethod;

/**
 * Adds the error answers the platform gives by rule, so that no controller lists them: every
 * operation may be refused without credentials (401) or for the wrong role, ward or a cross-site
 * request (403); one with a body, a query parameter or a typed path variable may be invalid (400);
 * a body may be too large (413); a record addressed by {@code {id}} may be unknown (404); in the
 * local run a user name with too many failed sign-ins is refused (429). An answer the operation
 * already has (a controller's {@code @ApiResponse}, a service's customizer) keeps its description;
 * then every error answer is given the problem+json shape. Customizers run in no fixed order, so a
 * service's own adds its answers with {@link #problem} and never relies on running before or after
 * this one.
 */
public class ProblemResponses implements OpenApiCustomizer {
  /** The schema name of an RFC 9457 problem as both services write it. */
  public static final String PROBLEM = "Problem";

  private static final String PROBLEM_JSON =
      org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

  private final ServiceSecurity security;

  public ProblemResponses(ServiceSecurity security) {
    this.security = security;
  }

  /** A problem+json answer, for a service's own customizer. */
  public static ApiResponse problem(String description) {
    return new ApiResponse().description(description).content(problemContent());
  }

  @Override
  public void customise(OpenAPI openApi) {
    openApi.getComponents().addSchemas(PROBLEM, problemSchema());
    forEachOperation(openApi, this::add);
  }

  /** What a customizer does to one operation of the description. */
  @FunctionalInterface
  public interface OperationRule {
    void apply(String path, PathItem.HttpMethod method, Operation operation);
  }

  /** Applies a rule to every operation of the description, as each customizer does. */
  public static void forEachOperation(OpenAPI openApi, OperationRule rule) {
    openApi
        .getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach((method, operation) -> rule.apply(path, method, operation)));
  }

  private void add(String path, PathItem.HttpMethod method, Operation operation) {
    ApiResponses responses = operation.getResponses();
    boolean body = operation.getRequestBody() != null;
    if (body || hasParameterThatMayBeInvalid(operation)) {
      responses.putIfAbsent(
          "400",
          described(
              "Invalid request: malformed JSON, an unknown code, a missing or"
                  + " out-of-range field or parameter; errors[] names each field."));
    }
    responses.putIfAbsent("401", described("No or invalid credentials."));
    boolean read = method == PathItem.HttpMethod.GET || method == PathItem.HttpMethod.HEAD;
    if (!read || !security.openToEverySignedInUser(HttpMethod.valueOf(method.name()), path)) {
      responses.putIfAbsent(
          "403",
          described(
              "Wrong role or ward (the same answer whether or not the record exists)"
                  + (read ? "." : ", or a request a browser marks as cross-site.")));
    }
    if (path.contains("{id}")) {
      responses.putIfAbsent("404", described("No record with this id."));
    }
    if (body) {
      responses.putIfAbsent(
          "413", described("The body is larger than the limit (64 KB by default)."));
    }
    if (security.local()) {
      responses.putIfAbsent(
          "429",
          described(
              "Local run: too many failed sign-ins of this user name from this address; see Retry-After."));
    }
    responses.forEach(
        (status, response) -> {
          if (status.startsWith("4") || status.startsWith("5")) {
            response.setContent(problemContent());
          }
        });
  }

  /**
   * A query parameter is checked, and so is a path variable of a type (a UUID, a year); a plain
   * text path variable (a parked event's id) is only looked up, and unknown is 404.
   */
  private static boolean hasParameterThatMayBeInvalid(Operation operation) {
    return operation.getParameters() != null
        && operation.getParameters().stream()
            .anyMatch(
                p ->
                    !"path".equals(p.getIn())
                        || p.getSchema() == null
                        || !isPlainText(p.getSchema()));
  }

  /** OpenAPI 3.1 (springdoc's default) names the type in {@code types}, 3.0 in {@code type}. */
  private static boolean isPlainText(Schema<?> schema) {
    boolean text =
        "string".equals(schema.getType())
            || (schema.getTypes() != null && schema.getTypes().equals(java.util.Set.of("string")));
    return text && schema.getFormat() == null && schema.getPattern() == null;
  }

  private static ApiResponse described(String description) {
    return new ApiResponse().description(description);
  }

  private static Content problemContent() {
    return new Content()
        .addMediaType(
            PROBLEM_JSON,
            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
  }

  private static Schema<?> problemSchema() {
    Schema<?> fieldProblem =
        new ObjectSchema()
            .addProperty(
                "field",
                new StringSchema().description("the field or parameter, e.g. person.birthYear"))
            .addProperty("message", new StringSchema());
    // Set one by one: addProperty answers the raw Schema type, on which a further call is
    // unchecked.
    ObjectSchema problem = new ObjectSchema();
    problem.setDescription(
        "RFC 9457 problem; title, detail and messages in Japanese when Accept-Language prefers it.");
    problem.addProperty(
        "type", new StringSchema().example("urn:coordination:problem:invalid-request"));
    problem.addProperty("title", new StringSchema());
    problem.addProperty("status", new IntegerSchema());
    problem.addProperty("detail", new StringSchema());
    problem.addProperty("instance", new StringSchema());
    problem.addProperty("errors", new ArraySchema().items(fieldProblem));
    problem.setRequired(java.util.List.of("type", "title", "status"));
    return problem;
  }
}
