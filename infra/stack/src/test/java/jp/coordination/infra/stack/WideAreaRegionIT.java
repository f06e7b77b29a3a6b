package jp.coordination.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.coordination.infra.embedded.EmbeddedKafkaBroker;
import jp.coordination.infra.embedded.EmbeddedMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Both services on the wide-area example region (広域設置, {@code regions/sennan.json}): nine towns are
 * the units, by configuration alone. A household, an intake, an experience stay and a community
 * issue of the towns go through the command API and show on the towns' dashboards and in the
 * statistics and their CSV, which call the units 市町村.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WideAreaRegionIT {

  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration PROJECTION_TIMEOUT = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String topic = "wide.events." + UUID.randomUUID().toString().substring(0, 8);
  private final List<ServiceProcess> services = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private EmbeddedKafkaBroker broker;
  private EmbeddedMongo mongo;
  private String commandBase;
  private String queryBase;

  @BeforeAll
  void startStack() throws IOException {
    Path target = Files.createDirectories(Path.of("target"));
    broker = EmbeddedKafkaBroker.start(Files.createTempDirectory(target, "wide-kafka-"), 0);
    mongo = EmbeddedMongo.inMemory();
    Map<String, String> env =
        ServicesUnderTest.environment(
            mongo.connectionString() + "/coordination",
            mongo.connectionString() + "/coordination_query",
            broker.bootstrapServers(),
            topic,
            "wide-");
    env.put("REGION_FILE", "regions/sennan.json");
    ServicesUnderTest.Started started =
        ServicesUnderTest.start(env, getClass(), READY_TIMEOUT, services);
    ServiceProcess command = started.command();
    ServiceProcess query = started.query();
    commandBase = command.baseUrl();
    queryBase = query.baseUrl();
  }

  @AfterAll
  void stopStack() {
    for (int i = services.size() - 1; i >= 0; i--) {
      services.get(i).stop();
    }
    if (broker != null) {
      broker.close();
    }
    if (mongo != null) {
      mongo.close();
    }
  }

  @Test
  void the_towns_of_a_wide_area_region_are_its_units_from_command_to_statistics() throws Exception {
    JsonNode wards = JSON.readTree(get(queryBase + "/api/wards", "coordinator").body());
    assertThat(wards).hasSize(9);
    assertThat(wards.get(0).path("name").path("ja").asText()).isEqualTo("白石市");
    assertThat(wards.get(0).path("unit").path("ja").asText()).isEqualTo("市町村");
    // A Sendai ward is not one of this region's.
    assertThat(
            post(
                    "/api/intakes",
                    """
        {"ward":"AOBA","trigger":"CAREGIVER_SUDDEN_ILLNESS","supportNeeds":[]}""")
                .statusCode())
        .isEqualTo(400);

    String household =
        id(
            post(
                "/api/households",
                """
        {"ward":"SHIROISHI","riskFactors":["CAREGIVER_AGED"],"disabilityTypes":["INTELLECTUAL"],"child":false,\
        "supportNeeds":[],"consentAt":"2026-04-10T10:00:00+09:00","person":{"name":"白石 花子",\
        "address":"白石市1-1","birthYear":1975}}"""));
    String facility =
        id(
            post(
                "/api/facilities",
                """
        {"name":"ショートステイ蔵王","ward":"ZAO","kind":"SHORT_STAY","capabilities":[],"emergencyBeds":2}"""));
    String intake =
        id(
            post(
                "/api/intakes",
                """
        {"ward":"SHIROISHI","householdId":"%s","trigger":"CAREGIVER_SUDDEN_ILLNESS","supportNeeds":[]}"""
                    .formatted(household)));
    assertThat(
            post(
                    "/api/intakes/" + intake + "/placement",
                    """
        {"facilityId":"%s"}"""
                        .formatted(facility))
                .statusCode())
        .isEqualTo(200);
    String stay =
        id(
            post(
                "/api/experience-stays",
                """
        {"ward":"MARUMORI","kind":"GROUP_HOME_TRIAL","facilityId":"%s","firstDay":"2026-12-10","lastDay":"2026-12-12"}"""
                    .formatted(facility)));
    assertThat(
            post(
                    "/api/community-issues",
                    """
        {"category":"RESOURCE_SHORTAGE","title":"圏域内に短期入所が少ない","raisedBy":"INTAKE_DECLINES"}""")
                .statusCode())
        .isEqualTo(201);

    await()
        .atMost(PROJECTION_TIMEOUT)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              JsonNode shiroishi =
                  JSON.readTree(
                      get(queryBase + "/api/wards/SHIROISHI/dashboard", "coordinator").body());
              assertThat(shiroishi.at("/intakes/inPlacement").asInt()).isEqualTo(1);
              JsonNode marumori =
                  JSON.readTree(
                      get(queryBase + "/api/wards/MARUMORI/dashboard", "coordinator").body());
              assertThat(marumori.at("/experienceStays/arranged").asInt()).isEqualTo(1);
              assertThat(
                      get(queryBase + "/api/experience-stays/" + stay, "coordinator").statusCode())
                  .isEqualTo(200);
            });

    // Exact figures are the analysts'; the council reads the single request of Shiroishi as null.
    JsonNode statistics = JSON.readTree(get(queryBase + "/api/statistics/2026", "analyst").body());
    assertThat(statistics.path("region").asText()).isEqualTo("sennan");
    assertThat(statistics.path("wards").size()).isEqualTo(9);
    assertThat(statistics.at("/wards/SHIROISHI/intakesRequested").asInt()).isEqualTo(1);
    assertThat(statistics.at("/wards/SHIROISHI/preRegisteredShare").decimalValue())
        .isEqualByComparingTo("1");
    assertThat(statistics.at("/wards/MARUMORI/experienceStays/arranged").asInt()).isEqualTo(1);
    assertThat(statistics.at("/total/communityIssues/raised").asInt()).isEqualTo(1);
    JsonNode council =
        JSON.readTree(get(queryBase + "/api/statistics/2026", "city-council").body());
    assertThat(council.at("/wards/SHIROISHI/intakesRequested").isNull()).isTrue();
    assertThat(council.path("suppressed").toString())
        .contains("\"wards.SHIROISHI.intakesRequested\"");
    String csv = get(queryBase + "/api/statistics/2026?format=csv", "city-council").body();
    assertThat(csv.lines().findFirst().orElseThrow()).startsWith("\uFEFF年度,市町村,");
    assertThat(csv).contains("\r\n2026,七ヶ宿町,").contains("\r\n2026,合計,");
  }

  private HttpResponse<String> post(String path, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(commandBase + path))
            .header("Authorization", basic("coordinator"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build());
  }

  private static String id(HttpResponse<String> created) {
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    try {
      return JSON.readTree(created.body()).path("id").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpResponse<String> get(String url, String user) {
    return send(
        HttpRequest.newBuilder(URI.create(url)).header("Authorization", basic(user)).build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String basic(String user) {
    return "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }
}
