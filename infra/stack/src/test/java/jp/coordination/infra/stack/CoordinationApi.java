package jp.coordination.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The two services' HTTP APIs as a client sees them (API.md), with the demo users of the local run.
 */
final class CoordinationApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String commandBase;
  private final String queryBase;

  CoordinationApi(String commandBase, String queryBase) {
    this.commandBase = commandBase;
    this.queryBase = queryBase;
  }

  /**
   * Sends a command as {@code coordinator} and returns the {@code id} of the answer, which must
   * have the status.
   */
  String command(String path, String body, int expectedStatus) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(commandBase + path))
            .timeout(TIMEOUT)
            .header("Authorization", basic("coordinator"))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response = send(request);
    assertThat(response.statusCode())
        .as("POST %s answered %s", path, response.body())
        .isEqualTo(expectedStatus);
    JsonNode answer = parse(response.body());
    assertThat(answer.path("id").isTextual())
        .as("answer of POST %s: %s", path, response.body())
        .isTrue();
    assertThat(answer.path("sequence").isNumber())
        .as("answer of POST %s: %s", path, response.body())
        .isTrue();
    return answer.get("id").asText();
  }

  /** A GET on the query-service as {@code user}: the status and the body. */
  Answer query(String path, String user) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(queryBase + path))
            .timeout(TIMEOUT)
            .header("Authorization", basic(user))
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<String> response = send(request);
    return new Answer(response.statusCode(), response.body());
  }

  /** A GET on the command-service as {@code user}: the status and the body. */
  Answer commandQuery(String path, String user) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(commandBase + path))
            .timeout(TIMEOUT)
            .header("Authorization", basic(user))
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<String> response = send(request);
    return new Answer(response.statusCode(), response.body());
  }

  /**
   * A POST on the command-service as {@code user}, the body sent as raw bytes: the status and the
   * body.
   */
  Answer post(String path, byte[] body, String user) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(commandBase + path))
            .timeout(TIMEOUT)
            .header("Authorization", basic(user))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<String> response = send(request);
    return new Answer(response.statusCode(), response.body());
  }

  /** An HTTP answer. */
  record Answer(int status, String body) {
    JsonNode json() {
      return parse(body);
    }
  }

  /** The ward dashboard as the ward's council sees it. */
  Dashboard dashboard(String ward, String user) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(queryBase + "/api/wards/" + ward + "/dashboard"))
            .timeout(TIMEOUT)
            .header("Authorization", basic(user))
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<String> response = send(request);
    assertThat(response.statusCode()).as("dashboard answered %s", response.body()).isEqualTo(200);
    return Dashboard.of(parse(response.body()));
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + body, e);
    }
  }

  // Demo users have their name as password.
  private static String basic(String user) {
    return "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The counts of the ward dashboard that the scenario changes; times ({@code asOf}) are left out
   * on purpose.
   */
  record Dashboard(
      int householdsActive,
      int caregiverAged,
      int livesAlone,
      int intakesInPlacement,
      int intakesRequestedThisYear,
      int intakesPlacedThisYear,
      int coSupportsOpenedThisYear,
      int coSupportsClosedThisYear,
      int emergencyBedsAvailable) {

    static Dashboard of(JsonNode json) {
      return new Dashboard(
          required(json, "households", "active"),
          required(json.path("households"), "byRiskFactor", "CAREGIVER_AGED"),
          required(json.path("households"), "byRiskFactor", "LIVES_ALONE"),
          required(json, "intakes", "inPlacement"),
          required(json, "intakes", "requestedThisYear"),
          required(json, "intakes", "placedThisYear"),
          required(json, "coSupports", "openedThisYear"),
          required(json, "coSupports", "closedThisYear"),
          required(json, "facilities", "emergencyBedsAvailable"));
    }

    private static int required(JsonNode json, String group, String field) {
      JsonNode value = json.path(group).path(field);
      if (!value.isNumber()) {
        throw new AssertionError("dashboard has no number at " + group + "." + field + ": " + json);
      }
      return value.asInt();
    }
  }
}
