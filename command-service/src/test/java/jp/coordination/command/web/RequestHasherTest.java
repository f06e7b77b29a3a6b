package jp.coordination.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestHasherTest {
  record Body(String at, List<String> codes, String name) {}

  private final RequestHasher hasher = new RequestHasher();

  @Test
  void the_same_request_hashes_the_same() {
    assertThat(hasher.hash("Cmd", "a", new Body("2026-06-02T12:00:00+09:00", List.of("X"), "n")))
        .isEqualTo(
            hasher.hash("Cmd", "a", new Body("2026-06-02T12:00:00+09:00", List.of("X"), "n")))
        .matches("[0-9a-f]{64}");
  }

  @Test
  void a_different_business_time_as_given_changes_the_hash() {
    assertThat(hasher.hash("Cmd", "a", new Body(null, List.of("X"), "n")))
        .isNotEqualTo(
            hasher.hash("Cmd", "a", new Body("2026-06-02T12:00:00+09:00", List.of("X"), "n")));
  }

  @Test
  void the_command_kind_and_path_id_are_part_of_the_hash() {
    Body body = new Body(null, List.of(), "n");
    assertThat(hasher.hash("Close", "a", body)).isNotEqualTo(hasher.hash("Open", "a", body));
    assertThat(hasher.hash("Close", "a", body)).isNotEqualTo(hasher.hash("Close", "b", body));
  }
}
