package jp.coordination.platform.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Both services get the indicators from the platform, named as the readiness groups include them.
 */
class ReadinessAutoConfigurationTest {
  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(MongoAutoConfiguration.class, ReadinessAutoConfiguration.class))
          // Nothing listens there; neither indicator connects before it is asked.
          .withPropertyValues("spring.data.mongodb.uri=mongodb://127.0.0.1:1/db");

  @Test
  void a_service_with_a_mongo_client_and_a_kafka_address_gets_the_mongo_and_kafka_indicators() {
    context
        .withPropertyValues("coordination.kafka.bootstrap-servers=127.0.0.1:1")
        .run(
            service -> {
              assertThat(service)
                  .hasSingleBean(MongoReadiness.class)
                  .hasBean("mongoHealthIndicator");
              assertThat(service)
                  .hasSingleBean(KafkaReadiness.class)
                  .hasBean("kafkaHealthIndicator");
            });
  }

  @Test
  void without_a_kafka_address_there_is_no_kafka_indicator() {
    context.run(
        service ->
            assertThat(service)
                .hasSingleBean(MongoReadiness.class)
                .doesNotHaveBean(KafkaReadiness.class));
  }

  @Test
  void either_can_be_switched_off_like_boots_own_indicators() {
    context
        .withPropertyValues(
            "coordination.kafka.bootstrap-servers=127.0.0.1:1",
            "management.health.mongo.enabled=false",
            "management.health.kafka.enabled=false")
        .run(
            service ->
                assertThat(service)
                    .doesNotHaveBean(MongoReadiness.class)
                    .doesNotHaveBean(KafkaReadiness.class));
  }
}
