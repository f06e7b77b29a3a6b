package jp.coordination.query;

import com.mongodb.WriteConcern;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * In production a write of the read side counts only once a majority of the replica set has it in
 * its journal ({@code w: majority, j: true}), as on the command side: a view and the consumer
 * position stored with it must not roll back in a failover behind what was already shown. Applied
 * after the connection string, so a {@code QUERY_MONGODB_URI} that asks for less cannot weaken it.
 * The local stand-in ignores write concerns; it makes every write durable itself
 * (docs/ARCHITECTURE.md, "Durability of the local stand-in").
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
