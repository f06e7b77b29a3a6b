package jp.coordination.query.consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import jp.coordination.events.envelope.EventCodec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.mongo.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the store, the ledger, positions, metrics and the poll loop onto Boot's MongoClient. */
@Configuration(proxyBeanMethods = false)
class ConsumerConfiguration {

  /** Used when the MongoDB URI names no database. */
  static final String DEFAULT_DATABASE = "coordination_query";

  @Bean
  MongoDatabase queryDatabase(MongoClient client, ObjectProvider<MongoConnectionDetails> details) {
    MongoConnectionDetails connection = details.getIfAvailable();
    String name =
        connection == null || connection.getConnectionString().getDatabase() == null
            ? DEFAULT_DATABASE
            : connection.getConnectionString().getDatabase();
    return client.getDatabase(name);
  }

  @Bean
  EventCodec eventCodec() {
    return new EventCodec();
  }

  /** Which generation of the read models is served; read at once and then watched. */
  @Bean(destroyMethod = "close")
  Generations generations(MongoDatabase queryDatabase, ConsumerProperties properties) {
    Generations generations = new Generations(queryDatabase);
    generations.start(properties.generationWatch());
    return generations;
  }

  /**
   * The store every projection and query uses: batches on top of one MongoDB store per generation
   * (the calling thread's, {@link Generations#current}).
   */
  @Bean
  ProjectionStore projectionStore(
      MongoDatabase queryDatabase,
      MeterRegistry registry,
      Generations generations,
      ObjectProvider<WrittenLast> writtenLast) {
    ObjectMapper mapper = EventCodec.newMapper();
    GenerationalProjectionStore byGeneration =
        new GenerationalProjectionStore(
            generations,
            generation -> {
              MongoProjectionStore store =
                  new MongoProjectionStore(
                      queryDatabase,
                      mapper,
                      MongoProjectionStore.DEFAULT_CACHED_DOCUMENTS,
                      generation);
              if (generation == generations.active()) {
                store.bindTo(registry);
              } else if (generation > generations.active()) {
                // A rebuild's: empty (the rebuild dropped any leftovers first) and written by it
                // alone
                // until the switch, after which every instance's consumer writes it.
                store.assumeOnlyWriterOfEmpty();
                generations.onSwitch(
                    active -> {
                      if (active == generation) {
                        store.stopAssumingOnlyWriter();
                        store.bindTo(registry);
                      }
                    });
              }
              return store;
            });
    return new BatchingProjectionStore(
        byGeneration, writtenLast.orderedStream().flatMap(w -> w.kinds().stream()).toList());
  }

  @Bean
  PositionStore positionStore(MongoDatabase queryDatabase, Clock clock, Generations generations) {
    return new PositionStore(queryDatabase, clock, generations::name);
  }

  @Bean
  ConsumerMetrics consumerMetrics(MeterRegistry registry, Clock clock) {
    return new ConsumerMetrics(registry, clock);
  }

  /**
   * The {@code consumer} member of the readiness group, there on every instance (the group names it
   * whether or not this one consumes).
   */
  @Bean
  ConsumerHealth consumerHealthIndicator(
      ConsumerMetrics metrics,
      ObjectProvider<EventConsumer> consumer,
      ConsumerProperties properties) {
    return new ConsumerHealth(
        metrics, () -> consumer.getIfAvailable() != null, properties.laggingAfter());
  }

  @Bean
  EventApplier eventApplier(ProjectionStore store, EventHandler handler, ConsumerMetrics metrics) {
    return new EventApplier(store, handler, metrics);
  }

  @Bean
  ParkingStore parkingStore(MongoDatabase queryDatabase, Generations generations) {
    return new MongoParkingStore(queryDatabase, generations::name);
  }

  @Bean
  SequenceGaps skippedSequences(ParkingStore store) {
    return new SkippedSequences(store);
  }

  @Bean
  Parking parking(
      ConsumerProperties consumer,
      ParkingProperties properties,
      EventApplier applier,
      ParkingStore store,
      EventCodec codec,
      ConsumerMetrics metrics,
      Clock clock) {
    return new Parking(consumer.topic(), applier, store, codec, properties, metrics, clock);
  }

  @Bean
  @ConditionalOnProperty(
      name = "coordination.kafka.consumer-enabled",
      havingValue = "true",
      matchIfMissing = true)
  EventConsumer eventConsumer(
      ConsumerProperties properties,
      EventCodec codec,
      Parking parking,
      PositionStore positions,
      ConsumerMetrics metrics,
      Generations generations) {
    return new EventConsumer(properties, codec, parking, positions, metrics, generations);
  }
}
