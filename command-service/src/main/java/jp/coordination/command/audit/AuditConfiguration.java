package jp.coordination.command.audit;

import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import jp.coordination.command.eventstore.EventStreamCollections;
import jp.coordination.command.eventstore.StoredEvents;
import jp.coordination.command.personaldata.HouseholdKeys;
import jp.coordination.platform.security.ProfileGuards;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The audit trail's parts, over the event store's database. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

  /** The shortest checkpoint key the production profile accepts: 256 bits, HMAC-SHA256's size. */
  public static final int MIN_PRODUCTION_KEY_BYTES = 32;

  @Bean
  Checkpoints auditCheckpoints(
      EventStreamCollections collections,
      AuditProperties properties,
      ObjectProvider<Clock> clock,
      Environment environment) {
    MongoDatabase database = collections.database();
    return new Checkpoints(
        collections.streams(),
        database.getCollection(Checkpoints.COLLECTION),
        clock.getIfUnique(Clock::systemUTC),
        checkpointKey(properties, environment));
  }

  /**
   * The HMAC key of checkpoints. The production profile refuses to start without one of at least
   * {@value #MIN_PRODUCTION_KEY_BYTES} bytes: without a key, whoever can write {@code
   * audit_checkpoints} can replace the whole checkpoint chain undetectably (docs/AUDIT.md).
   */
  static byte[] checkpointKey(AuditProperties properties, Environment environment) {
    byte[] key = properties.checkpointKey().getBytes(StandardCharsets.UTF_8);
    boolean production =
        Arrays.asList(environment.getActiveProfiles()).contains(ProfileGuards.PRODUCTION);
    if (production && key.length < MIN_PRODUCTION_KEY_BYTES) {
      throw new IllegalStateException(
          "Refusing to start: the production profile needs an audit checkpoint key: set AUDIT_CHECKPOINT_KEY"
              + " (at least "
              + MIN_PRODUCTION_KEY_BYTES
              + " random bytes as text, kept outside MongoDB).");
    }
    return key;
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
  ActorDirectory actorDirectory(EventStreamCollections collections, ObjectProvider<Clock> clock) {
    return new ActorDirectory(
        collections.database().getCollection(ActorDirectory.COLLECTION),
        clock.getIfUnique(Clock::systemUTC));
  }

  @Bean
  AuditEvents auditEvents(
      EventStreamCollections collections,
      AccessRecords accessRecords,
      ActorDirectory actorDirectory,
      HouseholdKeys householdKeys,
      StoredEvents storedEvents,
      ObjectProvider<Clock> clock) {
    return new AuditEvents(
        collections.streams(),
        accessRecords,
        actorDirectory,
        householdKeys,
        storedEvents.codec(),
        clock.getIfUnique(Clock::systemUTC));
  }

  @Bean
  CheckpointSchedule checkpointSchedule(
      Checkpoints checkpoints,
      AuditProperties properties,
      jp.coordination.command.lease.Leases leases) {
    return new CheckpointSchedule(
        checkpoints,
        properties.checkpointInterval(),
        leases.of(jp.coordination.command.lease.Leases.AUDIT_CHECKPOINTS)::held);
  }
}
