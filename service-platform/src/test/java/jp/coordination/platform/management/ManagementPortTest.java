package jp.coordination.platform.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import jp.coordination.platform.security.ServiceSecurityTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Metrics are not public: the actuator has a port of its own; health stays where the probes look.
 */
@SpringBootTest(
    classes = ServiceSecurityTest.Service.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "coordination.security.demo-users=true",
      "coordination.personal-data.master-key=ZGV2ZWxvcG1lbnQtb25seS1tYXN0ZXIta2V5LTAwMDE=",
      "management.server.port=0",
      "management.endpoints.web.exposure.include=health,info",
      "management.endpoint.health.probes.enabled=true",
      // As the services have it: details for whoever reaches the management port.
      "management.endpoint.health.show-details=always"
    })
@ActiveProfiles("local")
class ManagementPortTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;

  private HttpResponse<String> get(int port, String path, String user)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (user != null) {
      request.header(
          "Authorization",
          "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + user).getBytes()));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void actuator_endpoints_other_than_health_are_not_served_on_the_application_port()
      throws Exception {
    assertThat(managementPort).isNotEqualTo(port);
    assertThat(get(port, "/actuator/info", null).statusCode()).isIn(401, 404);
    assertThat(get(port, "/actuator/info", "coordinator").statusCode()).isEqualTo(404);
    assertThat(get(managementPort, "/actuator/info", "coordinator").statusCode()).isEqualTo(200);
  }

  @Test
  void health_liveness_and_readiness_answer_on_the_application_port_without_details()
      throws Exception {
    for (String path :
        new String[] {
          "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"
        }) {
      HttpResponse<String> health = get(port, path, null);
      assertThat(health.statusCode()).as(path).isEqualTo(200);
      assertThat(health.body()).as(path).contains("\"status\":\"UP\"").doesNotContain("diskSpace");
    }
    assertThat(get(port, "/actuator/health/diskSpace", null).statusCode()).isEqualTo(404);
    assertThat(get(managementPort, "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
  }

  @Test
  void details_are_shown_on_the_management_port_and_never_on_the_application_port()
      throws Exception {
    assertThat(get(managementPort, "/actuator/health", null).body())
        .contains("\"diskSpace\"", "\"details\"");
    for (String path : new String[] {"/actuator/health", "/actuator/health/readiness"}) {
      assertThat(get(port, path, "coordinator").body()).as(path).isEqualTo("{\"status\":\"UP\"}");
    }
  }
}
