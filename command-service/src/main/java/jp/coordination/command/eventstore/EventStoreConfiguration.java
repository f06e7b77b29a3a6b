package jp.coordination.command.eventstore;

import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import jp.coordination.events.envelope.EventCodec;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.mongo.MongoProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Plugs the MongoDB stream store into Axon.
 *
 * <p>The storage engine is declared here rather than left to auto-configuration: Axon's own
 * auto-configuration only builds an event store around an {@link EventStorageEngine} bean that
 * already exists. The database is the one named in {@code spring.data.mongodb.uri}, reached through
 * Boot's {@link MongoClient}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StreamCacheProperties.class)
public class EventStoreConfiguration {

  /** The stored-event converter of this service (one codec, the contract's). */
  @Bean
  StoredEvents storedEvents() {
    return new StoredEvents(new EventCodec());
  }

  @Bean
  EventStreamCollections eventStreamCollections(
      MongoClient mongoClient, MongoProperties mongoProperties) {
    return new EventStreamCollections(
        mongoClient.getDatabase(mongoProperties.getMongoClientDatabase()));
  }

  /** The recently used streams, shared by the engine, the lookups and the relay (ADR 0005). */
  @Bean
  StreamCache streamCache(
      EventStreamCollections collections,
      StoredEvents storedEvents,
      StreamCacheProperties properties,
      ObjectProvider<MeterRegistry> meters) {
    StreamCache cache =
        new StreamCache(collections.streams(), storedEvents, properties.cachedStreams());
    meters.ifUnique(cache::monitoredBy);
    return cache;
  }

  @Bean
  EventStorageEngine eventStorageEngine(
      EventStreamCollections collections,
      StreamCache cache,
      StoredEvents storedEvents,
      PublicationOutbox outbox,
      ObjectProvider<Clock> clock,
      ObjectProvider<MeterRegistry> meters) {
    return new MongoEventStorageEngine(
        collections.streams(),
        cache,
        storedEvents,
        outbox,
        clock.getIfUnique(Clock::systemUTC),
        meters.getIfUnique(SimpleMeterRegistry::new));
  }

  @Bean
  EventStreams eventStreams(StreamCache cache) {
    return new MongoEventStreams(cache);
  }

  /**
   * Copies the command's metadata (actor, role, business time, correlation, command id, request
   * hash) onto every event it applies, where the storage engine reads them. Declaring a provider
   * also replaces Axon's default {@code MessageOriginProvider}, which would overwrite {@code
   * correlationId} with the command message's own identifier.
   */
  @Bean
  CorrelationDataProvider commandMetadataCorrelationDataProvider() {
    return new SimpleCorrelationDataProvider(commandMetadataKeys().toArray(String[]::new));
  }

  /**
   * Event handlers in this service, if any, run in subscribing processors: the store has no global
   * order for a tracking processor to follow (read models consume Kafka instead).
   */
  @Bean
  ConfigurerModule subscribingEventProcessorsByDefault() {
    return configurer -> configurer.eventProcessing().usingSubscribingEventProcessors();
  }

  /**
   * Every key declared in {@link CommandMetadata}, so that a new key is copied without a change
   * here.
   */
  static List<String> commandMetadataKeys() {
    List<String> keys = new ArrayList<>();
    for (Field field : CommandMetadata.class.getDeclaredFields()) {
      int modifiers = field.getModifiers();
      if (Modifier.isPublic(modifiers)
          && Modifier.isStatic(modifiers)
          && field.getType() == String.class) {
        try {
          keys.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return List.copyOf(keys);
  }
}
