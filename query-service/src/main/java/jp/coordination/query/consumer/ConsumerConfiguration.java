package jp.coordination.query.consumer;

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

  @Bean
  ProjectionStore projectionStore(
      MongoDatabase queryDatabase, MeterRegistry registry, ObjectProvider<WrittenLast> writtenLast) {
    MongoProjectionStore store = new MongoProjectionStore(queryDatabase, EventCodec.newMapper());
    store.bindTo(registry);
    return new BatchingProjectionStore(
        store, writtenLast.orderedStream().flatMap(w -> w.kinds().stream()).toList());
  }

  @Bean
  PositionStore positionStore(MongoDatabase queryDatabase, Clock clock) {
    return new PositionStore(queryDatabase, clock);
  }

  @Bean
  ConsumerMetrics consumerMetrics(MeterRegistry registry, Clock clock) {
    return new ConsumerMetrics(registry, clock);
  }

  @Bean
  EventApplier eventApplier(ProjectionStore store, EventHandler handler, ConsumerMetrics metrics) {
    return new EventApplier(store, handler, metrics);
  }

  @Bean
  ParkingStore parkingStore(MongoDatabase queryDatabase) {
    return new MongoParkingStore(queryDatabase);
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
      ConsumerMetrics metrics) {
    return new EventConsumer(properties, codec, parking, positions, metrics);
  }
}
