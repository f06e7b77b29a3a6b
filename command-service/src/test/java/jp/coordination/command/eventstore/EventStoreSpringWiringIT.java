package jp.coordination.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import jp.coordination.command.publication.PendingPublications;
import jp.coordination.command.publication.PublicationConfiguration;
import jp.coordination.infra.embedded.EmbeddedMongo;
import jp.coordination.platform.security.ProfileGuards;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With Boot's auto-configuration, Axon's event store is built around our storage engine. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {"coordination.publication.enabled=false", "axon.axonserver.enabled=false"})
@ActiveProfiles(ProfileGuards.LOCAL)
class EventStoreSpringWiringIT {
  private static final EmbeddedMongo MONGO = EmbeddedMongo.inMemory();

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import({EventStoreConfiguration.class, PublicationConfiguration.class})
  static class Wiring {}

  @DynamicPropertySource
  static void mongo(DynamicPropertyRegistry registry) {
    registry.add("spring.data.mongodb.uri", () -> MONGO.connectionString() + "/wiring");
    registry.add("coordination.kafka.bootstrap-servers", () -> "127.0.0.1:1");
    registry.add("coordination.kafka.topic", () -> "t");
    registry.add("coordination.kafka.partitions", () -> "1");
    registry.add("coordination.kafka.replication-factor", () -> "1");
  }

  @AfterAll
  static void stopMongo() {
    MONGO.close();
  }

  @Autowired EventStore eventStore;
  @Autowired EventStreams eventStreams;
  @Autowired PendingPublications pendingPublications;

  @Test
  void axon_event_store_uses_the_mongo_stream_engine() {
    assertThat(eventStore).isInstanceOf(EmbeddedEventStore.class);
    String id = TestEvents.newId();
    eventStore.publish(TestEvents.applied(TestEvents.registered(id, "AOBA"), 0, id));
    assertThat(eventStreams.aggregateTypeOf(id)).contains("Household");
    assertThat(pendingPublications.list(10)).extracting(m -> m.aggregateId()).contains(id);
  }
}
