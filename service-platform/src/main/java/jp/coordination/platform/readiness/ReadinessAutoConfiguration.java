package jp.coordination.platform.readiness;

import com.mongodb.client.MongoClient;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The {@code mongo} and {@code kafka} health indicators of both services. An auto-configuration,
 * not part of {@code ServicePlatformConfiguration}, because the MongoDB one needs Boot's {@code
 * MongoClient}, which exists only once Boot's own auto-configuration has run. Each can be switched
 * off like Boot's own ({@code management.health.mongo.enabled}, {@code
 * management.health.kafka.enabled}).
 */
@AutoConfiguration(after = MongoAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@EnableConfigurationProperties(ReadinessProperties.class)
public class ReadinessAutoConfiguration {

  /** The address both services read their brokers from. */
  static final String KAFKA_BOOTSTRAP_SERVERS = "coordination.kafka.bootstrap-servers";

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MongoClient.class)
  static class Mongo {
    // Named as Boot's own MongoDB indicator, which then stays away should Spring Data MongoDB ever
    // join.
    @Bean
    @ConditionalOnBean(MongoClient.class)
    @ConditionalOnEnabledHealthIndicator("mongo")
    MongoReadiness mongoHealthIndicator(MongoClient client) {
      return new MongoReadiness(client::getClusterDescription);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(Admin.class)
  static class Kafka {
    @Bean
    @ConditionalOnProperty(KAFKA_BOOTSTRAP_SERVERS)
    @ConditionalOnEnabledHealthIndicator("kafka")
    KafkaReadiness kafkaHealthIndicator(ReadinessProperties readiness, Environment environment) {
      Map<String, Object> config = new HashMap<>();
      config.put(
          AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
          environment.getRequiredProperty(KAFKA_BOOTSTRAP_SERVERS));
      config.put(
          AdminClientConfig.CLIENT_ID_CONFIG,
          environment.getProperty("spring.application.name", "service") + "-readiness");
      // The client keeps reconnecting to brokers that are gone, probes or not, and warns at every
      // attempt: once per
      // look is often enough (the client's own backoff is at most 1 s, which logged a warning every
      // second).
      int backoff = (int) readiness.kafka().cacheFor().toMillis();
      config.put(CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG, backoff);
      config.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, backoff);
      return new KafkaReadiness(config, readiness.kafka().timeout(), readiness.kafka().cacheFor());
    }
  }
}
