package jp.coordination.command.publication;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import jp.coordination.command.eventstore.EventStreamCollections;
import jp.coordination.command.eventstore.StoredEvents;
import jp.coordination.command.eventstore.StreamCache;
import jp.coordination.command.lease.Leases;
import jp.coordination.platform.security.ProfileGuards;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The publication side: streams are always marked pending by their appends (the store's promise to
 * publish); the topic initializer and the relay run unless {@code
 * coordination.publication.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PublicationKafkaProperties.class, PublicationProperties.class})
public class PublicationConfiguration {

  @Bean
  PendingPublications pendingPublications(
      EventStreamCollections collections, ObjectProvider<Clock> clock) {
    return new PendingPublications(collections, clock.getIfUnique(Clock::systemUTC));
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  @ConditionalOnProperty(
      name = "coordination.publication.enabled",
      havingValue = "true",
      matchIfMissing = true)
  TopicInitializer topicInitializer(
      PublicationKafkaProperties kafka,
      PublicationProperties publication,
      Environment environment) {
    if (ProfileGuards.production(environment)) {
      kafka.requireProductionDurability();
    }
    return new TopicInitializer(
        KafkaClientConfigs.admin(kafka.bootstrapServers()),
        kafka.topic(),
        kafka.partitions(),
        kafka.replicationFactor(),
        kafka.minInsyncReplicas(),
        publication.maxBackoff());
  }

  /**
   * The {@code publication} member of the readiness group, there on every instance (the group names
   * it whether or not this one runs the relay).
   */
  @Bean
  PublicationHealth publicationHealthIndicator(
      ObjectProvider<PublicationRelay> relay, PublicationProperties publication) {
    return new PublicationHealth(relay::getIfAvailable, publication.laggingAfter());
  }

  @Bean
  PublishedVersions publishedVersions(EventStreamCollections collections) {
    return new PublishedVersions(collections.streams());
  }

  @Bean
  @ConditionalOnProperty(
      name = "coordination.publication.enabled",
      havingValue = "true",
      matchIfMissing = true)
  PublicationReconciliation publicationReconciliation(
      EventStreamCollections collections,
      PendingPublications pending,
      PublicationRelay relay,
      PublicationProperties publication,
      ObjectProvider<MeterRegistry> meters,
      Leases leases) {
    return new PublicationReconciliation(
        collections.streams(),
        pending,
        relay::wake,
        publication.reconcileInterval(),
        meters.getIfUnique(SimpleMeterRegistry::new),
        leases.of(Leases.PUBLICATION_RECONCILIATION)::held);
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  @ConditionalOnProperty(
      name = "coordination.publication.enabled",
      havingValue = "true",
      matchIfMissing = true)
  PublicationRelay publicationRelay(
      PendingPublications pending,
      StreamCache streams,
      StoredEvents storedEvents,
      PublishedVersions publishedVersions,
      TopicInitializer topic,
      PublicationKafkaProperties kafka,
      PublicationProperties publication,
      ObjectProvider<Clock> clock,
      ObjectProvider<MeterRegistry> meters,
      Leases leases) {
    var producerConfig =
        KafkaClientConfigs.producer(
            kafka.bootstrapServers(),
            publication.linger(),
            publication.maxBlock(),
            publication.deliveryTimeout());
    return new PublicationRelay(
        pending,
        streams,
        storedEvents,
        publishedVersions,
        () -> new KafkaProducer<>(producerConfig),
        kafka.topic(),
        topic::isReady,
        new PublicationRelay.Settings(
            publication.pollInterval(),
            publication.maxBackoff(),
            publication.deliveryTimeout().plusSeconds(5),
            publication.batchSize()),
        clock.getIfUnique(Clock::systemUTC),
        meters.getIfUnique(SimpleMeterRegistry::new),
        leases.of(Leases.PUBLICATION_RELAY)::held);
  }
}
