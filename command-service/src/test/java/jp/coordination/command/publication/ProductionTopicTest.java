package jp.coordination.command.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The production profile's event topic survives a lost broker without losing an acknowledged event.
 */
class ProductionTopicTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(PublicationKafkaProperties.class)
  static class KafkaSettings {}

  /**
   * The service's own configuration files with the production profile, and what production must set
   * anyway.
   */
  private static PublicationKafkaProperties productionSettings(String... more) {
    SpringApplicationBuilder builder =
        new SpringApplicationBuilder(KafkaSettings.class)
            .web(WebApplicationType.NONE)
            .profiles("production");
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=https://idp.example/realms/city",
                "--spring.security.oauth2.resourceserver.jwt.audiences=coordination",
                "--coordination.personal-data.master-key=BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc="));
    for (String setting : more) {
      arguments.add("--" + setting);
    }
    try (ConfigurableApplicationContext context = builder.run(arguments.toArray(String[]::new))) {
      return context.getBean(PublicationKafkaProperties.class);
    }
  }

  @Test
  void the_production_profile_creates_the_topic_with_three_replicas_and_two_in_sync() {
    PublicationKafkaProperties kafka = productionSettings();
    assertThat(kafka.replicationFactor()).isGreaterThanOrEqualTo((short) 3);
    assertThat(kafka.minInsyncReplicas()).isEqualTo(2);

    NewTopic topic =
        new TopicInitializer(
                Map.of(),
                kafka.topic(),
                kafka.partitions(),
                kafka.replicationFactor(),
                kafka.minInsyncReplicas(),
                Duration.ofSeconds(1))
            .spec();
    assertThat(topic.replicationFactor()).isEqualTo((short) 3);
    assertThat(topic.configs())
        .containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2")
        .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1");
  }

  @Test
  void the_production_profile_refuses_a_topic_one_lost_broker_could_empty() {
    assertThatThrownBy(
            () ->
                productionSettings("coordination.kafka.replication-factor=1")
                    .requireProductionDurability())
        .hasMessageContaining("KAFKA_REPLICATION_FACTOR");
    assertThatThrownBy(
            () ->
                productionSettings("coordination.kafka.min-insync-replicas=1")
                    .requireProductionDurability())
        .hasMessageContaining("KAFKA_MIN_INSYNC_REPLICAS");
  }

  @Test
  void outside_production_a_single_broker_is_enough() {
    TopicInitializer local =
        new TopicInitializer(Map.of(), "t", 6, (short) 1, Duration.ofSeconds(1));
    assertThat(local.spec().replicationFactor()).isEqualTo((short) 1);
    assertThat(local.topicConfigs()).containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "1");
  }
}
