package jp.coordination.command.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import jp.coordination.command.eventstore.EventStreamCollections;
import jp.coordination.command.eventstore.StoredEvents;
import jp.coordination.command.personaldata.HouseholdKeys;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit trail's parts, over the event store's database. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

  @Bean
  Checkpoints auditCheckpoints(
      EventStreamCollections collections, AuditProperties properties, ObjectProvider<Clock> clock) {
    MongoDatabase database = collections.database();
    return new Checkpoints(
        collections.streams(),
        database.getCollection(Checkpoints.COLLECTION),
        clock.getIfUnique(Clock::systemUTC),
        properties.checkpointKey().getBytes(StandardCharsets.UTF_8));
  }

  @Bean
  IntegrityVerifier integrityVerifier(
      EventStreamCollections collections,
      StoredEvents storedEvents,
      Checkpoints checkpoints,
      ObjectProvider<Clock> clock) {
    return new IntegrityVerifier(
        collections.streams(), storedEvents, checkpoints, clock.getIfUnique(Clock::systemUTC));
  }

  @Bean
  AccessRecords accessRecords(EventStreamCollections collections) {
    return new AccessRecords(collections.database().getCollection(AccessRecords.COLLECTION));
  }

  @Bean
  AuditEvents auditEvents(
      EventStreamCollections collections,
      AccessRecords accessRecords,
      HouseholdKeys householdKeys,
      StoredEvents storedEvents,
      ObjectProvider<Clock> clock) {
    ObjectMapper mapper = storedEvents.codec().mapper();
    return new AuditEvents(
        collections.streams(),
        accessRecords,
        householdKeys,
        mapper,
        clock.getIfUnique(Clock::systemUTC));
  }

  @Bean
  CheckpointSchedule checkpointSchedule(
      Checkpoints checkpoints, AuditProperties properties, jp.coordination.command.lease.Leases leases) {
    return new CheckpointSchedule(
        checkpoints,
        properties.checkpointInterval(),
        leases.of(jp.coordination.command.lease.Leases.AUDIT_CHECKPOINTS)::held);
  }
}
