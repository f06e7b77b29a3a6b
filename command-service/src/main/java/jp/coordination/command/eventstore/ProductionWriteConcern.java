package jp.coordination.command.eventstore;

import com.mongodb.WriteConcern;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * In production a write counts only once a majority of the replica set has it in its journal
 * ({@code w: majority, j: true}): a command is answered 2xx as soon as its events are appended, so
 * the append must survive a crash of the primary and a failover. Applied after the connection
 * string, so a {@code MONGODB_URI} that asks for less cannot weaken it. The local stand-in ignores
 * write concerns; it makes every write durable itself (docs/ARCHITECTURE.md, "Durability of the
 * local stand-in").
 */
@Configuration(proxyBeanMethods = false)
@Profile("production")
public class ProductionWriteConcern {

  static final WriteConcern MAJORITY_JOURNALED = WriteConcern.MAJORITY.withJournal(true);

  @Bean
  MongoClientSettingsBuilderCustomizer majorityJournaledWrites() {
    return settings -> settings.writeConcern(MAJORITY_JOURNALED);
  }
}
