package jp.coordination.command.personaldata;

import com.mongodb.client.MongoClient;
import jp.coordination.events.personaldata.LocalMasterKey;
import jp.coordination.events.personaldata.MasterKey;
import jp.coordination.platform.security.ProfileGuards;
import org.springframework.boot.autoconfigure.mongo.MongoProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The master key and the key store. The master key comes from {@code PERSONAL_DATA_MASTER_KEY}; the
 * production profile refuses to start with the published development key. A KMS-backed {@link
 * MasterKey} bean replaces {@link LocalMasterKey} without touching anything else.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PersonalDataProperties.class)
@org.springframework.scheduling.annotation.EnableScheduling
public class PersonalDataConfiguration {

  /** The profile of a production deployment. */
  public static final String PRODUCTION = "production";

  @Bean
  MasterKey masterKey(PersonalDataProperties properties, Environment environment) {
    // A key must be set; the published development key only with the local profile (compared
    // by its decoded bytes, in constant time).
    ProfileGuards.requireMasterKey(environment, properties.masterKey());
    return LocalMasterKey.fromBase64(properties.masterKey());
  }

  @Bean
  HouseholdKeys householdKeys(MongoClient client, MongoProperties mongo, MasterKey masterKey) {
    return new MongoHouseholdKeys(
        client
            .getDatabase(mongo.getMongoClientDatabase())
            .getCollection(MongoHouseholdKeys.COLLECTION),
        masterKey);
  }

  @Bean
  ErasureSchedule erasureSchedule(MongoClient client, MongoProperties mongo) {
    return new MongoErasureSchedule(
        client
            .getDatabase(mongo.getMongoClientDatabase())
            .getCollection(MongoErasureSchedule.COLLECTION));
  }
}
