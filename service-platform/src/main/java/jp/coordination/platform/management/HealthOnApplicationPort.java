package jp.coordination.platform.management;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpointWebExtension;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /actuator/health}, {@code /actuator/health/liveness} and {@code
 * /actuator/health/readiness} on the application port, while every actuator endpoint (health
 * included) is served on the management port. Spring Boot can add a health group's path to the
 * application port only as one segment ({@code /readyz}); the launcher, the tests, the compose
 * health checks and API.md poll the paths above, so they are answered here, by the same health
 * endpoint, with its status codes (200, 503) and its status only: the services show details on the
 * management port ({@code show-details: always}, which applies to every caller of the endpoint),
 * and what the store or the broker answered is not for the public port.
 */
@RestController
public class HealthOnApplicationPort {
  private final ObjectProvider<HealthEndpointWebExtension> health;

  public HealthOnApplicationPort(ObjectProvider<HealthEndpointWebExtension> health) {
    this.health = health;
  }

  @GetMapping(path = "/actuator/health", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<HealthComponent> health() {
    return answer();
  }

  @GetMapping(
      path = "/actuator/health/{group:liveness|readiness}",
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<HealthComponent> group(@PathVariable String group) {
    return answer(group);
  }

  private ResponseEntity<HealthComponent> answer(String... path) {
    HealthEndpointWebExtension endpoint = health.getIfAvailable();
    if (endpoint == null) {
      return ResponseEntity.notFound().build();
    }
    WebEndpointResponse<HealthComponent> response =
        endpoint.health(ApiVersion.LATEST, WebServerNamespace.SERVER, SecurityContext.NONE, path);
    HealthComponent body = response.getBody();
    return ResponseEntity.status(response.getStatus())
        .body(body == null ? null : Health.status(body.getStatus()).build());
  }
}
