package jp.coordination.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalStackSettingsTest {

  @Test
  void defaults_are_the_documented_ports_and_the_data_directory_beside_the_repository() {
    LocalStackSettings settings = LocalStackSettings.parse(new String[0], Map.of());

    assertThat(settings.kafkaPort()).isEqualTo(9092);
    assertThat(settings.mongoPort()).isEqualTo(27017);
    assertThat(settings.commandServicePort()).isEqualTo(8081);
    assertThat(settings.queryServicePort()).isEqualTo(8082);
    assertThat(settings.kafkaDir()).isEqualTo(Path.of("data", "kafka"));
    assertThat(settings.mongoFile()).isEqualTo(Path.of("data", "mongo.mv"));
    assertThat(settings.infraOnly()).isFalse();
    assertThat(settings.mongoInMemory())
        .as("data survives a restart unless asked otherwise")
        .isFalse();
  }

  @Test
  void mongo_in_memory_is_asked_for_by_flag_or_environment() {
    assertThat(
            LocalStackSettings.parse(new String[] {"--mongo-in-memory"}, Map.of()).mongoInMemory())
        .isTrue();
    assertThat(
            LocalStackSettings.parse(new String[0], Map.of("MONGO_IN_MEMORY", "true"))
                .mongoInMemory())
        .isTrue();
  }

  @Test
  void environment_variables_override_defaults_and_flags_override_both() {
    Map<String, String> env =
        Map.of("DATA_DIR", "/tmp/stack", "KAFKA_PORT", "19092", "MONGO_PORT", "37017");

    LocalStackSettings settings =
        LocalStackSettings.parse(
            new String[] {"--kafka-port=29092", "--mongo-port", "47017", "--infra-only"}, env);

    assertThat(settings.dataDir()).isEqualTo(Path.of("/tmp/stack"));
    assertThat(settings.kafkaPort()).isEqualTo(29092);
    assertThat(settings.mongoPort()).isEqualTo(47017);
    assertThat(settings.infraOnly()).isTrue();
  }

  @Test
  void instances_count_up_from_the_configured_ports_by_two() {
    LocalStackSettings two = LocalStackSettings.parse(new String[] {"--instances=2"}, Map.of());

    assertThat(two.instances()).isEqualTo(2);
    assertThat(List.of(two.commandServicePort(0), two.commandServicePort(1)))
        .containsExactly(8081, 8083);
    assertThat(List.of(two.queryServicePort(0), two.queryServicePort(1)))
        .containsExactly(8082, 8084);
    LocalStackSettings three =
        LocalStackSettings.parse(
            new String[] {"--command-port=9101"},
            Map.of("INSTANCES", "3", "QUERY_SERVICE_PORT", "9102"));
    assertThat(three.commandServicePort(2)).isEqualTo(9105);
    assertThat(three.queryServicePort(2)).isEqualTo(9106);
    assertThat(LocalStackSettings.parse(new String[0], Map.of()).instances()).isEqualTo(1);
  }

  @Test
  void a_number_of_instances_below_one_or_past_the_last_port_is_refused() {
    assertThatThrownBy(() -> LocalStackSettings.parse(new String[] {"--instances=0"}, Map.of()))
        .hasMessageContaining("--instances");
    assertThatThrownBy(
            () ->
                LocalStackSettings.parse(
                    new String[] {"--instances=2", "--query-port=65535"}, Map.of()))
        .hasMessageContaining("65537");
  }

  @Test
  void infra_only_may_name_the_broker_or_the_stand_in_alone() {
    LocalStackSettings kafka =
        LocalStackSettings.parse(new String[] {"--infra-only=kafka"}, Map.of());
    LocalStackSettings mongo =
        LocalStackSettings.parse(new String[0], Map.of("INFRA_ONLY", "mongo"));
    LocalStackSettings both = LocalStackSettings.parse(new String[] {"--infra-only"}, Map.of());

    assertThat(List.of(kafka.infraOnly(), kafka.startsKafka(), kafka.startsMongo()))
        .containsExactly(true, true, false);
    assertThat(List.of(mongo.infraOnly(), mongo.startsKafka(), mongo.startsMongo()))
        .containsExactly(true, false, true);
    assertThat(List.of(both.infraOnly(), both.startsKafka(), both.startsMongo()))
        .containsExactly(true, true, true);
    assertThatThrownBy(
            () -> LocalStackSettings.parse(new String[] {"--infra-only=redis"}, Map.of()))
        .hasMessageContaining("--infra-only");
  }

  @Test
  void an_unknown_flag_or_a_bad_port_is_refused() {
    assertThatThrownBy(() -> LocalStackSettings.parse(new String[] {"--kafka=1"}, Map.of()))
        .hasMessageContaining("--kafka");
    assertThatThrownBy(() -> LocalStackSettings.parse(new String[0], Map.of("MONGO_PORT", "mongo")))
        .hasMessageContaining("MONGO_PORT");
  }

  @Test
  void management_ports_count_up_by_two_like_the_service_ports() {
    LocalStackSettings two = LocalStackSettings.parse(new String[] {"--instances=2"}, Map.of());

    assertThat(List.of(two.commandManagementPort(0), two.commandManagementPort(1)))
        .containsExactly(9181, 9183);
    assertThat(List.of(two.queryManagementPort(0), two.queryManagementPort(1)))
        .containsExactly(9182, 9184);
    LocalStackSettings moved =
        LocalStackSettings.parse(
            new String[] {"--query-management-port=19182"},
            Map.of("COMMAND_MANAGEMENT_PORT", "19181"));
    assertThat(moved.commandManagementPort(0)).isEqualTo(19181);
    assertThat(moved.queryManagementPort(0)).isEqualTo(19182);
  }

  @Test
  void the_most_instances_with_default_ports_share_no_port() {
    LocalStackSettings sixteen =
        LocalStackSettings.parse(new String[] {"--instances=16"}, Map.of());

    assertThat(sixteen.queryManagementPort(15)).isEqualTo(9212);
  }

  @Test
  void a_port_given_to_two_listeners_is_refused_naming_both() {
    assertThatThrownBy(
            () -> LocalStackSettings.parse(new String[] {"--query-management-port=9092"}, Map.of()))
        .hasMessageContaining("9092")
        .hasMessageContaining("Kafka")
        .hasMessageContaining("query-service (management)");
    assertThatThrownBy(
            () ->
                LocalStackSettings.parse(
                    new String[] {"--instances=2", "--command-management-port=8081"}, Map.of()))
        .hasMessageContaining("8081");
  }

  @Test
  void a_region_file_is_handed_to_the_services_and_the_demo_year_stays_sendai_s() {
    assertThat(LocalStackSettings.parse(new String[0], Map.of()).region()).isEmpty();
    assertThat(
            LocalStackSettings.parse(new String[] {"--region=regions/sennan.json"}, Map.of())
                .region())
        .isEqualTo("regions/sennan.json");
    assertThat(
            LocalStackSettings.parse(new String[0], Map.of("REGION_FILE", "my-region.json"))
                .region())
        .isEqualTo("my-region.json");
    assertThatThrownBy(
            () ->
                LocalStackSettings.parse(
                    new String[] {"--demo", "--region=regions/sennan.json"}, Map.of()))
        .hasMessageContaining("--region");
  }
}
