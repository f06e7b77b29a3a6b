package jp.coordination.platform.apidocs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import jp.coordination.platform.apidocs.DocumentedOperations.Operation;
import org.junit.jupiter.api.Test;

/**
 * docs/API-OPERATIONS.md copies API.md's operations, because API.md lives outside this repository
 * ({@code ../shared/docs/API.md}) and a clean clone, as CI builds it, does not have it. Where it is
 * beside the repository, the copy must be exact; the services' tests hold their descriptions to the
 * table.
 */
class DocumentedOperationsTest {
  private static final Path API_MD = Path.of("../../shared/docs/API.md");

  @Test
  void the_table_lists_exactly_the_operations_api_md_names() throws IOException {
    assumeTrue(Files.exists(API_MD), "../shared/docs/API.md is not beside this clone");
    Set<String> named =
        DocumentedOperations.namedIn(Files.readString(API_MD)).stream()
            // Not operations of the API: the probes' health and the description itself.
            .filter(key -> !key.contains(" /actuator/") && !key.endsWith(" /v3/api-docs"))
            .collect(Collectors.toSet());
    Set<String> copied =
        DocumentedOperations.all().stream()
            .filter(o -> o.source().equals("API.md"))
            .map(Operation::key)
            .collect(Collectors.toSet());

    assertThat(copied).containsExactlyInAnyOrderElementsOf(named);
  }

  @Test
  void api_md_shortened_forms_name_operations_of_the_same_method() {
    String markdown =
        "| `GET /api/households/{id}`, `/api/intakes/{id}` | the current state |\n"
            + "| `POST /api/community-issues/{id}/discussion`, `/proposal` | `meetingDate`; `to` |\n"
            + "| `GET /api/facilities/candidates?ward=&needs=` | facilities |\n"
            + "`GET /actuator/health` (liveness); the others (`/actuator/prometheus`, ...)\n";

    assertThat(DocumentedOperations.namedIn(markdown))
        .containsExactly(
            "GET /api/households/{}",
            "GET /api/intakes/{}",
            "POST /api/community-issues/{}/discussion",
            "POST /api/community-issues/{}/proposal",
            "GET /api/facilities/candidates",
            "GET /actuator/health");
  }

  @Test
  void every_row_names_a_service_an_operation_a_success_and_where_it_is_described() {
    assertThat(DocumentedOperations.all())
        .isNotEmpty()
        .allSatisfy(
            o -> {
              assertThat(o.service()).isIn("command", "query");
              assertThat(o.method()).isIn("GET", "POST", "PUT");
              assertThat(o.path()).startsWith("/api/");
              assertThat(o.statuses()).anyMatch(status -> status.startsWith("2"));
              assertThat(o.source()).isIn("API.md", "API-ADDITIONS.md");
            });
  }
}
